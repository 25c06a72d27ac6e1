"""Markdown to safe HTML (site_config.markdown): the engine's own rules, table captions, the
citation markers, the section length limit, and which app may import which."""

import ast
import os
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from articles.citations import cited_keys, find_citations
from articles.models import Section
from site_config.markdown import (
    MAX_NESTING,
    render_markdown,
    transform_text_nodes,
    unmark_citations,
)
from tests.admin_forms import form_data

ROOT = Path(__file__).resolve().parent.parent
TABLE = "| Treatment | Evidence |\n|---|---|\n| Exercise | Strong |"


def soup_of(markdown_text):
    return BeautifulSoup(render_markdown(markdown_text), "html.parser")


# ---- The engine -----------------------------------------------------------------------


def test_smart_punctuation():
    html = render_markdown('"Quoted" -- and --- so... it\'s')
    assert html == "<p>\u201cQuoted\u201d \u2013 and \u2014 so\u2026 it\u2019s</p>"


def test_raw_html_reaches_the_sanitiser_which_keeps_what_is_allowed():
    html = render_markdown('Water <sub>2</sub> and <span onclick="x()">plain</span>')
    assert html == "<p>Water <sub>2</sub> and <span>plain</span></p>"


def test_bare_addresses_are_not_made_links():
    """As with Python-Markdown before: only <https://...> or [text](address) link."""
    assert soup_of("See https://example.org/ now.").a is None
    assert soup_of("See <https://example.org/> now.").a["href"] == "https://example.org/"


def test_nesting_beyond_the_limit_keeps_the_text_and_drops_the_tags():
    html = render_markdown("> " * (MAX_NESTING * 3) + "deep words")
    soup = BeautifulSoup(html, "html.parser")
    depth = 0
    element = soup.find(string=lambda text: "deep words" in text).parent
    while element is not None and element.name != "[document]":
        depth += 1
        element = element.parent
    assert 0 < depth <= MAX_NESTING
    assert "deep words" in soup.get_text()


def test_ordinary_nesting_is_kept():
    html = render_markdown("> - one\n>   - two\n>     > *quoted* [link](https://example.org/)")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("blockquote ul li ul li blockquote em") is not None
    assert soup.select_one("blockquote ul li ul li blockquote a")["href"] == "https://example.org/"


def current_memory():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux's /proc")
def test_rendering_gives_back_the_memory_cmark_uses():
    """cmarkgfm's own functions never free cmark's syntax tree (about 1 MB for this text);
    a server rendering many articles would grow until it is killed."""
    text = ("A paragraph with *emphasis*, a [link](https://example.org/) and [@a]. " * 40) + (
        "\n\n" + TABLE + "\n\n"
    )
    text = text * 8
    for _ in range(10):
        render_markdown(text, mark_citations=True)
    before = current_memory()
    for _ in range(100):
        render_markdown(text, mark_citations=True)
    assert current_memory() - before < 20 * 1024 * 1024


def test_threads_rendering_at_once_get_what_one_thread_gets():
    """App servers render in several threads; cmark-gfm keeps some state per process."""
    texts = [
        f"Table: Caption {n}\n\n{TABLE}\n\n*Text* {n} [@a] ~~not struck~~ -- {'[' * n}"
        for n in range(40)
    ]
    expected = [render_markdown(text, mark_citations=True) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            results = list(pool.map(lambda text: render_markdown(text, mark_citations=True), texts))
            assert results == expected


# ---- Table captions ---------------------------------------------------------------------


def test_caption_in_the_paragraph_before_the_table():
    soup = soup_of(f"Table: Evidence for *each* treatment\n\n{TABLE}")
    caption = soup.select_one("table > caption")
    assert caption.decode_contents() == "Evidence for <em>each</em> treatment"
    assert soup.table.contents[0] == caption  # a caption is the table's first child
    assert soup.select("p") == []


def test_caption_on_the_line_just_above_the_table():
    soup = soup_of(f"Table: Evidence for each treatment\n{TABLE}")
    assert soup.select_one("table > caption").get_text() == "Evidence for each treatment"
    assert [th.get_text() for th in soup.select("thead th")] == ["Treatment", "Evidence"]


def test_caption_in_the_paragraph_after_the_table():
    soup = soup_of(f"Some text.\n\n{TABLE}\n\nTable: Evidence for each treatment\n\nMore text.")
    assert soup.select_one("table > caption").get_text() == "Evidence for each treatment"
    assert [p.get_text() for p in soup.select("p")] == ["Some text.", "More text."]


def test_table_without_caption_has_none():
    soup = soup_of(f"Some text.\n\n{TABLE}")
    assert soup.table is not None
    assert soup.select("caption") == []


def test_table_paragraph_away_from_any_table_stays_a_paragraph():
    soup = soup_of(f"Table: not a caption\n\nA paragraph between.\n\n{TABLE}")
    assert [p.get_text() for p in soup.select("p")] == [
        "Table: not a caption",
        "A paragraph between.",
    ]
    assert soup.select("caption") == []


def test_each_table_takes_one_caption_in_reading_order():
    text = f"Table: First\n\n{TABLE}\n\nTable: Second\n\n{TABLE}\n\nTable: Third"
    soup = soup_of(text)
    assert [caption.get_text() for caption in soup.select("table > caption")] == [
        "First",
        "Second",
    ]
    assert [p.get_text() for p in soup.select("p")] == ["Table: Third"]


def test_header_cells_are_column_headers():
    soup = soup_of(f"{TABLE}\n\nTable: Caption")
    assert [th.get("scope") for th in soup.select("thead th")] == ["col", "col"]
    assert soup.select("tbody th") == []


def test_body_cells_are_labelled_with_their_column_header():
    soup = soup_of(f"{TABLE}\n| Sleep | Moderate |\n\nTable: Caption")
    assert soup.table["class"] == ["table-cards"]
    assert [td["data-label"] for td in soup.select("tbody td")] == [
        "Treatment",
        "Evidence",
        "Treatment",
        "Evidence",
    ]
    assert [th.get("scope") for th in soup.select("thead th")] == ["col", "col"]


def test_cell_label_is_the_header_text_without_tags_or_citations():
    html = render_markdown("| *Dose* & <br> time [@smith-2020] |\n|---|\n| 5 |", True)
    assert BeautifulSoup(html, "html.parser").td["data-label"] == "Dose & time"


def test_cell_labels_follow_colspan_and_skip_empty_headers():
    soup = soup_of(
        '<table><thead><tr><th colspan="2">Dose</th><th></th></tr></thead>'
        "<tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    assert [td.get("data-label") for td in soup.select("td")] == ["Dose", "Dose", None]


def test_table_without_a_header_row_is_left_as_a_table():
    soup = soup_of("<table><tr><td>1</td><td>2</td></tr></table>")
    assert soup.table.get("class") is None
    assert [td.get("data-label") for td in soup.select("td")] == [None, None]


def test_cell_labels_cannot_add_attributes():
    soup = soup_of(
        '<table><thead><tr><th>x" onclick="alert(1)</th></tr></thead>'
        "<tbody><tr><td>5</td></tr></tbody></table>"
    )
    assert soup.td.attrs == {"data-label": 'x" onclick="alert(1)'}


def test_caption_is_sanitised():
    soup = soup_of(
        f'Table: <script>alert(1)</script><img src=x onerror="alert(1)"> Risks\n\n{TABLE}'
    )
    caption = soup.select_one("table > caption")
    # A script tag is shown as the text that was typed, never run.
    assert caption.get_text() == "<script>alert(1)</script> Risks"
    assert caption.img.attrs == {"src": "x"}
    assert soup.select("script") == []


def test_caption_holds_citations_and_glossary_links(client, article_factory, reference_factory):
    reference_factory(key="smith-2020")
    article = article_factory(sections=0)
    Section.objects.create(
        article=article,
        heading="Which treatments help?",
        anchor="which",
        body=f"Table: Evidence for each treatment [@smith-2020]\n\n{TABLE}",
    )
    response = client.get(article.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    caption = soup.select_one("#which table > caption")
    assert caption.get_text(strip=True) == "Evidence for each treatment1"
    assert caption.select_one("sup.citation a")["href"] == "#ref-smith-2020"


# ---- Citation markers -----------------------------------------------------------------


def test_citation_followed_by_parentheses_stays_a_citation():
    assert cited_keys("As shown [@a](https://example.org/).") == ["a"]


def test_citation_after_an_escaped_backslash_is_read():
    assert cited_keys(r"A backslash \\[@a] then a citation.") == ["a"]


def test_citation_in_a_fenced_code_block_is_not_read():
    assert find_citations("```\n[@a]\n```\n\nText [@b].") == find_citations("Text [@b].")
    assert cited_keys("```\n[@a]\n```\n\nText [@b].") == ["b"]


def test_citation_in_a_link_address_stays_as_written():
    html = unmark_citations(render_markdown("[see](https://example.org/[@a])", mark_citations=True))
    assert BeautifulSoup(html, "html.parser").a["href"] == "https://example.org/%5B@a%5D"


def test_emphasis_never_reaches_inside_a_citation():
    assert cited_keys("*Shown [@a_b_c; @d*e]*") == []  # "@d*e" is no key: malformed
    assert cited_keys("*Shown [@a_b_c]*") == ["a_b_c"]


def test_text_nodes_are_rewritten_outside_code_only():
    html = render_markdown("Words `code` **more**")
    assert transform_text_nodes(html, str.upper) == (
        "<p>WORDS <code>code</code> <strong>MORE</strong></p>"
    )


# ---- The section length limit -----------------------------------------------------------


def section_post(staff_client, section, **changes):
    url = f"/admin/articles/section/{section.pk}/change/"
    data = form_data(staff_client.get(url), "section_form")
    data.update(changes)
    return staff_client.post(url, data)


def test_section_body_over_the_limit_is_refused_with_its_length(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    limit = Section._meta.get_field("body").max_length
    text = "word " * (limit // 5) + "extra"
    response = section_post(staff_client, section, body=text)
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    assert [li.get_text() for li in soup.select(".errorlist li")] == [
        f"This text is {len(text)} characters long; a section can hold at most {limit}. "
        "Split it into two sections."
    ]
    textarea = soup.select_one("textarea[name=body]")
    assert textarea.get_text().strip() == text.strip()
    assert not textarea.has_attr("maxlength")  # a browser would cut a paste short


def test_section_body_at_the_limit_saves(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    limit = Section._meta.get_field("body").max_length
    text = ("word " * limit)[: limit - 1] + "."
    response = section_post(staff_client, section, body=text)
    assert response.status_code == HTTPStatus.FOUND
    section.refresh_from_db()
    assert section.body == text


def test_help_text_explains_captions(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    response = staff_client.get(f"/admin/articles/section/{section.pk}/change/")
    assert (
        "Table: "
        in BeautifulSoup(response.content, "html.parser").select_one("#id_body_helptext").get_text()
    )


# ---- Imports between apps ---------------------------------------------------------------


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_glossary_imports_nothing_from_articles():
    files = sorted((ROOT / "glossary").rglob("*.py"))
    assert any(path.name == "linking.py" for path in files)
    imports = {
        (path.relative_to(ROOT).as_posix(), module)
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] == "articles"
    }
    assert imports == set()


def test_site_config_imports_no_content_app_but_in_the_root_urls():
    # The site's settings, caches and redirects serve every app; the apps use them, not the
    # other way round. Only the root URLconf names the apps' views.
    files = sorted((ROOT / "site_config").rglob("*.py"))
    assert any(path.name == "redirects.py" for path in files)
    imports = {
        (path.relative_to(ROOT).as_posix(), module.split(".")[0])
        for path in files
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] in {"articles", "glossary"}
    }
    assert imports == {("site_config/urls.py", "articles")}


def test_markdown_module_imports_no_app():
    modules = set(imported_modules(ROOT / "site_config" / "markdown.py"))
    assert "nh3" in modules
    assert not {module.split(".")[0] for module in modules} & {"articles", "glossary"}


@pytest.mark.parametrize(
    "markup", ["<math><style>", "<svg><style>", "<MATH><mi><style>", "<svg/onload=x><style>"]
)
def test_foreign_content_never_swallows_the_text_after_it(markup):
    html = render_markdown(f"Before the markup.\n\n{markup} after it.\n\nThe last paragraph.")
    assert "Before the markup." in html
    assert "The last paragraph." in html
    assert "<style" not in html and "<math" not in html and "<svg" not in html
