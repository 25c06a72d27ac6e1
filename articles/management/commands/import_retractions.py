"""python manage.py import_retractions FILE.csv: the Retraction Watch list, matched to our
references by DOI and PubMed ID (articles/retractions.py)."""

from django.core.management.base import BaseCommand, CommandError

from articles.retractions import RetractionListError, import_retractions


class Command(BaseCommand):
    help = (
        "Import a retraction list in the Retraction Watch CSV format (retraction_watch.csv, as "
        "Crossref publishes it) and match it to our references by DOI and PubMed ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file.")

    def handle(self, *args, **options):
        def progress(done, total):
            if options["verbosity"] >= 1 and total:
                self.stdout.write(f"Read {done} of {total} rows ({100 * done // total}%).")

        try:
            with open(options["file"], "rb") as file:
                summary = import_retractions(file, progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from error
        except RetractionListError as error:
            raise CommandError(str(error)) from error
        for line in summary.lines():
            self.stdout.write(line)
