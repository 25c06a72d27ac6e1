from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.models import ReviewerProfile


class Command(BaseCommand):
    help = "Set how a medical reviewer is named to readers: name and credentials."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("display_name")
        parser.add_argument("credentials", nargs="?", default="")

    def handle(self, *args, username, display_name, credentials, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called “{username}”.")
        ReviewerProfile.objects.update_or_create(
            user=user, defaults={"display_name": display_name, "credentials": credentials}
        )
        self.stdout.write(f"{username} is shown to readers as {display_name}, {credentials}.")
