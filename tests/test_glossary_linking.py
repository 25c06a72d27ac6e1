"""The glossary linker: which mentions link, where links never go, and the stored index of
which articles use which terms."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from articles.models import Figure, Section
from glossary.linking import GlossaryIndex, GlossaryLinker, get_glossary_index
from glossary.models import Term
from site_config.markdown import render_markdown
from tests.conftest import png_file


def index_of(*terms):
    """A GlossaryIndex from (name, aliases, case_sensitive) triples; ids count from 1."""
    rows = []
    for number, (name, aliases, case_sensitive) in enumerate(terms, start=1):
        slug = slugify(name)
        rows.append((number, name, slug, aliases, f"What {name} means.", case_sensitive))
    return GlossaryIndex(rows)


def link(markdown_text, *terms, exclude_term_id=None):
    linker = GlossaryLinker(index_of(*terms), exclude_term_id=exclude_term_id)
    return linker.link(render_markdown(markdown_text))


def linked_texts(html):
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select("a.glossary-term")]


OXYTOCIN = ("oxytocin", "OT", False)
OXYTOCIN_RECEPTOR = ("oxytocin receptor", "OXTR", False)


def test_first_mention_links_to_the_term_page():
    html = link("Oxytocin is a hormone.", OXYTOCIN)
    anchor = BeautifulSoup(html, "html.parser").select_one("a.glossary-term")
    assert anchor["href"] == "/glossary/oxytocin/"
    assert anchor["data-definition"] == "What oxytocin means."


def test_only_the_first_mention_links():
    assert linked_texts(link("Oxytocin here. Oxytocin there.", OXYTOCIN)) == ["Oxytocin"]


def test_link_text_is_the_term_as_written():
    assert linked_texts(link("OXYTOCIN levels rise.", OXYTOCIN)) == ["OXYTOCIN"]


def test_longest_name_wins():
    html = link("The oxytocin receptor binds oxytocin.", OXYTOCIN, OXYTOCIN_RECEPTOR)
    assert linked_texts(html) == ["oxytocin receptor", "oxytocin"]


def test_longest_match_consumes_the_words_even_when_already_linked():
    html = link("The oxytocin receptor. Again the oxytocin receptor.", OXYTOCIN, OXYTOCIN_RECEPTOR)
    assert linked_texts(html) == ["oxytocin receptor"]


def test_names_match_whole_words_only():
    html = link("Oxytocinergic neurons release oxytocin.", OXYTOCIN)
    assert linked_texts(html) == ["oxytocin"]


def test_word_followed_by_punctuation_still_matches():
    assert linked_texts(link("Levels of oxytocin, measured daily.", OXYTOCIN)) == ["oxytocin"]


def test_names_match_across_line_breaks_in_the_source():
    html = link("The oxytocin\nreceptor is a protein.", OXYTOCIN_RECEPTOR)
    assert linked_texts(html) == ["oxytocin\nreceptor"]


def test_matching_ignores_case_by_default():
    assert linked_texts(link("HPG Axis basics.", ("HPG axis", "", False))) == ["HPG Axis"]


def test_case_sensitive_term_matches_only_its_exact_capitalisation():
    terms = [("ACE", "", True)]
    assert linked_texts(link("An ace of spades.", *terms)) == []
    assert linked_texts(link("ACE inhibitors.", *terms)) == ["ACE"]


def test_alias_links_to_the_canonical_term():
    html = link("OXTR is expressed in the brain.", OXYTOCIN_RECEPTOR)
    anchor = BeautifulSoup(html, "html.parser").select_one("a.glossary-term")
    assert anchor.get_text() == "OXTR"
    assert anchor["href"] == "/glossary/oxytocin-receptor/"


def test_a_term_linked_under_one_name_stays_plain_under_its_others():
    html = link("OXTR first, then the oxytocin receptor.", OXYTOCIN_RECEPTOR)
    assert linked_texts(html) == ["OXTR"]


def test_curly_apostrophe_in_text_matches_straight_one_in_name():
    html = link("Cushing's syndrome is rare.", ("Cushing's syndrome", "", False))
    assert linked_texts(html) == ["Cushing\u2019s syndrome"]


def test_no_link_inside_headings():
    html = link("### Oxytocin\n\nText without the word.", OXYTOCIN)
    assert BeautifulSoup(html, "html.parser").h3.get_text() == "Oxytocin"
    assert linked_texts(html) == []


def test_mention_after_a_heading_links():
    html = link("### Oxytocin\n\nMore on oxytocin.", OXYTOCIN)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h3.find("a") is None
    assert [a.get_text() for a in soup.p.find_all("a")] == ["oxytocin"]


def test_no_link_inside_existing_links():
    html = link("[Oxytocin facts](https://example.org/) and oxytocin.", OXYTOCIN)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("a a") == []
    assert linked_texts(html) == ["oxytocin"]


def test_no_link_inside_code_spans_or_blocks():
    html = link("`oxytocin` and\n\n    oxytocin\n\nThen oxytocin in prose.", OXYTOCIN)
    soup = BeautifulSoup(html, "html.parser")
    assert [code.get_text().strip() for code in soup.select("code")] == ["oxytocin", "oxytocin"]
    assert [(a.get_text(), a.parent.name) for a in soup.select("a.glossary-term")] == [
        ("oxytocin", "p")
    ]


def test_no_link_inside_citations():
    # A citation's superscript holds text besides its number links (separators, ranges);
    # a word there stands in for any of it. Its number links are skipped as links anyway.
    linker = GlossaryLinker(index_of(OXYTOCIN))
    html = linker.link(
        '<p>See <sup class="citation">oxytocin <a href="#ref-oxytocin">1</a></sup>'
        " and oxytocin.</p>"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("sup.citation").get_text() == "oxytocin 1"
    assert [(a.get_text(), a.parent.name) for a in soup.select("a.glossary-term")] == [
        ("oxytocin", "p")
    ]


def test_no_link_inside_another_term_link():
    linker = GlossaryLinker(index_of(OXYTOCIN))
    html = linker.link('<p><a class="glossary-term" href="/glossary/x/">oxytocin</a> oxytocin</p>')
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('a[href="/glossary/x/"]').get_text() == "oxytocin"
    assert soup.select("a a") == []


def test_alt_text_is_never_linked():
    html = link("![Oxytocin molecule](/media/oxytocin.png)", OXYTOCIN)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.img["alt"] == "Oxytocin molecule"
    assert linked_texts(html) == []


def test_table_cells_are_body_text():
    html = link("| hormone | role |\n|---|---|\n| oxytocin | bonding |", OXYTOCIN)
    assert BeautifulSoup(html, "html.parser").select("td a.glossary-term")


def test_excluded_term_never_links_to_itself():
    html = link("Oxytocin acts on the oxytocin receptor.", OXYTOCIN, OXYTOCIN_RECEPTOR,
                exclude_term_id=1)  # fmt: skip
    assert linked_texts(html) == ["oxytocin receptor"]


def test_definition_is_escaped_in_the_attribute():
    index = GlossaryIndex([(1, "cortisol", "cortisol", "", '"><script>alert(1)</script>', False)])
    html = GlossaryLinker(index).link("<p>cortisol</p>")
    assert "<script>" not in html
    anchor = BeautifulSoup(html, "html.parser").select_one("a.glossary-term")
    assert anchor["data-definition"] == '"><script>alert(1)</script>'


def test_text_with_entities_is_linked_and_stays_escaped():
    html = link("Fish & oxytocin < 5", OXYTOCIN)
    assert "Fish &amp; " in html and "&lt; 5" in html
    assert linked_texts(html) == ["oxytocin"]


def test_names_starting_with_a_symbol_are_ignored_rather_than_half_matched():
    index = GlossaryIndex([(1, "(R)-ketamine", "r-ketamine", "", "A drug.", False)])
    assert GlossaryLinker(index).link("<p>R ketamine</p>") == "<p>R ketamine</p>"


def test_another_terms_name_beats_an_alias():
    index = GlossaryIndex(
        [
            (1, "testosterone", "testosterone", "T", "Hormone.", False),
            (2, "T", "t-cell", "", "A cell.", True),
        ]
    )
    html = GlossaryLinker(index).link("<p>T</p>")
    assert 'href="/glossary/t-cell/"' in html


# ---- With the database: published terms, term pages, stored usage -------------------------


@pytest.fixture
def oxytocin(term_factory):
    return term_factory(
        name="oxytocin", slug="oxytocin", aliases="OT", short_definition="A hormone."
    )


def section_with(article, body, **fields):
    return Section.objects.create(
        article=article,
        position=fields.pop("position", 10),
        heading=fields.pop("heading", "More?"),
        anchor=fields.pop("anchor", f"more-{Section.objects.count()}"),
        body=body,
        **fields,
    )


def page_links(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("main a.glossary-term")]


def test_article_page_links_published_terms(client, article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    assert page_links(client, article) == [("Oxytocin", "/glossary/oxytocin/")]


def test_unpublished_terms_do_not_link(client, article_factory, term_factory):
    term_factory(name="estradiol", slug="estradiol", is_published=False)
    term_factory(name="cortisol", slug="cortisol")
    article = article_factory(sections=0)
    section_with(article, "Estradiol and cortisol matter.")
    assert page_links(client, article) == [("cortisol", "/glossary/cortisol/")]


def test_first_mention_is_per_article_across_sections(client, article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin first.", position=1, anchor="one")
    section_with(article, "Oxytocin again.", position=2, anchor="two")
    assert page_links(client, article) == [("Oxytocin", "/glossary/oxytocin/")]
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert soup.select_one("#one a.glossary-term") is not None


def test_figure_captions_link_terms(client, article_factory, oxytocin):
    article = article_factory(sections=1, figures=1)
    Figure.objects.filter(section__article=article).update(caption="Oxytocin over a day.")
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert soup.select_one("figcaption a.glossary-term").get_text() == "Oxytocin"


def test_takeaways_link_terms(client, article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Nothing here.", takeaway="Oxytocin is a hormone.")
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert soup.select_one(".takeaway a.glossary-term").get_text() == "Oxytocin"


def test_term_edit_shows_on_the_article_page_at_once(client, article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    client.get(article.get_absolute_url())
    oxytocin.short_definition = "A peptide hormone."
    oxytocin.save()
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert soup.select_one("a.glossary-term")["data-definition"] == "A peptide hormone."


def test_term_page_links_other_terms_but_not_itself(client, term_factory, oxytocin):
    term_factory(
        name="oxytocin receptor",
        slug="oxytocin-receptor",
        body="Binds oxytocin. The oxytocin receptor is a GPCR.",
    )
    soup = BeautifulSoup(client.get("/glossary/oxytocin-receptor/").content, "html.parser")
    assert [a["href"] for a in soup.select(".prose a.glossary-term")] == ["/glossary/oxytocin/"]


def test_section_save_stores_the_terms_the_article_uses(article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    assert list(article.terms.all()) == [oxytocin]


def test_section_delete_updates_stored_terms(article_factory, oxytocin):
    article = article_factory(sections=0)
    section = section_with(article, "Oxytocin matters.")
    assert list(article.terms.all()) == [oxytocin]
    section.delete()
    assert list(article.terms.all()) == []


def test_figure_caption_updates_stored_terms(article_factory, oxytocin):
    article = article_factory(sections=1)
    Figure.objects.create(
        section=article.sections.get(), image=png_file(), alt_text="A chart", caption="OT levels"
    )
    assert list(article.terms.all()) == [oxytocin]


def test_new_term_is_stored_for_articles_that_mention_it(article_factory, term_factory):
    article = article_factory(sections=0)
    section_with(article, "Cortisol peaks in the morning.")
    cortisol = term_factory(name="cortisol", slug="cortisol")
    assert list(article.terms.all()) == [cortisol]


def test_new_alias_is_stored_for_articles_that_mention_it(article_factory, term_factory):
    term = term_factory(name="testosterone replacement therapy", slug="trt")
    article = article_factory(sections=0)
    section_with(article, "TRT is a treatment.")
    assert list(article.terms.all()) == []
    term.aliases = "TRT"
    term.save()
    assert list(article.terms.all()) == [term]


def test_unpublishing_a_term_removes_it_from_articles(article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    assert list(article.terms.all()) == [oxytocin]
    oxytocin.is_published = False
    oxytocin.save()
    assert list(article.terms.all()) == []


def test_deleting_a_term_lets_a_shorter_term_link_instead(article_factory, term_factory, oxytocin):
    receptor = term_factory(name="oxytocin receptor", slug="oxytocin-receptor")
    article = article_factory(sections=0)
    section_with(article, "The oxytocin receptor.")
    assert list(article.terms.all()) == [receptor]
    receptor.delete()
    assert list(article.terms.all()) == [oxytocin]


def test_term_change_relinks_only_articles_that_could_be_affected(
    article_factory, term_factory, oxytocin, monkeypatch
):
    mentioning = article_factory(sections=0)
    section_with(mentioning, "Cortisol and oxytocin.")
    unrelated = article_factory(sections=0)
    section_with(unrelated, "Nothing to see.")
    rendered = []
    monkeypatch.setattr("articles.term_usage.store_terms_for_articles", rendered.extend)
    term_factory(name="cortisol", slug="cortisol")
    assert rendered == [mentioning.pk]


@pytest.fixture
def article_renderings(monkeypatch):
    """The GlossaryLinker built by each rendering of an article's text, in order.

    Recorded on the class, so every rendering is seen whichever module runs it and under
    whatever name that module imported it.
    """
    built = []
    real_init = GlossaryLinker.__init__

    def recording_init(linker, *args, **kwargs):
        built.append(linker)
        real_init(linker, *args, **kwargs)

    monkeypatch.setattr(GlossaryLinker, "__init__", recording_init)
    return built


def test_definition_edit_does_not_relink_articles(article_factory, oxytocin, article_renderings):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    assert len(article_renderings) == 1  # saving the section rendered the article
    article_renderings.clear()
    oxytocin.short_definition = "Changed."
    oxytocin.save()
    assert article_renderings == []


def test_section_moved_to_another_article_updates_both(article_factory, oxytocin):
    source = article_factory(sections=0)
    section = section_with(source, "Oxytocin matters.")
    target = article_factory(sections=0)
    section.article = target
    section.save()
    assert (list(source.terms.all()), list(target.terms.all())) == ([], [oxytocin])


def test_deleting_an_article_renders_nothing(article_factory, oxytocin, article_renderings):
    article = article_factory(sections=3, figures=2)
    article_id = article.pk
    article_renderings.clear()
    # Deleting one figure alone re-renders the article once: the spy sees deletions.
    Figure.objects.filter(section__article=article).first().delete()
    assert len(article_renderings) == 1
    article_renderings.clear()
    article.delete()
    assert article_renderings == []
    assert not Section.objects.filter(article_id=article_id).exists()


def test_term_page_lists_public_articles_that_use_it(client, article_factory, oxytocin):
    public = article_factory(sections=0, title="Public one")
    section_with(public, "Oxytocin matters.")
    draft = article_factory(sections=0, title="Draft one", status="draft")
    section_with(draft, "Oxytocin matters.")
    soup = BeautifulSoup(client.get("/glossary/oxytocin/").content, "html.parser")
    titles = [a.get_text() for a in soup.select("#used-in + ul a")]
    assert titles == ["Public one"]


def test_term_admin_shows_where_the_term_is_used(staff_client, article_factory, oxytocin):
    article = article_factory(sections=0, title="Hormones explained", status="draft")
    section_with(article, "Oxytocin matters.")
    response = staff_client.get(f"/admin/glossary/term/{oxytocin.pk}/change/")
    html = response.content.decode()
    assert (
        f'href="/admin/articles/article/{article.pk}/change/">Hormones explained</a> (draft)'
        in html
    )


def test_term_admin_list_counts_articles(staff_client, article_factory, oxytocin):
    article = article_factory(sections=0)
    section_with(article, "Oxytocin matters.")
    soup = BeautifulSoup(staff_client.get("/admin/glossary/term/").content, "html.parser")
    assert soup.select_one("td.field-article_count").get_text() == "1"


# ---- Speed and caching -------------------------------------------------------------------


def test_index_is_reused_until_the_glossary_changes(db, term_factory):
    term_factory(name="cortisol", slug="cortisol")
    first = get_glossary_index()
    assert get_glossary_index() is first
    term_factory(name="insulin", slug="insulin")
    assert get_glossary_index() is not first


def test_index_is_rebuilt_after_the_shared_cache_is_emptied(db, term_factory):
    from django.core.cache import cache

    get_glossary_index()
    term = term_factory(name="cortisol", slug="cortisol")
    Term.objects.filter(pk=term.pk).update(name="melatonin")  # no signal: only a cache loss
    cache.clear()
    index = get_glossary_index()
    assert "melatonin" in index.folded and "cortisol" not in index.folded


def page_queries(client, article):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    return len(queries)


def test_article_page_queries_do_not_grow_with_glossary_size(client, article_factory, term_factory):
    article = article_factory(sections=0)
    section_with(article, "Term 1 and term 2 and term 3 and many words.")
    for _ in range(5):
        term_factory()
    page_queries(client, article)  # process-wide caches (content types, settings) warm up
    small = page_queries(client, article)
    Term.objects.bulk_create(
        Term(name=f"extra {n}", slug=f"extra-{n}", short_definition="x", aliases=f"X{n}")
        for n in range(300)
    )
    assert page_queries(client, article) == small


def test_editing_one_section_renders_only_its_markdown_again(
    client, article_factory, oxytocin, monkeypatch
):
    article = article_factory(sections=0)
    first = section_with(article, "Oxytocin first.", position=1, anchor="one")
    section_with(article, "Cortisol second.", position=2, anchor="two")
    client.get(article.get_absolute_url())
    rendered = []
    real_render_markdown = render_markdown
    monkeypatch.setattr(
        "articles.rendered_article.render_markdown",
        lambda text, **kwargs: rendered.append(text) or real_render_markdown(text, **kwargs),
    )
    first.body = "Oxytocin, edited."
    first.save()
    client.get(article.get_absolute_url())
    assert rendered == ["Oxytocin, edited."]
