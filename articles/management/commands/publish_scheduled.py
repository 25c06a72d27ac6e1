from django.core.management.base import BaseCommand

from articles.workflow import publish_due_drafts


class Command(BaseCommand):
    help = (
        "Publish the drafts of published articles whose scheduled time has come. The site "
        "does this by itself on the first request after that time; this is for operators."
    )

    def handle(self, *args, **options):
        published = publish_due_drafts()
        self.stdout.write(f"Published {len(published)} scheduled change(s).")
