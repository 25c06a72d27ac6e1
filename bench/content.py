"""Generated content for the benchmark, of a stated size, on top of the demo content.

Everything is saved through the ORM with signals on, as the admin would: derived data
(glossary terms used, reference lists, search index) is built by the site's own code.
Text is filler made of invented words, so it never matches a glossary term by accident;
terms and citations are placed on purpose.
"""

import io
import random
from dataclasses import dataclass

SOURCE_SLUG = "bench-source-sized-article"
LEVELS = ["fundamentals", "intermediate", "academic", "reflection"]


@dataclass(frozen=True)
class ContentSize:
    articles: int = 200  # generated, besides the demo's and the source-sized one
    sections_per_article: int = 6
    terms: int = 500  # generated, besides the demo's
    references: int = 200  # generated, besides the demo's
    tags: int = 40

    def describe(self):
        return (
            f"load_demo, plus one source-sized article (20 sections in 4 levels, 10 references, "
            f"30 glossary terms used, 8 tags, 2 figures), plus {self.articles} articles of "
            f"{self.sections_per_article} sections, {self.terms} glossary terms, "
            f"{self.references} references, {self.tags} tags"
        )


def filler_words(rng, count):
    syllables = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu")
    return [
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) + "q" for _ in range(count)
    ]


def paragraph(rng, words, mentions=(), citations=()):
    text = rng.choices(words, k=60)
    for item in (*mentions, *(f"[@{key}]" for key in citations)):
        text.insert(rng.randrange(len(text)), item)
    return " ".join(text).capitalize() + "."


def png_upload(rng, name):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    colour = tuple(rng.randrange(256) for _ in range(3))
    Image.new("RGB", (800, 450), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def generate(size=ContentSize(), seed=2024):
    """Create the generated content; returns a dict of what the benchmark pages use."""
    from django.core.management import call_command
    from django.db import transaction

    from articles.models import Figure

    rng = random.Random(seed)
    words = filler_words(rng, 800)
    call_command("load_demo", verbosity=0)

    tag_names = [f"topic {name}" for name in filler_words(rng, size.tags)]
    with transaction.atomic():
        terms, references = create_terms_and_references(size, rng, words, tag_names)
    with transaction.atomic():
        source = create_source_sized_article(rng, words, terms, references, tag_names)
    for n in range(size.articles):
        with transaction.atomic():  # one commit per article, as one admin save would be
            create_generated_article(n, size, rng, words, terms, references, tag_names)
    return {
        "article": source.get_absolute_url(),
        "term": terms[0].get_absolute_url(),
        "tag": f"/tags/{source.tags.order_by('slug').first().slug}/",
        "figures": Figure.objects.filter(section__article=source).count(),
    }


def create_terms_and_references(size, rng, words, tag_names):
    from articles.models import Reference
    from glossary.models import Term

    terms = [
        Term.objects.create(
            name=f"{word} factor {n}",
            slug=f"bench-term-{n}",
            aliases=f"BF{n}",
            short_definition=f"A made-up term number {n}, defined in one plain sentence.",
            body=paragraph(rng, words),
        )
        for n, word in enumerate(filler_words(rng, size.terms))
    ]
    for term in terms[: size.tags * 3]:
        term.tags.add(rng.choice(tag_names))
    references = [
        Reference.objects.create(
            key=f"bench-{n}",
            authors="Author, A.; Writer, B.; Reviewer, C.",
            year=1990 + n % 35,
            title=f"A study of {' '.join(rng.choices(words, k=6))}",
            container="Journal of Generated Examples",
            volume=str(n % 40),
            issue=str(n % 4 + 1),
            pages=f"{n}-{n + 12}",
        )
        for n in range(size.references)
    ]
    for reference in references[: size.tags * 3]:
        reference.tags.add(rng.choice(tag_names))
    return terms, references


def create_generated_article(n, size, rng, words, terms, references, tag_names):
    from articles.models import Article, Section

    article = Article.objects.create(
        title=f"Generated article {n}: {' '.join(rng.choices(words, k=3))}",
        slug=f"generated-{n}",
        summary=paragraph(rng, words)[:280],
        status=Article.Status.PUBLISHED,
        authors="Bench Writer",
        reviewed_by="Dr Bench Reviewer, MD",
    )
    article.tags.add(*rng.sample(tag_names, 4))
    for position in range(size.sections_per_article):
        Section.objects.create(
            article=article,
            position=position,
            level=LEVELS[position * len(LEVELS) // size.sections_per_article],
            heading=f"Question {position} about {rng.choice(words)}?",
            anchor=f"question-{position}",
            body="\n\n".join(
                paragraph(
                    rng,
                    words,
                    mentions=[rng.choice(terms).name],
                    citations=[rng.choice(references).key],
                )
                for _ in range(3)
            ),
        )


def create_source_sized_article(rng, words, terms, references, tag_names):
    """An article the size of reference/source-article.txt."""
    from articles.models import Article, Figure, Section

    article = Article.objects.create(
        title="Hormones, sleep and stress: a source-sized article",
        slug=SOURCE_SLUG,
        summary="An article as long as the source article, for the benchmark.",
        status=Article.Status.PUBLISHED,
        authors="Bench Writer, Second Writer",
        reviewed_by="Dr Bench Reviewer, MD, endocrinologist",
        disclaimer_note="Medicines named here need a prescriber.",
    )
    article.tags.add(*tag_names[:8])
    used_terms = [term.name for term in terms[:30]]
    cited = [reference.key for reference in references[:10]]
    for position in range(20):
        paragraphs = [
            paragraph(
                rng,
                words,
                mentions=rng.sample(used_terms, 3),
                citations=rng.sample(cited, 1),
            )
            for _ in range(4)
        ]
        if position % 5 == 2:
            rows = "\n".join(
                f"| {rng.choice(words)} | {n} | {rng.choice(words)} |" for n in range(6)
            )
            paragraphs.append(f"| measure | value | note |\n|---|---|---|\n{rows}")
        section = Section.objects.create(
            article=article,
            position=position,
            level=LEVELS[position // 5],
            heading=f"What does {used_terms[position]} do?",
            anchor=f"question-{position}",
            body="\n\n".join(paragraphs),
            takeaway=f"In short, {used_terms[position + 1]} matters.",
        )
        if position in (1, 11):
            Figure.objects.create(
                section=section,
                position=0,
                image=png_upload(rng, "figure.png"),
                alt_text="A chart of hormone levels over one day, rising in the morning.",
                caption=f"Levels over a day [@{cited[0]}].",
            )
    return article
