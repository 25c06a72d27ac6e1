from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleReference,
    Figure,
    Section,
    figure_upload_to,
)
from glossary.models import Term
from site_config.models import SiteSettings
from tests.conftest import png_file

pytestmark = pytest.mark.django_db


# Article visibility


def test_published_article_without_publish_time_is_public(article_factory):
    article = article_factory(publish_at=None)
    assert list(Article.objects.public()) == [article]
    assert article.is_public


def test_published_article_with_past_publish_time_is_public(article_factory):
    article = article_factory(publish_at=timezone.now() - timedelta(minutes=1))
    assert list(Article.objects.public()) == [article]
    assert article.is_public


def test_draft_article_is_not_public(public_article, draft_article):
    assert list(Article.objects.public()) == [public_article]
    assert not draft_article.is_public


def test_scheduled_article_is_not_public_until_its_time(article_factory, public_article):
    article = article_factory(publish_at=timezone.now() + timedelta(hours=1))
    assert list(Article.objects.public()) == [public_article]
    assert not article.is_public


def test_draft_with_past_publish_time_is_not_public(article_factory, public_article):
    article_factory(status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=1))
    assert list(Article.objects.public()) == [public_article]


def test_staff_see_every_article(admin_user, public_article, draft_article):
    assert set(Article.objects.visible_to(admin_user)) == {public_article, draft_article}


def test_readers_see_only_public_articles(public_article, draft_article):
    assert list(Article.objects.visible_to(AnonymousUser())) == [public_article]


def test_signed_in_non_staff_see_only_public_articles(
    django_user_model, public_article, draft_article
):
    reader = django_user_model.objects.create_user("reader", password="x-long-password-1")
    assert list(Article.objects.visible_to(reader)) == [public_article]


def test_next_scheduled_time_is_the_earliest_future_publication(article_factory):
    soon = timezone.now() + timedelta(hours=1)
    article_factory(publish_at=soon + timedelta(days=1))
    article_factory(publish_at=soon)
    article_factory(status=Article.Status.DRAFT, publish_at=soon - timedelta(minutes=30))
    assert Article.objects.next_scheduled_time() == soon


def test_published_date_falls_back_to_creation(article_factory):
    article = article_factory(publish_at=None)
    assert article.published_date == article.created_at


# Article fields and constraints


def test_article_slug_is_unique(article_factory):
    article_factory(slug="same")
    with pytest.raises(IntegrityError):
        article_factory(slug="same")


def test_article_url_uses_its_slug(article_factory):
    assert article_factory(slug="on-sleep").get_absolute_url() == "/articles/on-sleep/"


def test_article_str_is_its_title(article_factory):
    assert str(article_factory(title="On sleep")) == "On sleep"


def test_new_article_is_a_draft():
    assert Article(title="x").status == Article.Status.DRAFT


# Sections


def test_sections_come_in_position_order(article_factory):
    article = article_factory(sections=0)
    for position, heading in [(2, "third"), (0, "first"), (1, "second")]:
        Section.objects.create(
            article=article, position=position, heading=heading, anchor=heading, body="x"
        )
    assert [s.heading for s in article.sections.all()] == ["first", "second", "third"]


def test_section_anchor_is_unique_within_an_article(article_factory):
    article = article_factory(sections=1)
    with pytest.raises(IntegrityError):
        Section.objects.create(article=article, heading="Again", anchor="question-0", body="x")


def test_two_articles_may_use_the_same_anchor(article_factory):
    article_factory(sections=1)
    other = article_factory(sections=1)
    assert other.sections.get().anchor == "question-0"


def test_section_reading_levels_are_the_four_of_the_design():
    assert [value for value, _ in Section.Level.choices] == [
        "fundamentals",
        "intermediate",
        "academic",
        "reflection",
    ]


def test_deleting_an_article_deletes_its_sections_and_figures(article_factory):
    article = article_factory(sections=2, figures=2)
    other = article_factory(sections=1, figures=1)
    article.delete()
    assert list(Section.objects.values_list("article", flat=True)) == [other.pk]
    assert list(Figure.objects.values_list("section__article", flat=True)) == [other.pk]


# Figures


def test_figure_requires_alt_text(article_factory):
    section = article_factory(sections=1).sections.get()
    figure = Figure(section=section, image=png_file(), alt_text="")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "alt_text" in error.value.message_dict


def test_figure_records_image_size(article_factory):
    figure = article_factory(sections=1, figures=1).sections.get().figures.get()
    assert (figure.width, figure.height) == (40, 30)


def test_figure_upload_name_ignores_the_uploaders_file_name():
    name = figure_upload_to(None, "../../Secret Plan.PNG")
    assert name.startswith("figures/")
    assert "Secret" not in name
    assert ".." not in name
    assert name.endswith(".png")


def test_figures_come_in_position_order(article_factory):
    section = article_factory(sections=1).sections.get()
    Figure.objects.create(section=section, position=1, image=png_file(), alt_text="second")
    Figure.objects.create(section=section, position=0, image=png_file(), alt_text="first")
    assert [f.alt_text for f in section.figures.all()] == ["first", "second"]


# References


def test_reference_key_is_unique(reference_factory):
    reference_factory(key="insel-2010")
    with pytest.raises(IntegrityError):
        reference_factory(key="insel-2010")


@pytest.mark.parametrize("doi", ["10.1016/j.neuron.2010.03.005", "10.1210/jc.2017-02482"])
def test_reference_accepts_a_well_formed_doi(reference_factory, doi):
    reference_factory(doi=doi).full_clean()


@pytest.mark.parametrize(
    "doi", ["https://doi.org/10.1016/j.neuron.2010.03.005", "doi:10.1/x", "10.1016/ with space"]
)
def test_reference_rejects_a_malformed_doi(reference_factory, doi):
    with pytest.raises(ValidationError) as error:
        reference_factory(doi=doi).full_clean()
    assert "doi" in error.value.message_dict


@pytest.mark.parametrize("pmid", ["0123", "PMID123", "1234567890", "12 34"])
def test_reference_rejects_a_malformed_pmid(reference_factory, pmid):
    with pytest.raises(ValidationError) as error:
        reference_factory(pmid=pmid).full_clean()
    assert "pmid" in error.value.message_dict


def test_reference_without_identifiers_is_valid(reference_factory):
    reference_factory(doi="", pmid="", url="").full_clean()


def test_reference_authors_split_on_semicolons_or_lines(reference_factory):
    assert reference_factory(authors="Insel, T. R.; Young, L. J.").author_list == [
        "Insel, T. R.",
        "Young, L. J.",
    ]
    assert reference_factory(authors="Insel, T. R.\nYoung, L. J.").author_list == [
        "Insel, T. R.",
        "Young, L. J.",
    ]


def test_reference_used_by_an_article_cannot_be_deleted(article_factory):
    article = article_factory(references=1)
    with pytest.raises(ProtectedError):
        article.references.get().delete()


def test_article_reference_list_keeps_its_order(article_factory, reference_factory):
    article = article_factory(references=0)
    later, earlier = reference_factory(key="later"), reference_factory(key="earlier")
    ArticleReference.objects.create(article=article, reference=later, position=2)
    ArticleReference.objects.create(article=article, reference=earlier, position=1)
    assert [item.reference.key for item in article.article_references.all()] == [
        "earlier",
        "later",
    ]


def test_a_reference_is_listed_once_per_article(article_factory, reference_factory):
    article, reference = article_factory(references=0), reference_factory()
    ArticleReference.objects.create(article=article, reference=reference)
    with pytest.raises(IntegrityError):
        ArticleReference.objects.create(article=article, reference=reference)


def test_a_reference_can_serve_many_articles(article_factory, reference_factory):
    reference = reference_factory()
    for article in (article_factory(), article_factory()):
        ArticleReference.objects.create(article=article, reference=reference)
    assert reference.articles.count() == 2


# Tags


def test_tags_are_case_insensitive(article_factory, term_factory, reference_factory):
    article_factory(tags=["Hormones"])
    term_factory(tags=["hormones"])
    reference_factory(tags=["HORMONES"])
    assert Tag.objects.count() == 1


def test_tags_work_on_articles_terms_and_references(
    article_factory, term_factory, reference_factory
):
    tag_holders = [
        article_factory(tags=["sleep"]),
        term_factory(tags=["sleep"]),
        reference_factory(tags=["sleep"]),
    ]
    assert all(list(item.tags.names()) == ["sleep"] for item in tag_holders)


# Glossary terms


def test_term_aliases_are_one_per_line(term_factory):
    term = term_factory(name="oxytocin receptor", aliases="OXTR\n\n  OT receptor  \n")
    assert term.alias_list == ["OXTR", "OT receptor"]


def test_term_initial_groups_non_letters_under_hash(term_factory):
    assert term_factory(name="5-alpha reductase", slug="5-alpha-reductase").initial == "#"
    assert term_factory(name="estradiol", slug="estradiol").initial == "E"


def test_term_name_and_slug_are_unique(term_factory):
    term_factory(name="oxytocin", slug="oxytocin")
    with pytest.raises(IntegrityError), transaction.atomic():
        term_factory(name="oxytocin", slug="oxytocin-2")
    with pytest.raises(IntegrityError), transaction.atomic():
        term_factory(name="oxytocin 2", slug="oxytocin")


def test_related_terms_are_symmetrical(term_factory):
    oxytocin, receptor = term_factory(), term_factory()
    oxytocin.related.add(receptor)
    assert list(receptor.related.all()) == [oxytocin]


def test_unpublished_terms_are_not_public(term_factory):
    shown = term_factory()
    term_factory(is_published=False)
    assert list(Term.objects.public()) == [shown]


def test_term_url_uses_its_slug(term_factory):
    assert term_factory(slug="oxytocin").get_absolute_url() == "/glossary/oxytocin/"


# Site settings


def test_site_settings_load_creates_the_row_with_defaults():
    settings = SiteSettings.load()
    assert settings.pk == 1
    assert settings.banner_enabled
    assert "not medical advice" in settings.banner_text


def test_site_settings_save_always_writes_the_single_row():
    SiteSettings(site_name="First").save()
    SiteSettings(site_name="Second").save()
    assert list(SiteSettings.objects.values_list("pk", "site_name")) == [(1, "Second")]


def test_database_refuses_a_second_site_settings_row():
    SiteSettings.load()
    with pytest.raises(IntegrityError):
        SiteSettings.objects.bulk_create([SiteSettings(id=2)])


def test_site_settings_save_refreshes_the_cached_copy():
    SiteSettings.load()
    settings = SiteSettings.objects.get()
    settings.site_name = "Renamed"
    settings.save()
    assert SiteSettings.load().site_name == "Renamed"


def test_banner_version_changes_with_the_banner_text():
    settings = SiteSettings.load()
    before = settings.banner_version
    settings.banner_text = "New wording."
    assert settings.banner_version != before


def test_banner_version_ignores_other_settings():
    settings = SiteSettings.load()
    before = settings.banner_version
    settings.site_name = "Another name"
    settings.banner_enabled = False
    assert settings.banner_version == before
