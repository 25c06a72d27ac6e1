"""Markdown to safe HTML, for every app: article sections, figure captions, glossary terms,
site settings.

`render_markdown(text)` runs four steps, each linear in the length of the text, whatever an
editor types (tests/test_render_time.py holds them to that):

1. cmark-gfm (CommonMark with GitHub's pipe tables, and smart punctuation) turns Markdown
   into HTML. Raw HTML passes through to step 3. cmark is C and built not to backtrack;
   Python-Markdown, used before, took minutes over a few thousand "[".
2. Elements nested deeper than MAX_NESTING lose their tags (their text stays): html5ever,
   inside nh3, spends time proportional to the nesting depth on every tag.
3. nh3 strips everything not on the allow-list, so nothing an editor types can run script
   in a reader's browser.
4. Tables get their caption (a paragraph "Table: ..." just before or after the table, as
   Pandoc writes it) and header cells `scope="col"`; each body cell of a table with a header
   row gets its column's header as `data-label`, and the table the class `table-cards`, so
   on a phone each row can be shown as a small card with labelled cells (site.css).

Citations. With `mark_citations=True`, each `[@...]` that is not escaped (`\\[@`) becomes a
marker before cmark reads the text: MARK_START + hex(UTF-8 of the text as written) +
MARK_END, private-use characters no editor types (they are removed from input) and hex
digits that no Markdown or typography rule can alter, so "[@a--b]" keeps its two hyphens and
"[@key](...)" stays a citation. Markers that come out in text outside code are citations,
read and numbered by articles.citations (which holds what a well-formed citation is); those
in code spans, code blocks or attributes are put back as written by `unmark_citations`.

Later steps (citation numbering, the glossary linker) edit the sanitised HTML through
`transform_text_nodes`, which changes text between tags and nothing else.
"""

import ctypes
import html
import re
import urllib.parse
from dataclasses import dataclass, field

import nh3
from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

MARK_START = "\ue000"
MARK_END = "\ue001"
MARKER_RE = re.compile(f"{MARK_START}([0-9a-f]*){MARK_END}")
# A marker inside a link address, as cmark percent-encodes it.
ENCODED_MARKER_RE = re.compile("%EE%80%80([0-9a-f]*)%EE%80%81")
# Scanning the Markdown source left to right: a backslash escape (skipped, so "\[@a]" is
# never a citation), or a citation span: "[@" to the next "]" on the same line, with no other
# bracket and no backtick (the edge of a code span) between, escapes allowed inside.
ESCAPE_OR_CITATION_RE = re.compile(r"\\.|(\[@(?:\\.|[^\[\]\n`\\])*\])")

# Deeper than any real text (a list in a list in a quote, with emphasis and a link, is ~10).
MAX_NESTING = 32
# Tags as the nesting guard sees them in unsanitised HTML: no "<" inside, so a scan never
# runs past the next "<" (a ">" inside an attribute value only shortens what is dropped).
ROUGH_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")

# A tag in nh3's (html5ever's) serialisation: attribute values are always quoted, and a
# ">" may appear inside quotes. Text never contains a raw "<".
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^\"'<>]|\"[^\"]*\"|'[^']*')*>")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
CODE_ELEMENTS = {"code", "pre", "kbd", "samp", "script", "style"}

CAPTION_PREFIX_RE = re.compile(r"Table:\s+(?=\S)")
CAPTION_TAG_RE = re.compile(r"\s*<caption[\s>]")

SCRIPT_SCHEME_RE = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
INVISIBLE_IN_URL_RE = re.compile(r"[\x00-\x20\x7f]+")


# ---- cmark ------------------------------------------------------------------------------
# cmarkgfm's own Python functions never free the syntax tree or the HTML that cmark
# allocates (about 50 bytes per byte of Markdown, for the life of the process), so the
# same C library is called here directly, freeing both. PyDLL keeps the GIL during the
# calls: cmark-gfm's extension registry is process-wide state.


class _CmarkMem(ctypes.Structure):
    _fields_ = [
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def _load_cmark():
    lib = ctypes.PyDLL(_cmark.__file__)
    pointer = ctypes.c_void_p
    signatures = {
        "cmark_gfm_core_extensions_ensure_registered": ([], None),
        "cmark_find_syntax_extension": ([ctypes.c_char_p], pointer),
        "cmark_parser_new": ([ctypes.c_int], pointer),
        "cmark_parser_attach_syntax_extension": ([pointer, pointer], ctypes.c_int),
        "cmark_parser_feed": ([pointer, ctypes.c_char_p, ctypes.c_size_t], None),
        "cmark_parser_finish": ([pointer], pointer),
        "cmark_parser_get_syntax_extensions": ([pointer], pointer),
        "cmark_render_html": ([pointer, ctypes.c_int, pointer], pointer),
        "cmark_node_free": ([pointer], None),
        "cmark_parser_free": ([pointer], None),
        "cmark_get_default_mem_allocator": ([], ctypes.POINTER(_CmarkMem)),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = arguments
        function.restype = result
    lib.cmark_gfm_core_extensions_ensure_registered()
    return lib


_lib = _load_cmark()
_free = _lib.cmark_get_default_mem_allocator().contents.free
_TABLE_EXTENSION = _lib.cmark_find_syntax_extension(b"table")
if not _TABLE_EXTENSION:
    raise ImportError("cmark-gfm was built without its table extension")
# SMART: curly quotes, dashes and ellipses, as Python-Markdown's smarty did. UNSAFE: raw
# HTML reaches nh3, which decides what stays (without it cmark drops all of it).
CMARK_OPTIONS = Options.CMARK_OPT_SMART | Options.CMARK_OPT_UNSAFE


def cmark_to_html(text):
    """CommonMark + GFM tables to (unsanitised) HTML."""
    source = text.encode("utf-8", "replace")
    parser = _lib.cmark_parser_new(CMARK_OPTIONS)
    try:
        _lib.cmark_parser_attach_syntax_extension(parser, _TABLE_EXTENSION)
        _lib.cmark_parser_feed(parser, source, len(source))
        document = _lib.cmark_parser_finish(parser)
        try:
            rendered = _lib.cmark_render_html(
                document, CMARK_OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser)
            )
        finally:
            _lib.cmark_node_free(document)
    finally:
        _lib.cmark_parser_free(parser)
    try:
        return ctypes.string_at(rendered).decode("utf-8")
    finally:
        _free(rendered)


# ---- Citation markers -------------------------------------------------------------------


def encode_marker(text):
    return MARK_START + text.encode().hex() + MARK_END


def decode_marker(hex_text):
    return bytes.fromhex(hex_text).decode()


def citation_spans_in_source(text):
    """(start, end) of each `[@...]` in Markdown that becomes a marker: every one not
    escaped, in code or not (code is told apart after rendering)."""
    return [match.span(1) for match in ESCAPE_OR_CITATION_RE.finditer(text) if match.group(1)]


def mark_citation_spans(text):
    output = []
    position = 0
    for start, end in citation_spans_in_source(text):
        output.append(text[position:start])
        output.append(encode_marker(text[start:end]))
        position = end
    output.append(text[position:])
    return "".join(output)


def _unmark_encoded(match):
    return urllib.parse.quote(decode_marker(match.group(1)), safe="/:@;,=?&#%~!$'()*+-._")


def unmark_citations(html_text):
    """Turn any citation markers left (in code, attributes, unknown keys) back into the
    text as written, escaped."""
    if MARK_START not in html_text:
        return html_text
    return MARKER_RE.sub(lambda m: html.escape(decode_marker(m.group(1))), html_text)


# ---- Rendering --------------------------------------------------------------------------


def markdown_to_html(text, mark_citations=False):
    """Markdown to (unsanitised) HTML. Headings in bodies start at h3: h2 is the section's."""
    text = (text or "").replace(MARK_START, "").replace(MARK_END, "")
    if mark_citations:
        text = mark_citation_spans(text)
    rendered = cmark_to_html(text).rstrip("\n")
    if mark_citations and "%EE%80%80" in rendered:
        rendered = ENCODED_MARKER_RE.sub(_unmark_encoded, rendered)
    return rendered


def flatten_deep_nesting(html_text):
    """Drop the tags of elements nested more than MAX_NESTING deep, keeping their text.

    Counts roughly (an unclosed tag counts as open until the end): only text nested
    absurdly deep, or raw HTML that never closes its tags, is affected.
    """
    if html_text.count("<") <= MAX_NESTING:
        return html_text
    output = []
    position = 0
    depth = 0
    dropped = 0  # opening tags dropped and not yet matched by a closing tag
    for match in ROUGH_TAG_RE.finditer(html_text):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if dropped:
                dropped -= 1
            else:
                depth = max(depth - 1, 0)
                continue
        elif name in VOID_ELEMENTS or match.group(0).endswith("/>"):
            continue
        elif depth < MAX_NESTING:
            depth += 1
            continue
        else:
            dropped += 1
        output.append(html_text[position : match.start()])
        position = match.end()
    if not position:
        return html_text
    output.append(html_text[position:])
    return "".join(output)


def drop_disguised_script_url(element, attribute, value):
    """nh3 drops script URLs; also drop ones disguised by spaces inside the scheme
    ("jav  ascript:"). Browsers read those as relative links, but no editor means one."""
    if attribute in {"href", "src"} and SCRIPT_SCHEME_RE.match(INVISIBLE_IN_URL_RE.sub("", value)):
        return None
    return value


# Tags after which an HTML parser reads the rest of the text by other rules: MathML and SVG,
# and elements whose content is raw text (a stray <style> or <textarea> would swallow all
# the text after it). None is allowed, so they are shown as text: nothing typed is lost.
FOREIGN_CONTENT_TAG_RE = re.compile(
    r"<(/?)(math|svg|style|script|textarea|title|xmp|iframe|noembed|noframes|noscript|"
    r"plaintext|template)(?=[\s/>]|$)",
    re.IGNORECASE,
)


def sanitize_html(html_text):
    """Strip everything not on the allow-list (scripts, styles, event handlers, bad URLs)."""
    html_text = FOREIGN_CONTENT_TAG_RE.sub(r"&lt;\1\2", html_text)
    return nh3.clean(
        flatten_deep_nesting(html_text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=drop_disguised_script_url,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text, mark_citations=False):
    """Editor Markdown to HTML that is safe to mark safe in a template.

    With `mark_citations`, citations are left as markers for articles.citations to
    number; never show such HTML without passing it through its `CitationNumbering` or
    `unmark_citations` first.
    """
    html_text = sanitize_html(markdown_to_html(text, mark_citations=mark_citations))
    return label_table_cells(finish_tables(html_text))


# ---- Tables -----------------------------------------------------------------------------


def finish_tables(html_text):
    """Give each table of sanitised HTML its caption and its header cells `scope="col"`.

    A caption is a paragraph starting "Table: " that is the table's sibling just before or
    just after it (only white space between). Read in order, as Pandoc does: a paragraph
    right after a table that has no caption yet is that table's; otherwise a paragraph right
    before a table is the caption of the table after it.
    """
    if "<table" not in html_text:
        return html_text
    edits = []  # (start, end, replacement) in html_text
    stack = [_OpenElement("#root", 0, 0)]
    captioned = set()  # start of each table that has a caption
    used = set()  # start of each paragraph made a caption
    position = 0
    for match in TAG_RE.finditer(html_text):
        if not html_text[position : match.start()].isspace() and position < match.start():
            stack[-1].text_since_sibling = True
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        parent = stack[-1]
        if not closing:
            in_head = any(open_element.name == "thead" for open_element in stack)
            if name == "th" and in_head and " scope=" not in match.group(0):
                edits.append((match.end() - 1, match.end() - 1, ' scope="col"'))
            if name in VOID_ELEMENTS:
                parent.previous_sibling, parent.text_since_sibling = None, False
            else:
                stack.append(_OpenElement(name, match.start(), match.end()))
            continue
        if len(stack) == 1 or parent.name != name:
            continue  # nh3's output is well-formed; anything else is left as it is
        stack.pop()
        element = _Element(name, parent.start, parent.content_start, match.start(), match.end())
        if name == "table" and CAPTION_TAG_RE.match(html_text, element.content_start):
            captioned.add(element.start)  # written in HTML by the editor
        container = stack[-1]
        previous = None if container.text_since_sibling else container.previous_sibling
        if previous is not None:
            pair = None
            if name == "p" and previous.name == "table":
                pair = (previous, element)
            elif name == "table" and previous.name == "p":
                pair = (element, previous)
            if pair and pair[0].start not in captioned and pair[1].start not in used:
                caption = _caption_html(html_text, pair[1])
                if caption is not None:
                    table, paragraph = pair
                    edits.append((table.content_start, table.content_start, caption))
                    edits.append((paragraph.start, paragraph.end, ""))
                    captioned.add(table.start)
                    used.add(paragraph.start)
        container.previous_sibling, container.text_since_sibling = element, False
    if not edits:
        return html_text
    edits.sort(key=lambda edit: edit[0])
    output = []
    position = 0
    for start, end, replacement in edits:
        output.append(html_text[position:start])
        output.append(replacement)
        position = end
    output.append(html_text[position:])
    return "".join(output)


@dataclass
class _OpenElement:
    name: str
    start: int
    content_start: int
    previous_sibling: object = None
    text_since_sibling: bool = False


@dataclass(frozen=True)
class _Element:
    name: str
    start: int
    content_start: int
    content_end: int
    end: int


def _caption_html(html_text, paragraph):
    """`<caption>` with the paragraph's content after "Table:", or None if it is no caption."""
    match = CAPTION_PREFIX_RE.match(html_text, paragraph.content_start, paragraph.content_end)
    if match is None:
        return None
    return f"<caption>{html_text[match.end() : paragraph.content_end].rstrip()}</caption>"


def label_table_cells(html_text):
    """Give each body cell of sanitised HTML its column's header text as `data-label`, and
    each table with a header row the class `table-cards` (phones show its rows as cards).

    Columns are counted with `colspan`; a cell under no header, or under an empty one, gets
    no label. Citation markers in a header are left out of its label.
    """
    if "<th" not in html_text:
        return html_text
    edits = []  # (position, text to insert)
    tables = []  # one _TableLabels per open table
    open_header = None  # (table, first column, colspan, content start) of an open <th>
    for match in TAG_RE.finditer(html_text):
        closing, name = match.group(1), match.group(2).lower()
        tag = match.group(0)
        if name == "table":
            if not closing:
                tables.append(_TableLabels(tag_end=match.end() - 1))
            elif tables:
                table = tables.pop()
                if table.labelled:
                    edits.append((table.tag_end, ' class="table-cards"'))
            continue
        if not tables:
            continue
        table = tables[-1]
        if name == "thead":
            table.in_head = not closing
        elif name == "tr" and not closing:
            table.column = 0
        elif name in ("th", "td") and not closing:
            span = _colspan(tag)
            column = table.column
            table.column += span
            if table.in_head and name == "th":
                open_header = (table, column, span, match.end())
            elif not table.in_head and name == "td" and " data-label=" not in tag:
                label = table.headers.get(column)
                if label:
                    edits.append((match.end() - 1, f' data-label="{label}"'))
                    table.labelled = True
        elif name == "th" and closing and open_header and open_header[0] is table:
            _, column, span, content_start = open_header
            label = _plain_label(html_text[content_start : match.start()])
            for index in range(column, column + span):
                table.headers[index] = label
            open_header = None
    if not edits:
        return html_text
    edits.sort(key=lambda edit: edit[0])
    output = []
    position = 0
    for at, text in edits:
        output.append(html_text[position:at])
        output.append(text)
        position = at
    output.append(html_text[position:])
    return "".join(output)


@dataclass
class _TableLabels:
    tag_end: int  # where the <table> tag's ">" is
    headers: dict = field(default_factory=dict)  # column -> label
    in_head: bool = False
    column: int = 0
    labelled: bool = False


COLSPAN_RE = re.compile(r"\scolspan=[\"']?(\d+)")
BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _colspan(tag):
    match = COLSPAN_RE.search(tag)
    return max(1, min(int(match.group(1)), 1000)) if match else 1


def _plain_label(cell_html):
    """A header cell's text, escaped for an attribute value."""
    text = html.unescape(MARKER_RE.sub("", TAG_RE.sub("", BR_RE.sub(" ", cell_html))))
    return html.escape(" ".join(text.split()), quote=True)


# ---- Editing text nodes -----------------------------------------------------------------


def transform_text_nodes(html_text, transform, skip_element=None):
    """Rewrite the text between tags of sanitised HTML.

    `transform(text)` gets each text node as it appears in the HTML (entities still
    escaped) and returns HTML to put in its place. Text inside code-like elements, or
    inside any element for which `skip_element(name, tag)` is true, is left alone, as are
    tags and their attributes.
    """
    skip_element = skip_element or (lambda name, tag: False)
    output = []
    stack = []  # (element name, whether its content is skipped)
    position = 0
    for match in TAG_RE.finditer(html_text):
        text = html_text[position : match.start()]
        if text:
            output.append(text if stack and stack[-1][1] else transform(text))
        tag = match.group(0)
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            # Well-formed input closes the innermost element; be forgiving otherwise.
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
        elif name not in VOID_ELEMENTS and not tag.endswith("/>"):
            skipped = (stack and stack[-1][1]) or name in CODE_ELEMENTS or skip_element(name, tag)
            stack.append((name, bool(skipped)))
        output.append(tag)
        position = match.end()
    text = html_text[position:]
    if text:
        output.append(text if stack and stack[-1][1] else transform(text))
    return "".join(output)
