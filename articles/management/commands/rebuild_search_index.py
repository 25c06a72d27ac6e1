import time

from django.core.management.base import BaseCommand

from articles.search_index import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rewrite the site search index from the content: every public or scheduled article, "
        "published glossary term and reference. Run it after bulk changes that skip signals "
        "(QuerySet.update(), bulk_create(), raw SQL or a restored backup)."
    )

    def handle(self, *args, **options):
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
