import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

POSTGRESQL_HINT = (
    "backup_db copies SQLite databases only. For PostgreSQL use pg_dump "
    "(see “Backups” in README.md)."
)


def read_only_uri(path):
    return Path(path).resolve().as_uri() + "?mode=ro"


def integrity_problem(path):
    """None if the file is a sound SQLite database of this site, else what is wrong."""
    try:
        with sqlite3.connect(read_only_uri(path), uri=True) as db:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "it is damaged (PRAGMA integrity_check failed)"
            tables = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()[0]
            if not tables:
                return "it is not a database of this site (no django_migrations table)"
    except sqlite3.DatabaseError as error:
        return f"it is not a SQLite database ({error})"
    return None


class Command(BaseCommand):
    help = (
        "Back up the SQLite database to a file, safely while the site is running (SQLite's "
        "online backup API: a consistent copy, never a half-written file)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the backup, e.g. backups/site.sqlite3")
        parser.add_argument(
            "--force", action="store_true", help="Replace the file if it already exists."
        )

    def handle(self, *args, path, force, **options):
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRESQL_HINT)
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(f"{target} already exists. Use --force to replace it.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)

        connection.ensure_connection()
        with sqlite3.connect(partial) as copy:
            # One step: a consistent snapshot. In WAL mode writers carry on meanwhile.
            connection.connection.backup(copy)
        copy.close()
        problem = integrity_problem(partial)
        if problem:
            partial.unlink(missing_ok=True)
            raise CommandError(f"The backup was not written: {problem}.")
        os.replace(partial, target)
        size_kb = target.stat().st_size // 1024
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {target} ({size_kb} KB)."))
