"""The patient handout printed to PDF by the browser: what popovers hide on screen is on
paper (the words used, the numbered references, the page's address)."""

import io
import re
from datetime import date

from pypdf import PdfReader

from articles.models import Article, Section


def pdf_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def test_handout_printed_to_pdf_keeps_words_references_and_address(
    new_page, live_server, transactional_db, term_factory, reference_factory
):
    term_factory(
        name="oxytocin",
        slug="oxytocin",
        short_definition="A hormone that helps with birth and bonding.",
    )
    reference_factory(key="insel-2010", title="The challenge of translation in neuroscience")
    article = Article.objects.create(
        title="Oxytocin on paper",
        slug="oxytocin-on-paper",
        summary="A handout about oxytocin.",
        status=Article.Status.PUBLISHED,
        authors="Ana Writer",
        reviewed_by="Dr Lena Okafor, MD",
        reviewed_at=date(2025, 3, 1),
    )
    Section.objects.create(
        article=article,
        position=0,
        level=Section.Level.FUNDAMENTALS,
        heading="What is oxytocin?",
        anchor="what",
        body="Oxytocin is a hormone made in the brain [@insel-2010].",
    )
    page = new_page()
    page.goto(f"/articles/{article.slug}/print/")

    text = pdf_text(page.pdf(format="A4"))

    assert "Words used" in text
    assert "A hormone that helps with birth and bonding." in text
    assert "References" in text
    assert "The challenge of translation in neuroscience" in text
    # PDF text extraction may break a long address across lines.
    assert f"{live_server.url}/articles/oxytocin-on-paper/" in text.replace(" ", "")
    assert "page last reviewed" in text.lower()  # printed in capitals
    assert "Not medical advice" in text
    assert "Use your browser" not in text  # the screen-only controls are not printed
