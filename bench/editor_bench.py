"""The editor's side: how long the server takes to answer the article form and its preview.

    .venv/bin/python bench/editor_bench.py [--runs 15]

On a fresh SQLite database in a temporary folder (the `make run` set-up: local-memory cache),
with the demo glossary and references loaded and one generated article of 20 sections and
about 4,000 words (Markdown tables, citations, glossary mentions, 10 figures):

- the article's change form (GET, as an editor; the first request, which creates the draft
  of the published article, is left out),
- the live preview of one section holding all 4,000 words (the endpoint the form's script
  calls as the editor types),
- the preview of the whole unsaved article (the form's "Preview what I typed"),

each measured in this process with Django's test client (no network): the median of
--runs requests of the CPU time the request took in this process (SQLite runs in-process
too), which other work on the machine does not inflate; wall time is shown beside it.
Targets from issue 11: form <= 300 ms, live preview of a 4,000-word text <= 150 ms.
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from throwaway_site import set_up_django

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = 20
WORDS = 4000
FORM_TARGET_MS = 300
PREVIEW_TARGET_MS = 150


def configure_django(folder):
    set_up_django(folder, "editor-bench", ALLOWED_HOSTS="testserver")
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())


def section_text(number, words):
    """About `words` words of prose with a citation, glossary mentions and a small table."""
    sentence = (
        "Cortisol and the hypothalamus shape how the body answers stress, and oxytocin "
        "changes how people respond to one another over weeks and months"
    )
    sentences = []
    count = 0
    while count < words:
        sentences.append(f"{sentence} ({number}.{len(sentences)}).")
        count += len(sentence.split()) + 1
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    table = "Table: Results\n\n| Measure | Finding |\n|---|---|\n| Cortisol | Higher |\n"
    return (
        "\n\n".join(paragraphs[:1])
        + " [@insel-2010]\n\n"
        + "\n\n".join(paragraphs[1:])
        + ("\n\n" + table)
    )


def median_ms(request, runs):
    """(median CPU ms, median wall ms) of `runs` requests."""
    cpu, wall = [], []
    for _ in range(runs):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        response = request()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
        assert response.status_code in (200, 302), response.status_code
    return statistics.median(cpu), statistics.median(wall)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure_django(Path(folder))
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from articles.models import Article, Figure, Reference, Section
        from tests.admin_forms import form_data
        from tests.conftest import png_file

        Reference.objects.get_or_create(
            key="insel-2010", defaults={"authors": "Insel, T. R.", "title": "Bench", "year": 2010}
        )
        article = Article.objects.create(
            title="Editor bench", slug="editor-bench", summary="Bench.", status="published"
        )
        for position in range(SECTIONS):
            section = Section.objects.create(
                article=article,
                position=position,
                heading=f"Question {position}?",
                anchor=f"question-{position}",
                body=section_text(position, WORDS // SECTIONS),
                takeaway="A take-away sentence.",
            )
            if position % 2 == 0:
                Figure.objects.create(section=section, image=png_file(), alt_text="A chart.")
        editor = get_user_model().objects.create_superuser("bench", "", "bench-password")
        client = Client()
        client.force_login(editor)
        change = reverse("admin:articles_article_change", args=[article.pk])
        client.get(change)  # creates the draft of the published article

        form_ms = median_ms(lambda: client.get(change), args.runs)

        long_text = section_text(0, WORDS)
        preview_url = reverse("admin:articles_article_section_preview")
        live_ms = median_ms(
            lambda: client.post(
                preview_url, {"heading": "All of it", "level": "academic", "body": long_text}
            ),
            args.runs,
        )

        data = form_data(client.get(change), "article_form")
        data["title"] = "Typed, not saved"
        unsaved = reverse("admin:articles_article_preview", args=[article.pk])
        client.post(unsaved, data)
        page = reverse("admin:articles_article_preview_page", args=[article.pk]) + "?unsaved=1"
        whole_ms = median_ms(lambda: client.get(page), max(5, args.runs // 3))

        words = sum(len(s.body.split()) for s in Section.objects.filter(article=article))
        print(f"Editor bench: one article of {SECTIONS} sections, {words} words, ")
        print(f"{Figure.objects.filter(section__article=article).count()} figures; SQLite;")
        print(f"median of {args.runs} requests (server time, in process)\n")
        rows = [
            ("change form, 20 sections", form_ms, FORM_TARGET_MS),
            (f"live preview, one {WORDS}-word text", live_ms, PREVIEW_TARGET_MS),
            ("preview of the unsaved article", whole_ms, None),
        ]
        print(f"{'what':38} {'CPU ms':>8} {'wall ms':>8}  target")
        failed = False
        for name, (cpu, wall), target in rows:
            verdict = ""
            if target is not None:
                verdict = f"<= {target}" + ("" if cpu <= target else "  MISSED")
                failed |= cpu > target
            print(f"{name:38} {cpu:8.1f} {wall:8.1f}  {verdict}")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
