"""Rendering cost without any cache: the demo's longest article, and pathological Markdown.

    .venv/bin/python bench/render_bench.py [--repeat 15]

Builds a throwaway SQLite database (in a temporary folder), runs `load_demo`, then prints:

- article render: `articles.rendered_article.render_article` of the demo article with the most body
  text, with the cache off (`NO_CACHE=1`): Markdown, sanitising, citations, glossary
  linking; the median of --repeat runs after one warm-up;
- the Markdown-to-safe-HTML step alone on that article's texts;
- `render_markdown` of pathological inputs (20 KB of `[`, of `*`, of `<`, ...), each the
  median of a few runs.

Times are CPU time of this one process in milliseconds (other load on the machine does not
count), on this machine.
"""

import argparse
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

from throwaway_site import set_up_django

ROOT = Path(__file__).resolve().parent.parent

PATHOLOGICAL = {
    "20 KB of [": "[" * 20_000,
    "20 KB of [@": "[@" * 10_000,
    "20 KB of *a": "*a" * 10_000,
    "20 KB of <": "<" * 20_000,
    "20 KB of > (nesting)": ">" * 20_000,
}


def configure_django(folder):
    set_up_django(folder, "render-bench", NO_CACHE="1")


def median_ms(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def run(repeat):
    from django.core.management import call_command
    from django.db.models import Prefetch

    from articles.models import Article, ArticleReference, Figure
    from articles.rendered_article import render_article, render_markdown

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())

    def body_length(article):
        return sum(len(section.body) for section in article.sections.all())

    longest = max(Article.objects.prefetch_related("sections"), key=body_length)
    references = ArticleReference.objects.select_related("reference")
    article = Article.objects.prefetch_related(
        Prefetch("article_references", queryset=references)
    ).get(pk=longest.pk)
    figures = Figure.objects.order_by("position", "id")
    sections = list(article.sections.prefetch_related(Prefetch("figures", queryset=figures)))
    texts = [text for section in sections for text in (section.body, section.takeaway)]
    render_article(article, sections)  # warm-up: glossary index, imports

    print(f"{article.title!r}: {len(sections)} sections, {sum(map(len, texts)):,} characters")
    article_time = median_ms(lambda: render_article(article, sections), repeat)
    print(f"{'article render (no cache)':32} {article_time:9.1f} ms")
    markdown_time = median_ms(
        lambda: [render_markdown(text, mark_citations=True) for text in texts], repeat
    )
    print(f"{'  of which Markdown + nh3':32} {markdown_time:9.1f} ms")
    for label, text in PATHOLOGICAL.items():
        print(f"{label:32} {median_ms(lambda text=text: render_markdown(text), 3):9.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure_django(Path(folder))
        run(args.repeat)


if __name__ == "__main__":
    main()
