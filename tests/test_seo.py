"""What search engines read: unique titles and descriptions, canonical URLs, Open Graph, and
schema.org JSON-LD checked against the vocabulary (tests/data/schemaorg_subset.json)."""

import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from articles.models import Article, ArticleReference
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "data" / "schemaorg_subset.json").read_text())


def ancestors(type_name):
    """The type and every type it inherits from."""
    found = {type_name}
    for parent in SCHEMA["types"][type_name]:
        found |= ancestors(parent)
    return found


def schema_problems(node, path="$"):
    """Every @type that is not a schema.org type, and every property not defined on its type."""
    if isinstance(node, list):
        return [problem for i, item in enumerate(node) for problem in schema_problems(item, path)]
    if not isinstance(node, dict):
        return []
    type_name = node.get("@type")
    if type_name not in SCHEMA["types"]:
        return [f"{path}: unknown type {type_name!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        domains = SCHEMA["properties"].get(name)
        if domains is None:
            problems.append(f"{path}.{name}: unknown property")
        elif not ancestors(type_name) & set(domains):
            problems.append(f"{path}.{name}: not a property of {type_name}")
        problems += schema_problems(value, f"{path}.{name}")
    return problems


def json_ld_of(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    (script,) = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)


@pytest.fixture
def reviewed_article(article_factory, reference_factory):
    article = article_factory(
        title="Oxytocin and bonding",
        slug="oxytocin-and-bonding",
        summary="What the hormone does.",
        authors="Ana Writer, Ben Author",
        reviewed_by="Dr Lena Okafor, MD",
        reviewed_at=date(2026, 3, 1),
        tags=["hormones", "bonding"],
    )
    with_ids = reference_factory(
        key="insel-2010",
        title="The challenge of translation",
        authors="Insel, T. R.",
        container="Neuron",
        year=2010,
        pages="768-779",
        doi="10.1016/j.neuron.2010.03.005",
        pmid="20346754",
    )
    as_printed = reference_factory(key="book-1", kind="book", title="A book", container="")
    ArticleReference.objects.create(article=article, reference=with_ids, position=0)
    ArticleReference.objects.create(article=article, reference=as_printed, position=1)
    return article


# The checker itself


def test_schema_check_catches_unknown_types_and_misplaced_properties():
    assert schema_problems({"@type": "MedicalWebPag"}) == ["$: unknown type 'MedicalWebPag'"]
    assert schema_problems({"@type": "Person", "headline": "x"}) == [
        "$.headline: not a property of Person"
    ]
    assert schema_problems({"@type": "WebPage", "reviewer": "x"}) == [
        "$.reviewer: unknown property"
    ]


def test_schema_check_accepts_inherited_properties():
    assert schema_problems({"@type": "MedicalWebPage", "headline": "x", "name": "y"}) == []


# Article pages: MedicalWebPage


def test_article_json_ld_is_a_medical_web_page(client, reviewed_article):
    data = json_ld_of(client, reviewed_article.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["headline"] == "Oxytocin and bonding"
    assert data["description"] == "What the hormone does."
    assert data["url"] == "http://testserver/articles/oxytocin-and-bonding/"


def test_article_json_ld_uses_only_schema_org_types_and_properties(client, reviewed_article):
    assert schema_problems(json_ld_of(client, reviewed_article.get_absolute_url())) == []


def test_article_json_ld_carries_review_and_dates(client, reviewed_article):
    data = json_ld_of(client, reviewed_article.get_absolute_url())
    assert data["lastReviewed"] == "2026-03-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Lena Okafor, MD"}
    reviewed_article.refresh_from_db()
    modified = reviewed_article.updated_at
    assert data["dateModified"].startswith(modified.strftime("%Y-%m-%dT%H:%M:%S."))
    assert [author["name"] for author in data["author"]] == ["Ana Writer", "Ben Author"]


def test_article_json_ld_takes_keywords_and_about_from_tags(client, reviewed_article):
    data = json_ld_of(client, reviewed_article.get_absolute_url())
    assert data["keywords"] == "bonding, hormones"
    assert [(thing["name"], thing["url"]) for thing in data["about"]] == [
        ("bonding", "http://testserver/tags/bonding/"),
        ("hormones", "http://testserver/tags/hormones/"),
    ]


def test_article_json_ld_cites_references_as_printed(client, reviewed_article):
    insel, book = json_ld_of(client, reviewed_article.get_absolute_url())["citation"]
    assert insel == {
        "@type": "ScholarlyArticle",
        "name": "The challenge of translation",
        "author": [{"@type": "Person", "name": "Insel, T. R."}],
        "datePublished": "2010",
        "isPartOf": {"@type": "Periodical", "name": "Neuron"},
        "pagination": "768-779",
        "identifier": [
            {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": "10.1016/j.neuron.2010.03.005",
            },
            {"@type": "PropertyValue", "propertyID": "PMID", "value": "20346754"},
        ],
        "sameAs": "https://doi.org/10.1016/j.neuron.2010.03.005",
    }
    assert book["@type"] == "Book"
    assert not {"identifier", "sameAs", "url"} & set(book)


def test_article_json_ld_cannot_break_out_of_its_script(client, article_factory):
    title = "</script><script>alert(1)</script> & <!--"
    article = article_factory(title=title, summary="<b>x</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    assert json.loads(block)["headline"] == title


def test_preview_of_a_draft_has_no_json_ld(staff_client, article_factory):
    article = article_factory(status=Article.Status.DRAFT)
    html = rendered_html(staff_client.get(article.get_absolute_url()), article.title)
    assert "Preview - not published" in html
    assert "application/ld+json" not in html


def test_article_page_is_an_open_graph_article(client, reviewed_article):
    soup = BeautifulSoup(client.get(reviewed_article.get_absolute_url()).content, "html.parser")
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    tags = [meta["content"] for meta in soup.select('meta[property="article:tag"]')]
    assert sorted(tags) == ["bonding", "hormones"]


# Term pages: DefinedTerm


def test_term_json_ld_is_a_defined_term(client, term_factory):
    term = term_factory(
        name="Oxytocin receptor",
        slug="oxytocin-receptor",
        aliases="OXTR\nOT receptor",
        short_definition="The receptor oxytocin binds to.",
    )
    data = json_ld_of(client, term.get_absolute_url())
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Oxytocin receptor"
    assert data["alternateName"] == ["OXTR", "OT receptor"]
    assert data["description"] == "The receptor oxytocin binds to."
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["url"] == "http://testserver/glossary/"
    assert schema_problems(data) == []


# Every public page: unique title and description, canonical URL, Open Graph


@pytest.fixture
def site_pages(reviewed_article, article_factory, term_factory, settings):
    settings.ARTICLES_PER_PAGE = 1
    article_factory(title="Second article", tags=["hormones"])
    term = term_factory(name="Estradiol", slug="estradiol", tags=["hormones"])
    return [
        "/",
        "/articles/",
        "/articles/?page=2",
        "/articles/?tag=hormones",
        "/articles/?tag=hormones&tag=bonding",
        reviewed_article.get_absolute_url(),
        "/glossary/",
        term.get_absolute_url(),
        "/references/",
        "/references/?tag=hormones",
        "/tags/",
        "/tags/hormones/",
        "/tags/hormones/?page=2",
        "/tags/bonding/",
        "/about/",
        "/disclaimer/",
        "/search/",
        "/search/?q=oxytocin",
        "/search/?q=estradiol",
    ]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")

    def meta(attribute, value):
        element = soup.select_one(f'meta[{attribute}="{value}"]')
        return element["content"] if element else None

    canonical = soup.select_one('link[rel="canonical"]')
    return {
        "title": soup.title.get_text(),
        "description": meta("name", "description"),
        "canonical": canonical["href"] if canonical else None,
        "og:title": meta("property", "og:title"),
        "og:description": meta("property", "og:description"),
        "og:url": meta("property", "og:url"),
        "og:type": meta("property", "og:type"),
        "og:site_name": meta("property", "og:site_name"),
    }


def test_every_public_page_has_a_unique_title(client, site_pages):
    titles = [head_of(client, url)["title"] for url in site_pages]
    assert len(set(titles)) == len(titles), titles


def test_every_public_page_has_a_unique_description(client, site_pages):
    descriptions = {url: head_of(client, url)["description"] for url in site_pages}
    assert all(descriptions.values())
    repeated = [
        url for url, text in descriptions.items() if list(descriptions.values()).count(text) > 1
    ]
    assert not repeated, repeated


def test_every_public_page_has_canonical_url_and_open_graph(client, site_pages):
    for url in site_pages:
        head = head_of(client, url)
        assert head["canonical"].startswith("http://testserver/"), url
        assert head["og:url"] == head["canonical"], url
        assert head["og:title"] == head["title"], url
        assert head["og:description"] == head["description"], url
        assert head["og:type"] in {"website", "article"}, url
        assert head["og:site_name"], url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/articles/?utm_source=mail", "http://testserver/articles/"),
        ("/articles/?page=1", "http://testserver/articles/"),
        ("/articles/?page=2", "http://testserver/articles/?page=2"),
        ("/articles/?tag=b&tag=a", "http://testserver/articles/?tag=a&tag=b"),
        ("/search/?q=oxytocin&fbclid=x", "http://testserver/search/?q=oxytocin"),
    ],
)
def test_canonical_url_keeps_only_what_chooses_the_content(client, article_factory, url, canonical):
    article_factory(title="Public article", tags=["a", "b"])
    assert head_of(client, url)["canonical"] == canonical


def test_open_graph_repeats_escaped_text_once_escaped(client, article_factory):
    article = article_factory(title='Fish & "chips"', summary="Less <than> more")
    head = head_of(client, article.get_absolute_url())
    assert head["og:title"].startswith('Fish & "chips"')
    assert head["og:description"] == "Less <than> more"


# Link previews: og:image and the Twitter card


def test_article_preview_image_is_its_first_figure(client, article_factory):
    article = article_factory(title="Figures", slug="figures", sections=2, figures=2)
    first = article.sections.order_by("position").first().figures.order_by("position").first()
    head = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")

    def meta(name):
        element = head.select_one(f'meta[property="{name}"], meta[name="{name}"]')
        return element["content"] if element else None

    assert meta("og:image") == f"http://testserver{first.image.url}"
    assert meta("og:image:width") == str(first.width)
    assert meta("og:image:height") == str(first.height)
    assert meta("og:image:alt") == " ".join(first.alt_text.split())
    assert meta("twitter:card") == "summary_large_image"
    data = json_ld_of(client, article.get_absolute_url())
    assert data["image"] == f"http://testserver{first.image.url}"
    assert schema_problems(data) == []


def test_page_without_a_figure_previews_the_site_card(client, reviewed_article):
    soup = BeautifulSoup(client.get(reviewed_article.get_absolute_url()).content, "html.parser")
    image = soup.select_one('meta[property="og:image"]')["content"]
    assert image == "http://testserver/static/img/share-card.png"
    assert soup.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert "image" not in json_ld_of(client, reviewed_article.get_absolute_url())
    assert (Path(__file__).parent.parent / "static" / "img" / "share-card.png").is_file()


def test_every_public_page_has_an_absolute_preview_image(client, site_pages):
    for url in site_pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        image = soup.select_one('meta[property="og:image"]')
        assert image["content"].startswith("http://testserver/"), url
        assert soup.select_one('meta[name="twitter:card"]')["content"], url


# Glossary index: DefinedTermSet; tag pages: CollectionPage


def test_glossary_index_json_ld_is_a_defined_term_set(client, term_factory):
    term_factory(name="Oxytocin", slug="oxytocin", aliases="OXT", short_definition="A hormone.")
    term_factory(name="Estradiol", slug="estradiol", short_definition="An estrogen.")
    term_factory(name="Hidden", slug="hidden", is_published=False)
    data = json_ld_of(client, "/glossary/")
    assert data["@type"] == "DefinedTermSet"
    assert data["@id"] == "http://testserver/glossary/"
    terms = {term["name"]: term for term in data["hasDefinedTerm"]}
    assert set(terms) == {"Oxytocin", "Estradiol"}
    assert terms["Oxytocin"]["url"] == "http://testserver/glossary/oxytocin/"
    assert terms["Oxytocin"]["alternateName"] == ["OXT"]
    assert terms["Estradiol"]["description"] == "An estrogen."
    assert schema_problems(data) == []


def test_glossary_index_and_term_pages_name_the_same_set(client, term_factory):
    term = term_factory(name="Oxytocin", slug="oxytocin")
    index = json_ld_of(client, "/glossary/")
    on_term_page = json_ld_of(client, term.get_absolute_url())["inDefinedTermSet"]
    assert (on_term_page["@id"], on_term_page["name"]) == (index["@id"], index["name"])


def test_tag_page_json_ld_is_a_collection_of_its_public_items(
    client, reviewed_article, article_factory, term_factory
):
    article_factory(title="Draft on hormones", status="draft", tags=["hormones"])
    term_factory(name="Estradiol", slug="estradiol", tags=["hormones"])
    data = json_ld_of(client, "/tags/hormones/")
    assert data["@type"] == "CollectionPage"
    assert data["url"] == "http://testserver/tags/hormones/"
    assert data["about"] == {"@type": "Thing", "name": "hormones"}
    items = data["mainEntity"]["itemListElement"]
    assert [(item["position"], item["name"]) for item in items] == [
        (1, "Oxytocin and bonding"),
        (2, "Estradiol"),
    ]
    assert items[0]["url"] == "http://testserver/articles/oxytocin-and-bonding/"
    assert data["mainEntity"]["numberOfItems"] == 2
    assert schema_problems(data) == []
