import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

PASSWORD_FILE = ".admin-password"


class Command(BaseCommand):
    help = (
        "For `make run`: load the demo content once (on an empty site) and make sure an "
        "admin account with a generated password exists, then say how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--port", default=None)

    def handle(self, *args, username, port, **options):
        call_command("load_demo", "--if-empty", stdout=self.stdout)

        password_file = Path(settings.BASE_DIR) / PASSWORD_FILE
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                User.objects.create_superuser(username, "", password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        port = port or os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"\nSign in to the admin at http://127.0.0.1:{port}/admin/\n"
                f"  username: {username}\n  password: {password}\n"
                f"(The password is generated for this copy and kept in {PASSWORD_FILE}; "
                f"delete that file to get a new one.)\n"
            )
        )
