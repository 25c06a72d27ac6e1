import sqlite3
from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_db import integrity_problem, read_only_uri

POSTGRESQL_HINT = (
    "restore_db restores SQLite databases only. For PostgreSQL use pg_restore "
    "(see “Backups” in README.md)."
)


class Command(BaseCommand):
    help = (
        "Replace the contents of the configured SQLite database with a backup made by "
        "backup_db. Stop the app servers first: readers would see the site change under them."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path, interactive, **options):
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRESQL_HINT)
        backup = Path(path)
        if not backup.is_file():
            raise CommandError(f"There is no backup file at {backup}.")
        problem = integrity_problem(backup)
        if problem:
            raise CommandError(f"{backup} cannot be restored: {problem}.")
        database = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in {database} with {backup}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")

        connection.ensure_connection()
        with sqlite3.connect(read_only_uri(backup), uri=True) as source:
            source.backup(connection.connection)
        source.close()
        # Cached pages and renderings describe the old contents.
        cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored {database} from {backup}."))
