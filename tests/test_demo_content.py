"""The demo content and the `load_demo` command."""

import copy
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag, TaggedItem

from articles.citations import cited_keys
from articles.demo.articles import ARTICLES
from articles.demo.glossary import TERMS
from articles.demo.references import REFERENCES
from articles.demo.tags import ALL_TAGS
from articles.management.commands.load_demo import IMAGES_DIR
from articles.models import Article, ArticleReference, Figure, Reference, Section
from articles.renditions import RENDITIONS_DIR, rendition_formats
from glossary.models import Term
from site_config.models import SiteSettings

MAIN_SLUG = "hormones-and-oxytocin-signaling"
LEVELS = ["fundamentals", "intermediate", "academic", "reflection"]
REFERENCE_KEYS = {
    "neal-2018",
    "de-wied-1977",
    "genazzani-2019",
    "roney-2007",
    "insel-2010",
    "resnick-2006",
    "gottfried-2013",
    "boron-2017",
    "guyton-2016",
    "endocrine-society-2018",
    "fda-2025-zulresso",  # added: the withdrawal of brexanolone's US approval
}
# Cited by the sleep article only (not from the source article); checked against records.
SLEEP_REFERENCE_KEYS = {"leproult-1997", "cadegiani-2016"}
# A pipe-table header row followed by its separator row.
TABLE_RE = re.compile(r"^\|.+\|[ \t]*\n\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$", re.MULTILINE)


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    models = [Article, Section, Figure, Reference, ArticleReference, Term, Tag, TaggedItem]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["related terms"] = Term.related.through.objects.count()
    return counts


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    return tmp_path


# Loading ----------------------------------------------------------------------------------


def test_load_demo_if_empty_loads_an_empty_site_only(article_factory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own = article_factory(title="Our own article")
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert list(Article.objects.all()) == [own]
    own.delete()
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert Article.objects.count() == len(ARTICLES)


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_rows_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = load_demo()
    first_counts = row_counts()
    first_files = stored_files(tmp_path)
    first_images = sorted(Figure.objects.values_list("image", flat=True))

    load_demo()

    assert row_counts() == first_counts
    assert stored_files(tmp_path) == first_files  # images and renditions are not copied again
    assert sorted(Figure.objects.values_list("image", flat=True)) == first_images
    originals = [name for name in first_files if not name.startswith(RENDITIONS_DIR)]
    assert len(originals) == sum(
        len(section["figures"]) for article in ARTICLES for section in article["sections"]
    )
    # Each demo image is 1600 px wide: three widths in each rendition format.
    renditions = [name for name in first_files if name.startswith(RENDITIONS_DIR)]
    assert len(renditions) == len(originals) * 3 * len(rendition_formats())
    assert "Loaded 3 articles" in output
    assert SiteSettings.objects.count() == 1


@pytest.mark.django_db
def test_articles_are_public(loaded):
    assert Article.objects.public().count() == len(ARTICLES) >= 3
    assert all(a.publish_at is None for a in Article.objects.all())


# The main article -------------------------------------------------------------------------


@pytest.mark.django_db
def test_main_article_has_four_levels_tables_and_figures(loaded):
    article = Article.objects.get(slug=MAIN_SLUG)
    sections = list(article.sections.order_by("position"))

    levels_in_order = []
    for section in sections:
        if not levels_in_order or levels_in_order[-1] != section.level:
            levels_in_order.append(section.level)
    assert levels_in_order == LEVELS
    assert len(sections) >= 14
    assert len({s.anchor for s in sections}) == len(sections)
    assert all(s.heading.endswith("?") for s in sections)
    assert sum(1 for s in sections if s.takeaway) >= len(sections) * 2 // 3
    assert sum(len(TABLE_RE.findall(s.body)) for s in sections) == 2
    assert article.reviewed_by and article.reviewed_at and article.disclaimer_note

    figures = list(Figure.objects.filter(section__article=article))
    assert len(figures) >= 4
    for figure in figures:
        assert figure.alt_text.strip()
        assert figure.image.name and default_storage.exists(figure.image.name)
        assert figure.width and figure.height


@pytest.mark.django_db
def test_main_article_cites_every_reference_in_first_citation_order(loaded):
    article = Article.objects.get(slug=MAIN_SLUG)
    expected = []
    for section in article.sections.order_by("position"):
        expected += [key for key in cited_keys(section.body) if key not in expected]
    attached = list(
        ArticleReference.objects.filter(article=article)
        .order_by("position")
        .values_list("reference__key", flat=True)
    )
    assert attached == expected
    assert set(attached) == REFERENCE_KEYS


@pytest.mark.django_db
def test_every_citation_in_the_demo_resolves(loaded):
    known = set(Reference.objects.values_list("key", flat=True))
    cited = [
        (key, section.heading)
        for section in Section.objects.all()
        for key in cited_keys(section.body)
    ]
    assert cited
    for key, heading in cited:
        assert key in known, f"[@{key}] in {heading!r}"
    for article in Article.objects.all():
        assert article.article_references.exists()


def demo_with_takeaway_citation(key):
    """The demo articles, the sleep article's first take-away citing `key` too."""
    articles = copy.deepcopy(ARTICLES)
    sleep = next(article for article in articles if article["slug"] == "sleep-and-the-hpa-axis")
    sleep["sections"][0]["takeaway"] += f" [@{key}]"
    return sleep, articles


@pytest.mark.django_db
def test_reference_cited_only_in_a_take_away_joins_the_list(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    sleep = next(article for article in ARTICLES if article["slug"] == "sleep-and-the-hpa-axis")
    in_bodies = {key for section in sleep["sections"] for key in cited_keys(section["body"])}
    key = sorted(REFERENCE_KEYS - in_bodies)[0]
    _, articles = demo_with_takeaway_citation(key)
    monkeypatch.setattr("articles.management.commands.load_demo.ARTICLES", articles)
    load_demo()
    attached = ArticleReference.objects.filter(article__slug="sleep-and-the-hpa-axis")
    keys = list(attached.order_by("position").values_list("reference__key", flat=True))
    assert set(keys) == in_bodies | {key}
    # Reading order: the first section's body, then its take-away.
    first = [k for k in cited_keys(sleep["sections"][0]["body"]) if k != key]
    assert keys[: len(first) + 1] == [*first, key]


@pytest.mark.django_db
def test_unknown_key_in_a_take_away_stops_the_load(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    _, articles = demo_with_takeaway_citation("no-such-key")
    monkeypatch.setattr("articles.management.commands.load_demo.ARTICLES", articles)
    with pytest.raises(CommandError, match=r"Unknown reference \[@no-such-key\]"):
        load_demo()


@pytest.mark.django_db
def test_demo_tables_have_captions(loaded, client):
    response = client.get(Article.objects.get(slug=MAIN_SLUG).get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    tables = soup.select("main table")
    assert len(tables) == 2
    assert [table.caption.get_text() for table in tables] == [
        "How other hormones may shape oxytocin signaling",
        "How strong the evidence is for the main claims in this article",
    ]


# Glossary, references, tags ---------------------------------------------------------------


@pytest.mark.django_db
def test_glossary_terms_are_published_with_aliases(loaded):
    published = list(Term.objects.public())
    assert len(published) >= 28
    assert sum(1 for term in published if term.alias_list) >= 25
    assert "OXTR" in Term.objects.get(slug="oxytocin-receptor").alias_list
    assert "TRT" in Term.objects.get(slug="testosterone-replacement-therapy").alias_list
    assert "HPG axis" in Term.objects.get(slug="hypothalamic-pituitary-gonadal-axis").alias_list
    assert "HPA axis" in Term.objects.get(slug="hypothalamic-pituitary-adrenal-axis").alias_list
    assert Term.objects.get(slug="oxytocin").related.filter(slug="vasopressin").exists()
    # The relation is symmetrical.
    assert Term.objects.get(slug="vasopressin").related.filter(slug="oxytocin").exists()


@pytest.mark.django_db
def test_references_record_what_their_check_found(loaded):
    references = {r.key: r for r in Reference.objects.all()}
    assert set(references) == REFERENCE_KEYS | SLEEP_REFERENCE_KEYS
    states = {key: reference.verification for key, reference in references.items()}
    assert {key for key, state in states.items() if state == "not-found"} == {
        "neal-2018", "de-wied-1977", "genazzani-2019", "roney-2007", "resnick-2006",
        "guyton-2016",
    }  # fmt: skip
    assert {key for key, state in states.items() if state == "verified"} == {
        "insel-2010", "gottfried-2013", "boron-2017", "endocrine-society-2018",
        *SLEEP_REFERENCE_KEYS,
    }  # fmt: skip
    assert {key for key, state in states.items() if state == "unverified"} == {
        "fda-2025-zulresso",
    }  # fmt: skip
    for reference in references.values():
        assert reference.verification_note, reference.key
        assert reference.url == ""
    # Identifiers only where a record showed them; the corrected page range.
    assert references["insel-2010"].doi == "10.1016/j.neuron.2010.03.005"
    assert references["insel-2010"].pages == "768-779"
    assert references["cadegiani-2016"].doi == "10.1186/s12902-016-0128-4"
    assert {r.key: r.pmid for r in references.values() if r.pmid} == {"cadegiani-2016": "27557747"}
    assert {r.key for r in references.values() if r.doi} == {"insel-2010", "cadegiani-2016"}
    assert references["gottfried-2013"].publisher == "Scribner"
    assert references["endocrine-society-2018"].author_list[0] == "Bhasin, S."
    chapter = references["de-wied-1977"]
    assert (chapter.kind, chapter.container, chapter.pages) == (
        "chapter",
        "Peptides in Neurobiology",
        "397-448",
    )


@pytest.mark.django_db
def test_readers_see_how_each_demo_reference_was_checked(client, loaded):
    html = client.get(f"/articles/{MAIN_SLUG}/").content.decode()
    assert 'id="ref-neal-2018" data-verification="not-found"' in html
    assert 'id="ref-insel-2010" data-verification="verified"' in html
    assert "https://doi.org/10.1016/j.neuron.2010.03.005" in html
    assert "no DOI or PubMed ID available" not in html


@pytest.mark.django_db
def test_there_are_at_least_twelve_tags(loaded):
    assert Tag.objects.count() >= 12
    assert Article.objects.get(slug=MAIN_SLUG).tags.filter(name="oxytocin").exists()


# The content as data (no database) --------------------------------------------------------


def test_every_tag_used_is_declared():
    used = {tag for item in [*ARTICLES, *TERMS, *REFERENCES] for tag in item.get("tags", [])}
    assert used <= set(ALL_TAGS)
    assert len(used) >= 12


def test_aliases_point_to_exactly_one_term():
    seen = {}
    for term in TERMS:
        for name in [term["name"], *term["aliases"]]:
            assert name.lower() not in seen, f"{name!r} is used by {seen[name.lower()]!r} too"
            seen[name.lower()] = term["slug"]
    slugs = {term["slug"] for term in TERMS}
    for term in TERMS:
        assert set(term["related"]) <= slugs
        assert len(term["short_definition"]) <= 240


def test_demo_text_limits_and_images():
    for article in ARTICLES:
        assert len(article["summary"]) <= 300
        assert len({level for s in article["sections"] for level in [s["level"]]}) >= 2
        for section in article["sections"]:
            assert "<" not in section["body"], "no raw HTML in demo Markdown"
            for figure in section["figures"]:
                path = IMAGES_DIR / figure["image"]
                assert path.is_file()
                assert path.stat().st_size < 120 * 1024
    main = next(a for a in ARTICLES if a["slug"] == MAIN_SLUG)
    words = sum(len(s["body"].split()) for s in main["sections"])
    assert 3000 <= words <= 4000


def test_load_demo_again_after_an_editor_opened_a_demo_article(settings, tmp_path, admin_client):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    article = Article.objects.articles().first()
    admin_client.get(f"/admin/articles/article/{article.pk}/change/")  # makes its draft
    assert Article.objects.filter(draft_of=article).exists()
    load_demo()
    assert Article.objects.articles().count() == len(ARTICLES)
