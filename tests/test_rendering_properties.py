"""Property-based tests: whatever Markdown an editor writes and whatever terms the glossary
holds, the rendered article is safe HTML, never nests links, and never links a term inside
a heading, a link, code or a citation."""

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.citations import CitationNumbering
from glossary.linking import GlossaryIndex, GlossaryLinker
from site_config.markdown import render_markdown, unmark_citations

WORDS = ["oxytocin", "receptor", "HPG", "axis", "TRT", "cortisol", "the", "of", "a", "level"]
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">oxytocin</a>',
    "<svg onload=alert(1)>",
    "<style>body{}</style>",
    '<p title="oxytocin" onclick="x()">cortisol</p>',
    "<iframe src=//example.org></iframe>",
    '"><b>oxytocin</b>',
    "&lt;script&gt;",
    "<code>oxytocin</code>",
    "<h3>cortisol receptor</h3>",
]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
inline = st.one_of(
    words,
    words.map(lambda w: f"`{w}`"),
    words.map(lambda w: f"*{w}*"),
    words.map(lambda w: f"[{w}](https://example.org/{w.replace(' ', '-')})"),
    st.sampled_from(["[@a]", "[@a; @b]", "[@b; @c; @a]", "[@zzz]", "[@a, b]"]),
    st.sampled_from(PAYLOADS),
    st.text(alphabet="<>&\"'`*_[]()!#|-\\ ", max_size=8),
)
paragraph = st.lists(inline, min_size=1, max_size=8).map(" ".join)
block = st.one_of(
    paragraph,
    words.map(lambda w: f"### {w}"),
    words.map(lambda w: f"    {w}"),
    words.map(lambda w: f"![{w}](/media/{w.replace(' ', '-')}.png)"),
    st.tuples(words, words).map(lambda cells: f"| {cells[0]} | x |\n|---|---|\n| {cells[1]} | y |"),
    words.map(lambda w: f"> {w}"),
    words.map(lambda w: f"- {w}\n- {w}"),
)
markdown_text = st.lists(block, min_size=1, max_size=6).map("\n\n".join)

term_names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
terms = st.lists(
    st.tuples(
        term_names,
        st.lists(term_names, max_size=2).map("\n".join),
        st.text(max_size=40),
        st.booleans(),
    ),
    max_size=8,
    unique_by=lambda term: term[0].casefold(),
)

SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"}
VOID = {"br", "hr", "img", "input", "wbr", "col", "area", "source", "track"}
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "form"}


class Checker(HTMLParser):
    """Collects what matters for safety and link placement while parsing like a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.term_hrefs = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event attribute {name}")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{name}={value}")
        if tag == "a":
            if "a" in self.stack:
                self.problems.append("nested <a>")
            if "glossary-term" in (attributes.get("class") or ""):
                self.term_hrefs.append(attributes.get("href"))
                inside = SKIPPED.intersection(self.stack)
                if inside:
                    self.problems.append(f"term link inside {inside}")
                if "sup" in self.stack:
                    self.problems.append("term link inside a citation")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


def check(html):
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker


def index_for(term_rows):
    return GlossaryIndex(
        (number, name, f"term-{number}", aliases, definition, case_sensitive)
        for number, (name, aliases, definition, case_sensitive) in enumerate(term_rows, start=1)
    )


def render_like_an_article(text, term_rows):
    numbering = CitationNumbering({"a": 1, "b": 2, "c": 3})
    linker = GlossaryLinker(index_for(term_rows))
    html = unmark_citations(numbering.render(render_markdown(text, mark_citations=True)))
    return linker.link(html), linker


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(markdown_text, terms)
def test_rendered_article_is_safe_html(text, term_rows):
    html, _ = render_like_an_article(text, term_rows)
    assert check(html).problems == []


@common
@given(markdown_text, terms)
def test_each_term_links_at_most_once(text, term_rows):
    html, linker = render_like_an_article(text, term_rows)
    hrefs = check(html).term_hrefs
    assert len(hrefs) == len(set(hrefs)) == len(linker.linked_term_ids)


@common
@given(markdown_text, terms)
def test_linking_never_changes_the_text(text, term_rows):
    plain = render_markdown(text)
    linked = GlossaryLinker(index_for(term_rows)).link(plain)

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    def text_of(html):
        parser = Text()
        parser.feed(html)
        return "".join(parser.parts)

    assert text_of(linked) == text_of(plain)


@common
@given(markdown_text, terms)
def test_term_page_body_never_links_its_own_term(text, term_rows):
    linker = GlossaryLinker(index_for(term_rows), exclude_term_id=1)
    hrefs = check(linker.link(render_markdown(text))).term_hrefs
    assert "/glossary/term-1/" not in hrefs
