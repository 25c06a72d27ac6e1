"""Every tag has a usable, unique address, or is refused with a plain message, whatever name
is typed: emoji, punctuation, zero-width spaces, direction overrides, control characters,
over-long names; in the admin forms, the tag admin, code and imports (the tag manager)."""

import importlib
import re
import unicodedata
from http import HTTPStatus

import pytest
from django.apps import apps
from django.core.cache import cache
from django.forms import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from taggit.models import Tag

from articles.models import Article
from site_config.tagging import TAG_MAX_LENGTH, parse_tag_names, tag_slug
from tests.admin_forms import form_data

USABLE_SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")
INVISIBLE = {"Cc", "Cf"}

# Names with no letters or digits, names hiding invisible characters, and ordinary ones.
NO_LETTERS = st.text(
    alphabet=st.characters(categories=["So", "Sk", "Sm", "Po", "Pd", "Ps", "Pe", "Zs", "Cf"]),
    min_size=1,
    max_size=6,
)
INVISIBLE_CHARACTERS = st.sampled_from(
    ["\u200b", "\u200d", "\u202e", "\u202d", "\u2066", "\ufeff", "\x0b", "\x0c", "\x85", "\x1b"]
)
WITH_INVISIBLE = st.builds(
    lambda a, mark, b: a + mark + b,
    st.text(alphabet="abcé中 ", max_size=8),
    INVISIBLE_CHARACTERS,
    st.text(alphabet="xyzß ", max_size=8),
)
TAG_NAMES = st.one_of(
    NO_LETTERS,
    WITH_INVISIBLE,
    st.text(max_size=12),
    st.text(alphabet="中ßxé", min_size=90, max_size=110),
)

PUBLIC_PAGES = ["/", "/articles/", "/tags/", "/sitemap.xml", "/feeds/articles/rss/",
                "/feeds/articles/atom/", "/search/?q=a"]  # fmt: skip


def assert_usable(tag):
    assert USABLE_SLUG.match(tag.slug), tag.slug
    assert len(tag.name) <= TAG_MAX_LENGTH
    assert not any(unicodedata.category(char) in INVISIBLE for char in tag.name), repr(tag.name)


def assert_pages_answer(client, article):
    cache.clear()
    for url in [*PUBLIC_PAGES, article.get_absolute_url()]:
        assert client.get(url).status_code == HTTPStatus.OK, url
    for tag in article.tags.all():
        assert client.get(reverse("tags:detail", args=[tag.slug])).status_code == HTTPStatus.OK
        assert client.get(f"/feeds/tags/{tag.slug}/rss/").status_code == HTTPStatus.OK


@settings(max_examples=400, deadline=None)
@given(st.lists(TAG_NAMES, max_size=4))
def test_typed_tags_are_usable_or_refused_with_a_message(names):
    typed = ", ".join(names)
    try:
        parsed = parse_tag_names(typed)
    except ValidationError as error:
        for message in error.messages:
            assert "no letters or digits" in message or "characters long" in message
        return
    for name in parsed:
        assert tag_slug(name)
        assert len(name) <= TAG_MAX_LENGTH
        assert not any(unicodedata.category(char) in INVISIBLE for char in name)


class TagManagerTests(TestCase):
    """Code, the demo loader and imports add tags through the tag manager."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(TAG_NAMES, min_size=1, max_size=3))
    def test_tags_set_in_code_are_usable_or_refused(self, names):
        article = Article.objects.create(
            title="Tagged", slug="tagged", summary="S.", status=Article.Status.PUBLISHED
        )
        try:
            article.tags.set(names)
        except ValueError as error:
            assert "no letters or digits" in str(error) or "characters long" in str(error)
            return
        tags = list(article.tags.all())
        for tag in tags:
            assert_usable(tag)
        assert len({tag.slug for tag in Tag.objects.all()}) == Tag.objects.count()
        assert_pages_answer(self.client, article)


def test_names_that_spell_the_same_slug_get_unique_addresses(article_factory):
    article = article_factory()
    long_name = "中" * 40
    article.tags.set([long_name, long_name + "x"])
    slugs = sorted(article.tags.values_list("slug", flat=True))
    assert all(USABLE_SLUG.match(slug) for slug in slugs)
    assert len(set(slugs)) == 2


def test_a_tag_stored_before_with_an_empty_address_gets_one(client, article_factory):
    article = article_factory()
    broken = Tag.objects.create(name="🙂", slug="")
    article.tags.add(broken)  # a Tag object: not checked, as the old code stored it
    assert Tag.objects.get(pk=broken.pk).slug == ""
    migration = importlib.import_module("articles.migrations.0014_tag_slugs")
    migration.give_every_tag_an_address(apps, None)
    assert Tag.objects.get(pk=broken.pk).slug == f"tag-{broken.pk}"
    assert_pages_answer(client, article)


# The admin forms that take tags as text, with a generated corpus of names -----------------

CORPUS = {
    # typed: (stored name, or None for a refusal whose message contains the text)
    "🙂": (None, "no letters or digits"),
    "—": (None, "no letters or digits"),
    "!!! ???": (None, "no letters or digits"),
    "x" * 101: (None, "101 characters long"),
    "\u202eevil\u202c": ("evil", None),
    "sl\x0beep": ("sl eep", None),
    "a\u200bb": ("ab", None),
    "中" * 100: ("中" * 100, None),
}


def post_tags(client, url, form_id, typed):
    data = form_data(client.get(url), form_id)
    data["tags"] = typed
    return client.post(url, data)


@pytest.fixture(params=["article", "term", "reference"])
def tagged_form(request, article_factory, term_factory, reference_factory):
    if request.param == "article":
        item = article_factory(sections=1, status="draft")
        return item, reverse("admin:articles_article_change", args=[item.pk]), "article_form"
    if request.param == "term":
        item = term_factory(name="Oxytocin", slug="oxytocin")
        return item, reverse("admin:glossary_term_change", args=[item.pk]), "term_form"
    item = reference_factory()
    return item, reverse("admin:articles_reference_change", args=[item.pk]), "reference_form"


@pytest.mark.parametrize("typed", list(CORPUS))
def test_admin_tag_fields_store_usable_tags_or_say_why_not(admin_client, tagged_form, typed):
    item, url, form_id = tagged_form
    stored, message = CORPUS[typed]
    response = post_tags(admin_client, url, form_id, f"hormones, {typed}")
    if stored is None:
        assert response.status_code == HTTPStatus.OK
        assert message in response.content.decode()
        assert not Tag.objects.filter(name=typed).exists()
        assert form_data(response, form_id)["tags"] == f"hormones, {typed}"  # kept as typed
    else:
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
        tag = Tag.objects.get(name=stored)
        assert_usable(tag)


def test_a_zero_width_space_alone_adds_no_tag(admin_client, article_factory):
    article = article_factory(sections=1, status="draft")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert post_tags(admin_client, url, "article_form", "\u200b").status_code == HTTPStatus.FOUND
    assert not Tag.objects.exists()


@pytest.mark.parametrize("typed", list(CORPUS))
def test_the_tag_admin_stores_usable_tags_or_says_why_not(admin_client, typed):
    stored, message = CORPUS[typed]
    response = admin_client.post(reverse("admin:taggit_tag_add"), {"name": typed, "slug": ""})
    if stored is None:
        assert response.status_code == HTTPStatus.OK
        assert message in response.content.decode()
        assert not Tag.objects.exists()
    else:
        assert response.status_code == HTTPStatus.FOUND
        assert_usable(Tag.objects.get(name=stored))


def test_staff_who_cannot_edit_addresses_still_get_a_usable_one(client, django_user_model):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user("tagger", password="pw", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_tag", "view_tag"]))
    client.force_login(staff)
    response = client.post(reverse("admin:taggit_tag_add"), {"name": "中" * 100})
    assert response.status_code == HTTPStatus.FOUND
    assert_usable(Tag.objects.get())


def test_the_tag_admin_refuses_an_address_without_letters(admin_client):
    response = admin_client.post(reverse("admin:taggit_tag_add"), {"name": "Sleep", "slug": "---"})
    assert response.status_code == HTTPStatus.OK
    assert "at least one letter or digit" in response.content.decode()
