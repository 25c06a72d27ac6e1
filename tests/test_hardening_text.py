"""Control characters (the vertical tab word processors paste, and the rest of C0 and C1) are
cleaned where text is typed (so pages never show them), and whatever is stored never reaches
a feed, the sitemap or JSON-LD."""

import re
import xml.etree.ElementTree as ET
from http import HTTPStatus
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles.models import Article, Reference
from articles.reference_import import create_references, parse_references
from site_config.text import CleanTextModelForm, clean_text
from tests.admin_forms import form_data
from tests.test_hardening_lengths import admin_forms

CONTROLS = "".join(map(chr, [*range(0, 32), *range(0x7F, 0xA0)])) + "\u2028\u2029\ufffe\uffff"
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
C1 = re.compile("[\x7f-\x9f]")

TEXT_WITH_CONTROLS = st.text(
    alphabet=st.one_of(st.sampled_from(CONTROLS), st.characters(codec="utf-8")), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(TEXT_WITH_CONTROLS, st.booleans())
def test_cleaned_text_is_text_xml_can_carry(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert not NOT_IN_XML.search(cleaned)
    assert not C1.search(cleaned)
    parsed = ET.fromstring(f"<a>{escape(cleaned)}</a>").text or ""
    assert parsed == cleaned.replace("\r\n", "\n").replace("\r", "\n")
    assert clean_text(cleaned, multiline=multiline) == cleaned
    if not multiline:
        assert not re.search("[\n\r\t]", cleaned)


def test_vertical_tab_and_form_feed_become_line_breaks_or_spaces():
    assert clean_text("one\vtwo\fthree", multiline=True) == "one\ntwo\nthree"
    assert clean_text("one\vtwo\nthree", multiline=False) == "one two three"
    assert clean_text("keep\ttabs\nand lines", multiline=True) == "keep\ttabs\nand lines"
    assert clean_text("bell\x07 escape\x1b c1\x85", multiline=False) == "bell escape c1 "


def test_every_admin_form_cleans_control_characters(admin_user):
    forms = admin_forms(admin_user)
    assert len(forms) >= 10
    for model, form_class in forms:
        assert issubclass(form_class, CleanTextModelForm), model.__name__


def feed_and_pages_are_clean(client, article):
    cache.clear()
    for url in ["/feeds/articles/rss/", "/feeds/articles/atom/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        text = response.content.decode()
        assert not NOT_IN_XML.search(text) and not C1.search(text), url
        ET.fromstring(response.content)  # well-formed XML
    for url in ["/", "/articles/", article.get_absolute_url()]:
        assert client.get(url).status_code == HTTPStatus.OK, url
    page = client.get(article.get_absolute_url()).content.decode()
    for json_ld in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        assert not NOT_IN_XML.search(json_ld) and not C1.search(json_ld)


class StoredControlCharacterTests(TestCase):
    """Text stored before forms cleaned it (or by a path that bypasses them)."""

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(TEXT_WITH_CONTROLS, TEXT_WITH_CONTROLS, TEXT_WITH_CONTROLS)
    def test_feeds_sitemap_json_ld_and_pages_never_carry_them(self, title, summary, authors):
        if connection.vendor == "postgresql":
            # PostgreSQL cannot store NUL at all; every other control character it keeps.
            title, summary, authors = (
                text.replace("\x00", "") for text in (title, summary, authors)
            )
        article = Article.objects.create(
            title="T" + title,
            slug="stored",
            summary=summary,
            authors=authors[:300],
            status=Article.Status.PUBLISHED,
        )
        article.tags.add("sleep")
        feed_and_pages_are_clean(self.client, article)


class AdminFormTests(TestCase):
    """Through the admin's article form, as an editor pastes."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("boss", "b@example.org", "pw")

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(TEXT_WITH_CONTROLS, TEXT_WITH_CONTROLS, TEXT_WITH_CONTROLS)
    def test_article_form_stores_text_without_control_characters(self, title, summary, body):
        self.client.force_login(self.admin)
        article = Article.objects.create(title="Draft", slug="draft", summary="S.")
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = form_data(self.client.get(url), "article_form")
        data.update(
            {
                "title": "Title " + title,
                "summary": "Summary " + summary,
                "sections-TOTAL_FORMS": "1",
                "sections-0-heading": "Heading\v" + title,
                "sections-0-anchor": "heading",
                "sections-0-position": "0",
                "sections-0-level": "fundamentals",
                "sections-0-body": "Body\v" + body,
                "sections-0-takeaway": "",
            }
        )
        response = self.client.post(url, data)
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.OK)
        article.refresh_from_db()
        stored = [article.title, article.summary]
        stored += [value for s in article.sections.all() for value in (s.heading, s.body)]
        for value in stored:
            assert not NOT_IN_XML.search(value) and not C1.search(value), repr(value)
        if response.status_code == HTTPStatus.FOUND:
            assert article.title.startswith("Title")
            assert "\n" not in article.title
            body = article.sections.get().body
            assert body == "Body" or body.startswith("Body\n")


def test_a_term_name_pasted_with_a_vertical_tab_is_one_line(admin_client, term_factory):
    term = term_factory(name="Oxytocin", slug="oxytocin")
    url = reverse("admin:glossary_term_change", args=[term.pk])
    data = form_data(admin_client.get(url), "term_form")
    data["name"] = "Oxytocin\vreceptor"
    data["short_definition"] = "A hormone\x0c receptor.\x07"
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    term.refresh_from_db()
    assert term.name == "Oxytocin receptor"
    assert term.short_definition == "A hormone  receptor."  # a one-line field


def test_imported_references_are_cleaned(db):
    ris = "TY  - JOUR\nAU  - Writer, Ann\nTI  - A study\x0bof sleep\x07\nPY  - 2020\nER  - \n"
    (entry,) = parse_references(ris)
    create_references([entry])
    assert Reference.objects.get().title == "A study of sleep"
