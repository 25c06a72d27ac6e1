import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.core.management.base import BaseCommand

PASSWORD_FILE = ".admin-password"
# One account per editorial role, to try the workflow: (username, group, first, last name).
ROLE_ACCOUNTS = [
    ("editor", "Editor", "Elin", "Editor"),
    ("reviewer", "Medical reviewer", "Amara", "Osei"),
    ("publisher", "Publisher", "Pat", "Publisher"),
]


class Command(BaseCommand):
    help = (
        "For `make run`: load the demo content once (on an empty site), make sure an admin "
        "account and one account per editorial role exist, each with a generated password, "
        "then say how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--port", default=None)

    def handle(self, *args, username, port, **options):
        call_command("load_demo", "--if-empty", stdout=self.stdout)
        # Figures uploaded before renditions existed (or whose files were lost) get them now.
        call_command("make_renditions", stdout=self.stdout)

        password_file = Path(settings.BASE_DIR) / PASSWORD_FILE
        User = get_user_model()
        regenerated = False
        if not password_file.exists() or not User.objects.filter(username=username).exists():
            regenerated = True
            password = secrets.token_urlsafe(12)
            user = User.objects.filter(username=username).first()
            if user is None:
                User.objects.create_superuser(username, "", password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        password = password_file.read_text().split()[0]
        for role_username, group_name, first, last in ROLE_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=role_username,
                defaults={"first_name": first, "last_name": last, "is_staff": True},
            )
            if created or regenerated:
                user.set_password(password)
                user.save(update_fields=["password"])
            if created:
                group = Group.objects.filter(name=group_name).first()
                if group is not None:
                    user.groups.add(group)
                if role_username == "reviewer":
                    call_command(
                        "set_reviewer_profile",
                        role_username,
                        "Dr Amara Osei",
                        "MD, consultant endocrinologist",
                        stdout=self.stdout,
                    )
        port = port or os.environ.get("PORT", "8000")
        # Feed and sitemap links carry the site's domain (contrib.sites): here, this server.
        Site.objects.filter(pk=settings.SITE_ID, domain__in=["127.0.0.1", "example.com"]).update(
            domain=f"127.0.0.1:{port}", name=f"127.0.0.1:{port}"
        )
        roles = ", ".join(username for username, *_ in ROLE_ACCOUNTS)
        self.stdout.write(
            self.style.SUCCESS(
                f"\nSign in to the admin at http://127.0.0.1:{port}/admin/\n"
                f"  username: {username}\n  password: {password}\n"
                f"To try the editorial workflow, sign in as {roles} with the same password.\n"
                f"(The password is generated for this copy and kept in {PASSWORD_FILE}; "
                f"delete that file to get a new one for the admin account.)\n"
            )
        )
