import time

from django.core.management.base import BaseCommand

from articles.search_index import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rewrite the site search index from the content: every public or scheduled article, "
        "published glossary term and reference. Run it after bulk changes that skip signals "
        "(QuerySet.update(), bulk_create(), raw SQL or a restored backup)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the rebuild as a background job (see the admin's Jobs) and return.",
        )

    def handle(self, *args, background=False, **options):
        if background:
            from articles.jobs import REBUILD_SEARCH_INDEX
            from site_config.jobs import enqueue

            job = enqueue(REBUILD_SEARCH_INDEX, description="Rebuild the search index")
            self.stdout.write(f"Job {job.pk}: {job.get_state_display().lower()}.")
            return
        started = time.perf_counter()
        counts = rebuild_search_index()
        self.stdout.write(
            "Indexed {article} article{article_s}, {term} glossary term{term_s} and "
            "{reference} reference{reference_s} in {seconds:.1f} s.".format(
                **counts,
                article_s="" if counts["article"] == 1 else "s",
                term_s="" if counts["term"] == 1 else "s",
                reference_s="" if counts["reference"] == 1 else "s",
                seconds=time.perf_counter() - started,
            )
        )
