"""Search, tag-page and list-page speed as the number of articles grows.

    .venv/bin/python bench/search_bench.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/search_bench.py --backends sqlite --sizes 100 1000
    .venv/bin/python bench/search_bench.py --pg-url postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/search_bench.py --sizes 100 --long-article   # plus one 2 MB article

With --long-article, one more article of about 2 MB of text (made of the six words searched
for, over and over: the worst case for snippets) is indexed after the last size, and a
six-word search is timed (the generated articles are then only its background, not timed);
its time must not depend on the article's length (articles/search_index.py caps what is
indexed).

For each database it builds 100, then 1,000, then 10,000 generated articles of 30 sections
(written with bulk_create, then indexed by `rebuild_search_index`, as after an import), runs
a fixed set of queries through the search page with Django's test client, and times the tag
page and the article list. Pages are timed uncached (the whole-page cache is off), in one
process, no server: this measures the application and the database, not the network.

SQLite uses a throwaway file in a temporary folder; PostgreSQL a database of its own, named
in --pg-url, which is dropped and created again (never point it at real data).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTIONS_PER_ARTICLE = 30
WORDS_PER_SECTION = 60
TAGS = 200
TAGS_PER_ARTICLE = 3
TIMED_REPEATS = 5

# Words readers search for, from very common to rare: in the generated text the first
# appears in nearly every article and the last in about one in a hundred, as on a real site.
TOPIC_WORDS = """
    hormone sleep stress receptor oxytocin cortisol estrogen blood pressure heart pregnancy
    menopause bone muscle memory exercise nutrition metabolism anxiety depression insulin
    thyroid appetite puberty fertility dopamine serotonin prolactin vasopressin bonding ovary
    pituitary hypothalamus adrenal melatonin circadian inflammation breastfeeding aromatase
    testosterone allopregnanolone gonadorelin
""".split()  # noqa: SIM905
COMMON_WORDS = "the of and in to a is that for with as on by are this can".split()  # noqa: SIM905

QUERIES = [
    "hormone",  # in almost every article
    "sleep stress",
    "oxytocin receptor",
    '"oxytocin receptor"',
    "cortisol -sleep",
    "melatonin OR circadian",
    "menopause estrogen bone",
    "allopregnanolone",
    "gonadorelin",  # rare
    "aromatase inhibitor",
    '"blood pressure" heart',
    "pituitary hypothalamus adrenal",
    "breastfeeding prolactin -anxiety",
    "thyroid OR insulin OR metabolism",
    "Article 42",  # a title
    "kolunemi",  # a filler word
    "zzzzqqq",  # nothing
    "'; DROP TABLE articles_article; --",
    '"" - OR ( ) * : NEAR',
    "x" * 300,
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/search_bench")
    parser.add_argument("--long-article", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.worker, args.sizes, args.long_article)
        return
    started = time.perf_counter()
    rows = []
    for backend in args.backends:
        rows += run_backend(backend, args.sizes, args.pg_url, args.long_article)
    long_rows = [row for row in rows if "long_article_chars" in row]
    rows = [row for row in rows if "long_article_chars" not in row]
    if rows:
        print_table(rows)
        print_queries(rows)
    print_long_article(long_rows)
    print(f"\nTotal time: {time.perf_counter() - started:.0f} s")


def run_backend(backend, sizes, pg_url, long_article=False):
    """Run the measurements in a fresh process (Django binds to one database per process)."""
    with tempfile.TemporaryDirectory(prefix="search-bench-") as folder:
        if backend == "sqlite":
            database_url = f"sqlite:///{folder}/bench.sqlite3"
        else:
            database_url = pg_url
            recreate_postgres_database(pg_url)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "search-bench",
            "DEBUG": "0",
            "HTTPS": "0",
            "PAGE_CACHE": "0",
            "REDIS_URL": "",
            "SEARCH_RATE_LIMIT": str(10**9),
            "STATIC_ROOT": f"{folder}/static",
            "MEDIA_ROOT": f"{folder}/media",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "site_config.settings",
        }
        command = [sys.executable, __file__, "--worker", backend, "--sizes", *map(str, sizes)]
        if long_article:
            command.append("--long-article")
        output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
        rows = [json.loads(line) for line in output.stdout.splitlines() if line.startswith("{")]
        for row in rows:
            print(f"  {backend}: {row.get('articles')} articles measured", file=sys.stderr)
        return rows


def recreate_postgres_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')


def run_worker(backend, sizes, long_article=False):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(2024)
    vocabulary = Vocabulary(rng)
    tags = create_tags()
    made = 0
    for size in sorted(sizes):
        started = time.perf_counter()
        create_content(rng, vocabulary, tags, first=made, count=size - made)
        generated = time.perf_counter() - started
        made = size
        from articles.search_index import rebuild_search_index

        started = time.perf_counter()
        rebuild_search_index()
        indexed = time.perf_counter() - started
        analyse(backend)
        if long_article:
            continue  # the generated articles are the background; only the long one is timed
        row = {"backend": backend, "articles": size, "generate_s": generated, "index_s": indexed}
        row.update(time_search())
        row.update(time_pages(tags))
        print(json.dumps(row), flush=True)
    if long_article:
        print(json.dumps({"backend": backend, **time_long_article()}), flush=True)


LONG_ARTICLE_QUERY = "hormone sleep stress receptor oxytocin cortisol"


def time_long_article(size=2_000_000):
    """Index one article of about `size` characters made of the six query words, and time
    the six-word search (page and engine)."""
    from django.test import Client

    from articles.models import Article, SearchEntry, Section
    from articles.search import parse_query, run_search
    from articles.search_index import index_article

    rng = random.Random(7)
    words = LONG_ARTICLE_QUERY.split()
    text = " ".join(rng.choice(words) for _ in range(size // 7))
    article = Article.objects.create(
        title="The longest article",
        slug="the-longest-article",
        summary="One article of about two megabytes.",
        status=Article.Status.PUBLISHED,
        authors="Bench Writer",
        reviewed_by="Dr Bench Reviewer, MD",
    )
    chunk = Section._meta.get_field("body").max_length - 100
    Section.objects.bulk_create(
        Section(article=article, position=n, heading=f"Part {n}?", anchor=f"part-{n}",
                body=text[start : start + chunk])
        for n, start in enumerate(range(0, len(text), chunk))
    )  # fmt: skip
    started = time.perf_counter()
    index_article(article.pk)
    indexed = time.perf_counter() - started
    entry = SearchEntry.objects.get(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk)
    client = Client()
    client.get("/search/", {"q": LONG_ARTICLE_QUERY})
    page = timed(lambda: check(client.get("/search/", {"q": LONG_ARTICLE_QUERY})))
    engine = timed(lambda: run_search(parse_query(LONG_ARTICLE_QUERY)))
    return {
        "long_article_chars": len(text),
        "indexed_body_chars": len(entry.body),
        "excerpt_chars": len(entry.excerpt),
        "index_s": indexed,
        "search_median_ms": statistics.median(page),
        "engine_median_ms": statistics.median(engine),
    }


def print_long_article(rows):
    if not rows:
        return
    print(f"\nOne long article, six-word search `{LONG_ARTICLE_QUERY}` (medians):\n")
    print("| database | article chars | indexed body chars | excerpt chars | index s | "
          "search page ms | engine ms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['backend']} | {row['long_article_chars']:,} | "
            f"{row['indexed_body_chars']:,} | {row['excerpt_chars']:,} | {row['index_s']:.1f} | "
            f"{row['search_median_ms']:.1f} | {row['engine_median_ms']:.1f} |"
        )


class Vocabulary:
    """Filler words plus the topic words, drawn with Zipf-like frequencies (1 / rank)."""

    def __init__(self, rng):
        syllables = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu", "ba", "ge")
        filler = {
            "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)
        }
        self.words = COMMON_WORDS + sorted(filler)
        rng.shuffle(self.words)
        # Topic word i goes to a rank spread evenly on a log scale from 20 to the last.
        last = len(self.words)
        for index, word in enumerate(TOPIC_WORDS):
            rank = round(20 * (last / 20) ** (index / (len(TOPIC_WORDS) - 1)))
            self.words.insert(min(rank, len(self.words)), word)
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(self.words))))

    def text(self, rng, count):
        return " ".join(rng.choices(self.words, cum_weights=self.cumulative, k=count))


def create_tags():
    from taggit.models import Tag

    Tag.objects.bulk_create([Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(TAGS)])
    return list(Tag.objects.order_by("pk"))


def create_content(rng, vocabulary, tags, first, count):
    """`count` published articles of 30 sections, tagged, plus a term and a reference for
    every ten articles, written in bulk (signals skipped: the index is rebuilt after)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from taggit.models import TaggedItem

    from articles.models import Article, Reference, Section
    from glossary.models import Term

    levels = [choice for choice, _ in Section.Level.choices]
    article_type = ContentType.objects.get_for_model(Article)
    batch = 500
    for start in range(first, first + count, batch):
        numbers = range(start, min(start + batch, first + count))
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                [
                    Article(
                        title=f"Article {n}: {vocabulary.text(rng, 5)}",
                        slug=f"article-{n}",
                        summary=vocabulary.text(rng, 30)[:290],
                        status=Article.Status.PUBLISHED,
                        authors="Bench Writer",
                        reviewed_by="Dr Bench Reviewer, MD",
                    )
                    for n in numbers
                ]
            )
            if not articles[0].pk:  # backends that cannot return ids from bulk inserts
                articles = list(Article.objects.filter(slug__in=[a.slug for a in articles]))
            Section.objects.bulk_create(
                [
                    Section(
                        article=article,
                        position=position,
                        level=levels[position * len(levels) // SECTIONS_PER_ARTICLE],
                        heading=f"What about {vocabulary.text(rng, 3)}?",
                        anchor=f"part-{position}",
                        body=vocabulary.text(rng, WORDS_PER_SECTION),
                    )
                    for article in articles
                    for position in range(SECTIONS_PER_ARTICLE)
                ],
                batch_size=2000,
            )
            TaggedItem.objects.bulk_create(
                [
                    TaggedItem(content_type=article_type, object_id=article.pk, tag=tag)
                    for article in articles
                    for tag in rng.sample(tags, TAGS_PER_ARTICLE)
                ]
            )
            Term.objects.bulk_create(
                [
                    Term(
                        name=f"term {n} {vocabulary.text(rng, 2)}",
                        slug=f"term-{n}",
                        short_definition=vocabulary.text(rng, 15),
                        body=vocabulary.text(rng, 80),
                    )
                    for n in numbers[::10]
                ]
            )
            Reference.objects.bulk_create(
                [
                    Reference(
                        key=f"ref-{n}",
                        authors="Author, A.; Writer, B.",
                        year=1990 + n % 35,
                        title=vocabulary.text(rng, 8),
                        container="Journal of Generated Examples",
                    )
                    for n in numbers[::10]
                ]
            )


def analyse(backend):
    """Fresh planner statistics, as autovacuum would have after a real import."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if backend == "sqlite":
            cursor.execute("INSERT INTO articles_searchentry_fts(articles_searchentry_fts) "
                           "VALUES ('optimize')")  # fmt: skip


def timed(function, repeats=TIMED_REPEATS):
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_search():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.search import parse_query, run_search

    client = Client()
    page_samples, engine_samples, query_counts, per_query = [], [], [], []
    for q in QUERIES:
        client.get("/search/", {"q": q})  # warm the connection and the cached settings
        page = timed(lambda q=q: check(client.get("/search/", {"q": q})))
        engine = timed(lambda q=q: run_search(parse_query(q)))
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/", {"q": q})
        page_samples += page
        engine_samples += engine
        query_counts.append(len(queries))
        matches = sum(run_search(parse_query(q))[1].values())
        per_query.append([q[:40], matches, statistics.median(page), statistics.median(engine)])
    return {
        "search_median_ms": statistics.median(page_samples),
        "search_p95_ms": percentile(page_samples, 0.95),
        "engine_median_ms": statistics.median(engine_samples),
        "engine_p95_ms": percentile(engine_samples, 0.95),
        "search_queries_max": max(query_counts),
        "per_query": per_query,
    }


def time_pages(tags):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    busiest = tags[0].slug
    pages = {
        "tag": f"/tags/{busiest}/",
        "tag_page_5": f"/tags/{busiest}/?page=5",
        "list": "/articles/",
        "list_two_tags": f"/articles/?tag={busiest}&tag={tags[1].slug}",
        "topics": "/tags/",
    }
    row = {}
    for name, url in pages.items():
        client.get(url)
        samples = timed(lambda url=url: check(client.get(url)), repeats=10)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        row[f"{name}_median_ms"] = statistics.median(samples)
        row[f"{name}_queries"] = len(queries)
    return row


def check(response):
    assert response.status_code == 200, response.status_code
    return response


def print_table(rows):
    print(
        f"\nSearch: {len(QUERIES)} queries x {TIMED_REPEATS} runs each through the search page "
        "(Django test client, uncached); engine = the database search alone (count, rank, "
        "snippets)."
    )
    print(
        "Pages: median of 10 uncached GETs. Articles have "
        f"{SECTIONS_PER_ARTICLE} sections of {WORDS_PER_SECTION} words; terms and references "
        "are one per ten articles.\n"
    )
    header = (
        "| database | articles | index build s | search median ms | search p95 ms | "
        "engine median ms | engine p95 ms | search queries | tag page ms (queries) | "
        "tag page 5 ms (queries) | list ms (queries) | list 2 tags ms (queries) | "
        "topics ms (queries) |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for row in rows:
        print(
            f"| {row['backend']} | {row['articles']:,} | {row['index_s']:.1f} | "
            f"{row['search_median_ms']:.1f} | {row['search_p95_ms']:.1f} | "
            f"{row['engine_median_ms']:.1f} | {row['engine_p95_ms']:.1f} | "
            f"{row['search_queries_max']} | "
            f"{row['tag_median_ms']:.1f} ({row['tag_queries']}) | "
            f"{row['tag_page_5_median_ms']:.1f} ({row['tag_page_5_queries']}) | "
            f"{row['list_median_ms']:.1f} ({row['list_queries']}) | "
            f"{row['list_two_tags_median_ms']:.1f} ({row['list_two_tags_queries']}) | "
            f"{row['topics_median_ms']:.1f} ({row['topics_queries']}) |"
        )


def print_queries(rows):
    largest = {}
    for row in rows:
        if row["articles"] >= largest.get(row["backend"], {}).get("articles", 0):
            largest[row["backend"]] = row
    for backend, row in largest.items():
        print(f"\nPer query, {backend}, {row['articles']:,} articles (medians, ms):\n")
        print("| query | matches | page | engine |")
        print("|---|---|---|---|")
        for q, matches, page, engine in row["per_query"]:
            shown = q.replace("|", "\\|")
            print(f"| `{shown}` | {matches:,} | {page:.1f} | {engine:.1f} |")


if __name__ == "__main__":
    main()
