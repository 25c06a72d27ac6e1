"""Glossary linking as the glossary grows: 100, 1,000 and 10,000 terms.

    .venv/bin/python bench/glossary_bench.py [--sizes 100 1000 10000] [--repeat 30]

Builds a throwaway SQLite database (in a temporary folder) with an article the size of
the source article (20 sections in four reading levels, about 4,000 words, a table, 10
references cited 25 times, 30 glossary terms mentioned several times each), then for each
glossary size (each glossary contains the smaller ones, every term with aliases, some
case-sensitive) prints:

- index build: reading the published terms and building the lookup index (once per
  glossary change, then shared through the cache);
- link: linking the article's sanitised HTML with a built index (what every uncached
  render pays), and how many links it made;
- page, empty cache: GET of the article page with the cache emptied first (Markdown,
  sanitising, glossary index from the database, citations, linking, template);
- page re-rendered: GET after the article's cached rendering was invalidated, as after a
  term or reference edit (Markdown comes from its cache, the index is built; citations,
  linking and template run);
- page cached: GET of the article page when nothing changed;
- SQL queries of the re-rendered and the cached page.

Times are medians of --repeat runs, in milliseconds, on this machine, in one process
(Django's test client, local-memory cache, no network).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_SECTION = 200
SECTIONS = 20
REFERENCES = 10
TERMS_MENTIONED = 30


def configure_django(database_path):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ.setdefault("SECRET_KEY", "glossary-bench-only")
    os.environ["DEBUG"] = "0"
    os.environ["HTTPS"] = "0"
    os.environ.pop("REDIS_URL", None)  # one process: the local-memory cache
    import django

    django.setup()
    from django.conf import settings

    # Templates resolve {% static %} without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "fe", "gu", "zo", "vi", "de", "ba")


def pseudo_words(rng, count):
    """Distinct made-up words (never English, so filler text never hits a term by luck)."""
    assert count < len(SYLLABLES) ** 4, "not enough distinct words"
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + "x")
    return sorted(words)


def glossary_rows(size_limit):
    """Term rows for the largest glossary; a smaller glossary is a prefix of it."""
    rng = random.Random(20241)
    vocabulary = pseudo_words(rng, 6000)
    rng.shuffle(vocabulary)
    rows, seen = [], set()
    while len(rows) < size_limit:
        name = " ".join(rng.sample(vocabulary, rng.choice([1, 1, 2, 2, 2, 3, 4])))
        if name in seen:
            continue
        seen.add(name)
        number = len(rows)
        abbreviation = "".join(word[0] for word in name.split()).upper() + str(number)
        synonym = " ".join(rng.sample(vocabulary, 2))
        rows.append(
            {
                "name": name,
                "slug": f"term-{number}",
                "aliases": f"{abbreviation}\n{synonym}",
                "short_definition": f"Definition of {name}, one plain sentence for readers.",
                "case_sensitive": number % 10 == 0,
            }
        )
    return rows


def article_sections(mentioned_terms):
    """About 4,000 words: filler prose with term mentions and citations sprinkled in."""
    rng = random.Random(7)
    filler = [f"word{n}" for n in range(400)] + ["the", "of", "and", "in", "a", "to", "is"]
    sections = []
    for position in range(SECTIONS):
        paragraphs = []
        for _ in range(4):
            words = rng.choices(filler, k=WORDS_PER_SECTION // 4)
            for _ in range(3):
                term = rng.choice(mentioned_terms)
                spelling = term["name"] if rng.random() < 0.8 else term["aliases"].split()[0]
                words.insert(rng.randrange(len(words)), spelling)
            words.insert(rng.randrange(len(words)), f"[@ref-{rng.randrange(REFERENCES)}]")
            paragraphs.append(" ".join(words) + ".")
        if position % 5 == 2:
            paragraphs.append(
                "| measure | value | note |\n|---|---|---|\n"
                + "\n".join(
                    f"| {rng.choice(filler)} | {n} | {rng.choice(filler)} |" for n in range(6)
                )
            )
        sections.append(
            {
                "position": position,
                "level": ["fundamentals", "intermediate", "academic", "reflection"][position // 5],
                "heading": f"Question {position} about {mentioned_terms[position]['name']}?",
                "anchor": f"question-{position}",
                "body": "\n\n".join(paragraphs),
                "takeaway": f"In short, {rng.choice(mentioned_terms)['name']} matters.",
            }
        )
    return sections


def count_queries(function):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        function()
        # Read now: the next request clears the connection's query log.
        return len(queries.captured_queries)


def median_ms(function, repeat):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        configure_django(Path(folder) / "bench.sqlite3")
        run(options.sizes, options.repeat)


def run(sizes, repeat):
    from django.core.cache import cache
    from django.test import Client

    from articles.citations import CitationNumbering
    from articles.models import Article, ArticleReference, Reference, Section
    from articles.rendered_article import reference_ids_by_key
    from glossary.linking import GlossaryIndex, GlossaryLinker, get_glossary_index
    from glossary.models import Term
    from site_config import cache_keys
    from site_config.cache_keys import article_generation
    from site_config.markdown import render_markdown, unmark_citations

    all_rows = glossary_rows(max(sizes))
    mentioned = all_rows[: min(100, len(all_rows))][:TERMS_MENTIONED]
    Term.objects.bulk_create(Term(**row) for row in all_rows[: min(sizes)])

    article = Article.objects.create(
        title="Benchmark article",
        slug="benchmark-article",
        summary="An article the size of the source article.",
        status=Article.Status.PUBLISHED,
    )
    references = [
        Reference.objects.create(key=f"ref-{n}", authors=f"Author{n}, A.", title=f"Study {n}")
        for n in range(REFERENCES)
    ]
    for position, reference in enumerate(references):
        ArticleReference.objects.create(article=article, reference=reference, position=position)
    Section.objects.bulk_create(
        Section(article=article, **section) for section in article_sections(mentioned)
    )
    sections = list(article.sections.all())
    words = sum(len((s.body + " " + s.takeaway).split()) for s in sections)

    # What the linker receives: sanitised HTML with numbered citations, in reading order.
    numbering = CitationNumbering(reference_ids_by_key(article, [r.key for r in references]))
    parts = [
        unmark_citations(numbering.render(render_markdown(text, mark_citations=True)))
        for section in sections
        for text in (section.body, section.takeaway)
    ]

    client = Client()
    url = article.get_absolute_url()
    print(
        f"Article: {len(sections)} sections, {words} words, {REFERENCES} references; "
        f"{TERMS_MENTIONED} terms mentioned. Median of {repeat} runs, milliseconds.\n"
    )
    header = (
        "| terms | names (with aliases) | index build | link | links made "
        "| page, empty cache | page re-rendered | page cached "
        "| queries re-rendered | queries cached |"
    )
    print(header)
    print("|" + "|".join("---:" for _ in range(header.count("|") - 1)) + "|")

    link_times = {}
    for size in sizes:
        existing = Term.objects.count()
        if size > existing:
            Term.objects.bulk_create(Term(**row) for row in all_rows[existing:size])
        cache_keys.bump(cache_keys.GLOSSARY, cache_keys.PUBLIC_PAGES)

        build_ms = median_ms(GlossaryIndex.from_database, max(3, repeat // 10))
        index = get_glossary_index()
        names = len(index.exact) + len(index.folded)

        def link_article(index=index):
            linker = GlossaryLinker(index)
            for part in parts:
                linker.link(part)
            return linker

        link_ms = median_ms(link_article, repeat)
        links_made = len(link_article().linked_term_ids)
        link_times[size] = link_ms

        def uncached_page():
            cache_keys.bump(article_generation(article.pk), cache_keys.PUBLIC_PAGES)
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def cold_page():
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def cached_page():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        cold_ms = median_ms(cold_page, max(3, repeat // 3))
        uncached_ms = median_ms(uncached_page, repeat)
        cache_keys.bump(article_generation(article.pk), cache_keys.PUBLIC_PAGES)
        uncached_queries = count_queries(cached_page)
        cached_ms = median_ms(cached_page, repeat)
        cached_queries = count_queries(cached_page)
        print(
            f"| {size:,} | {names:,} | {build_ms:.1f} | {link_ms:.2f} | {links_made} "
            f"| {cold_ms:.1f} | {uncached_ms:.1f} | {cached_ms:.2f} "
            f"| {uncached_queries} | {cached_queries} |"
        )

    smallest, largest = min(sizes), max(sizes)
    if largest != smallest:
        ratio = link_times[largest] / link_times[smallest]
        verdict = "within" if ratio <= 2 else "OVER"
        print(
            f"\nLinking at {largest:,} terms takes {ratio:.2f}x the time at {smallest:,} "
            f"({verdict} the 2x budget)."
        )


if __name__ == "__main__":
    main()
