"""`python manage.py make_renditions`: make the missing renditions of every figure image.

Idempotent: renditions already in storage are not encoded again, and a figure whose recorded
renditions match its image is left alone (`--force` records them again, finding the files
that exist). `load_demo` and `prepare_local_site` run it.
"""

from django.core.management.base import BaseCommand

from articles.models import Figure
from articles.renditions import renditions_are_current


class Command(BaseCommand):
    help = "Make the smaller WebP/AVIF copies of figure images that are missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Check every figure's files again."
        )

    def handle(self, *args, force=False, **options):
        made = failed = 0
        for figure in Figure.objects.exclude(image="").iterator():
            if not force and renditions_are_current(figure):
                continue
            figure.refresh_renditions()
            if figure.renditions:
                made += 1
            else:
                failed += 1
                self.stderr.write(f"Could not read the image of figure {figure.pk}: {figure.image}")
            figure.save(update_fields=["renditions", "width", "height"])
        self.stdout.write(f"Renditions made or checked for {made} figure(s); {failed} failed.")
