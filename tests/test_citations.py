"""Citations: numbering across the article, ranges, back-links, the reference list, and the
admin's checks of what editors type."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from articles.citations import (
    CitationNumbering,
    cited_keys,
    find_citations,
    group_numbers,
    parse_citation,
)
from articles.models import ArticleReference, Reference, Section
from articles.search_index import markdown_to_search_text
from site_config.markdown import render_markdown, unmark_citations
from tests.admin_forms import form_data


@pytest.fixture
def refs(reference_factory):
    """Five references keyed a..e."""
    return {key: reference_factory(key=key) for key in "abcde"}


def make_article(article_factory, *bodies, takeaways=(), **fields):
    article = article_factory(sections=0, **fields)
    for position, body in enumerate(bodies):
        Section.objects.create(
            article=article,
            position=position,
            heading=f"Question {position}?",
            anchor=f"q{position}",
            body=body,
            takeaway=takeaways[position] if position < len(takeaways) else "",
        )
    return article


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def citation_texts(soup):
    return [sup.get_text() for sup in soup.select("main sup.citation")]


def number(html, ids_by_key):
    numbering = CitationNumbering(ids_by_key)
    return unmark_citations(numbering.render(render_markdown(html, mark_citations=True)))


# ---- Reading citations -------------------------------------------------------------------


def test_single_key_is_read():
    assert parse_citation("[@neal-2018]").keys == ("neal-2018",)


def test_several_keys_are_read_in_order():
    assert parse_citation("[@b; @a]").keys == ("b", "a")


@pytest.mark.parametrize("text", ["[@a, @b]", "[@]", "[@a b]", "[@a; b]", "[@a;]"])
def test_malformed_citations_have_no_keys(text):
    assert not parse_citation(text).is_well_formed


def test_citations_in_code_are_not_read():
    text = "`[@a]` and\n\n    [@b]\n\nand [@c]"
    assert [citation.keys for citation in find_citations(text)] == [("c",)]


def test_escaped_brackets_are_not_a_citation():
    found = find_citations(r"\[@a] and [@b]")
    assert [citation.keys for citation in found] == [("b",)]


def test_three_consecutive_numbers_make_a_range():
    assert group_numbers([3, 1, 2, 5]) == [(1, 3), (5, 5)]


def test_two_consecutive_numbers_stay_separate():
    assert group_numbers([1, 2]) == [(1, 1), (2, 2)]


# ---- Rendering ---------------------------------------------------------------------------


def test_citation_becomes_a_numbered_superscript_link():
    html = number("Text [@a].", {"a": 1})
    assert '<sup class="citation"><a href="#ref-a" id="cite-a-1">1</a></sup>' in html


def test_range_links_first_and_last_and_anchors_the_ones_between():
    soup = BeautifulSoup(number("Text [@a; @b; @c].", {"a": 1, "b": 2, "c": 3}), "html.parser")
    sup = soup.select_one("sup.citation")
    assert sup.get_text() == "1\u20133"
    assert [a["href"] for a in sup.select("a")] == ["#ref-a", "#ref-c"]
    assert sup.select_one("#cite-b-1") is not None


def test_group_shows_numbers_in_ascending_order():
    html = number("First [@b]. Then [@c; @a; @b].", {"a": 1, "b": 2, "c": 3})
    soup = BeautifulSoup(html, "html.parser")
    assert [sup.get_text() for sup in soup.select("sup.citation")] == ["1", "1\u20133"]


def test_non_consecutive_numbers_are_comma_separated():
    html = number("[@a] [@b] [@c] then [@c; @a]", {"a": 1, "b": 2, "c": 3})
    assert BeautifulSoup(html, "html.parser").select("sup.citation")[-1].get_text() == "1,3"


def test_citation_inside_code_stays_as_written():
    html = number("Write `[@a]` to cite.", {"a": 1})
    assert "<code>[@a]</code>" in html
    assert "sup" not in html


def test_unknown_key_at_render_time_shows_the_text_as_written():
    assert "[@gone]" in number("Text [@gone].", {"a": 1})


def test_citation_in_image_alt_text_stays_plain_text():
    html = number("![chart [@a]](/media/x.png)", {"a": 1})
    assert BeautifulSoup(html, "html.parser").img["alt"] == "chart [@a]"


def test_key_with_double_hyphen_survives_typography():
    html = number("Text [@a--b].", {"a--b": 1})
    assert 'href="#ref-a--b"' in html


# ---- The article page ----------------------------------------------------------------------


def test_numbers_follow_first_citation_across_sections(client, article_factory, refs):
    article = make_article(article_factory, "One [@c].", "Two [@a] and [@c].")
    assert citation_texts(page(client, article)) == ["1", "2", "1"]


def test_takeaway_citations_count_after_the_body(client, article_factory, refs):
    article = make_article(article_factory, "Body [@b].", takeaways=["Take-away [@a]."])
    soup = page(client, article)
    assert soup.select_one(".takeaway sup.citation").get_text() == "2"


def test_reference_list_is_cited_then_attached_but_uncited(client, article_factory, refs):
    article = make_article(article_factory, "One [@c] then [@a].")
    ArticleReference.objects.create(article=article, reference=refs["e"], position=0)
    ArticleReference.objects.create(article=article, reference=refs["a"], position=1)
    soup = page(client, article)
    assert [li["id"] for li in soup.select("ol.references > li")] == ["ref-c", "ref-a", "ref-e"]


def test_each_entry_links_back_to_every_citation(client, article_factory, refs):
    article = make_article(article_factory, "One [@a].", "Two [@b; @a].")
    soup = page(client, article)
    backlinks = [a["href"] for a in soup.select("#ref-a .backlinks a")]
    assert backlinks == ["#cite-a-1", "#cite-a-2"]
    assert all(soup.select_one(href) is not None for href in backlinks)


def test_every_reference_in_a_range_can_be_reached_back(client, article_factory, refs):
    article = make_article(article_factory, "All [@a; @b; @c].")
    soup = page(client, article)
    for key in "abc":
        (backlink,) = soup.select(f"#ref-{key} .backlinks a")
        assert soup.select_one(backlink["href"]) is not None


def test_uncited_reference_has_no_backlinks(client, article_factory, refs):
    article = make_article(article_factory, "Nothing cited.")
    ArticleReference.objects.create(article=article, reference=refs["a"], position=0)
    soup = page(client, article)
    assert soup.select_one("ol.references li#ref-a") is not None
    assert soup.select("#ref-a .backlinks") == []


def test_cited_reference_joins_the_article_reference_list(
    article_factory, refs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(article_factory, "One [@b] and `[@d]`.")
    assert list(article.references.all()) == [refs["b"]]


def test_cited_reference_shows_cited_in_on_the_bibliography(
    client, article_factory, refs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(article_factory, "One [@b].", title="Sleep and hormones")
    soup = BeautifulSoup(client.get("/references/").content, "html.parser")
    assert "Sleep and hormones" in soup.select_one("#ref-b .cited-in").get_text()


def test_editing_a_reference_shows_on_the_article_page_at_once(client, article_factory, refs):
    article = make_article(article_factory, "One [@a].")
    page(client, article)
    refs["a"].title = "A corrected title"
    refs["a"].save()
    assert "A corrected title" in page(client, article).select_one("#ref-a").get_text()


# ---- The admin -------------------------------------------------------------------------------


def section_post(staff_client, section, **changes):
    url = f"/admin/articles/section/{section.pk}/change/"
    data = form_data(staff_client.get(url), "section_form")
    data.update(changes)
    return staff_client.post(url, data)


@pytest.fixture
def section(article_factory, refs):
    Reference.objects.create(key="neal-2018", authors="Neal, J. M.", title="Oxytocin", year=2018)
    # A section's own page edits drafts (a published article's are changed in its draft).
    article = make_article(article_factory, "Plain text.", status="draft")
    section = article.sections.get()
    section.heading = "How do hormonal shifts change mood?"
    section.save()
    return section


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text() for li in soup.select(".errorlist li")]


def test_unknown_key_names_the_key_and_section_and_suggests(staff_client, section):
    response = section_post(staff_client, section, body="As shown [@nael-2018].")
    assert response.status_code == HTTPStatus.OK
    assert errors_of(response) == [
        "Section 'How do hormonal shifts change mood?': no reference with key 'nael-2018'. "
        "Did you mean 'neal-2018' (Neal, J. M. (2018), Oxytocin)?"
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("holick-2007", "vitd-review"),  # by author and year, whatever the key looks like
        ("holick-vitamin", "vitd-review"),  # by author and a title word
        ("resnik-2006", "resnick-2006"),  # a typo in the key itself
    ],
)
def test_an_unknown_key_suggests_the_reference_by_author_title_or_spelling(typed, meant):
    from articles.citations import likely_reference

    candidates = [
        ("resnick-2006", "Resnick, S. M.", 2006, "Hormone therapy and memory"),
        ("vitd-review", "Holick, M. F.", 2007, "Vitamin D deficiency"),
    ]
    assert likely_reference(typed, candidates)[0] == meant


def test_an_unrelated_key_is_not_suggested_for_a_look_alike_spelling():
    from articles.citations import likely_reference

    candidates = [("resnick-2006", "Resnick, S. M.", 2006, "Hormone therapy and memory")]
    assert likely_reference("holick-2007", candidates) is None


def test_rejected_save_keeps_what_the_editor_typed(staff_client, section):
    response = section_post(staff_client, section, body="My new paragraph [@nael-2018].")
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one("textarea[name=body]").get_text().strip()
        == "My new paragraph [@nael-2018]."
    )
    section.refresh_from_db()
    assert section.body == "Plain text."


def test_malformed_citation_is_an_error(staff_client, section):
    response = section_post(staff_client, section, body="See [@a, @b].")
    assert "“[@a, @b]” is not a citation the site can read" in errors_of(response)[0]


def test_unknown_key_in_takeaway_is_an_error(staff_client, section):
    response = section_post(staff_client, section, takeaway="Short [@zzz-1999].")
    assert "no reference with key 'zzz-1999'" in errors_of(response)[0]


def test_citation_in_code_is_not_checked(staff_client, section):
    response = section_post(staff_client, section, body="Type `[@your-key]` to cite.")
    assert response.status_code == HTTPStatus.FOUND


def test_known_keys_save(staff_client, section):
    response = section_post(staff_client, section, body="As shown [@neal-2018; @a].")
    assert response.status_code == HTTPStatus.FOUND


def test_unknown_key_in_article_inline_names_the_section(staff_client, section):
    article = section.article
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(staff_client.get(url), "article_form")
    body_field = next(name for name in data if name.endswith("-body"))
    data[body_field] = "Inline text [@nael-2018]."
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert any("no reference with key 'nael-2018'" in error for error in errors_of(response))


def test_renaming_a_key_rewrites_its_citations(staff_client, section):
    section.body = "Shown [@neal-2018; @a] but `[@neal-2018]` in code stays."
    section.save()
    reference = Reference.objects.get(key="neal-2018")
    url = f"/admin/articles/reference/{reference.pk}/change/"
    data = form_data(staff_client.get(url), "reference_form")
    data["key"] = "neal-wagner-2018"
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    section.refresh_from_db()
    assert section.body == "Shown [@neal-wagner-2018; @a] but `[@neal-2018]` in code stays."


def test_superscript_sits_against_the_preceding_word():
    html = number("Hormones act on distant tissues [@a].", {"a": 1})
    assert "tissues<sup" in html


# ---- One grammar for every reader of citations ----------------------------------------------


def test_search_text_leaves_citations_out():
    assert markdown_to_search_text("Oxytocin rises [@a; @b] at birth [@c].") == (
        "Oxytocin rises at birth ."
    )


def test_cited_keys_are_read_as_the_page_reads_them():
    text = "First [@b; @a], then `[@c]`, \\[@d], [@a] again and [@e](https://example.org/)."
    assert cited_keys(text) == ["b", "a", "e"]
