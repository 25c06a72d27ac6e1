"""Markdown to safe HTML.

Every piece of editor-written Markdown goes through `render_markdown`: Markdown
(with tables) to HTML, then nh3 against an allow-list, so nothing an editor types
can run script in a reader's browser.

Article sections also carry citations (`[@key]`, `[@key1; @key2]`). Markdown marks
them (`mark_citations=True`) so that later steps (articles.citations) can number them
without ever touching code spans, code blocks or escaped brackets, which Markdown leaves
alone. Those later steps and the glossary linker edit the sanitised HTML through
`transform_text_nodes`, which changes text between tags and nothing else.
"""

import html
import re
import threading

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

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

MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "smarty"]

# A citation as Markdown found it travels through sanitising as
# MARK_START + hex(UTF-8 of the text as written) + MARK_END: private-use characters no
# editor types (they are removed from input) and hex digits that no Markdown or
# typography rule (smarty's dashes, emphasis) can alter.
MARK_START = "\ue000"
MARK_END = "\ue001"
MARKER_RE = re.compile(f"{MARK_START}([0-9a-f]*){MARK_END}")
CITATION_SYNTAX_RE = r"\[@[^\[\]\n]*\]"

# A tag in nh3's (html5ever's) serialisation: attribute values are always quoted, and a
# ">" may appear inside quotes. Text never contains a raw "<".
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
CODE_ELEMENTS = {"code", "pre", "kbd", "samp", "script", "style"}


class CitationMarker(InlineProcessor):
    def handleMatch(self, match, data):  # noqa: N802 - Markdown's API
        return AtomicString(encode_marker(match.group(0))), match.start(0), match.end(0)


class CitationMarkerExtension(Extension):
    """Mark `[@...]` in running text. Runs after code spans and backslash escapes (which
    have priorities 190 and 180), before links (160), so `[@key](...)` stays a citation."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.inlinePatterns.register(CitationMarker(CITATION_SYNTAX_RE, md), "citation", 175)


def encode_marker(text):
    return MARK_START + text.encode().hex() + MARK_END


def decode_marker(hex_text):
    return bytes.fromhex(hex_text).decode()


SCRIPT_SCHEME_RE = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
INVISIBLE_IN_URL_RE = re.compile(r"[\x00-\x20\x7f]+")


def drop_disguised_script_url(element, attribute, value):
    """nh3 drops script URLs; also drop ones disguised by spaces inside the scheme
    ("jav  ascript:"). Browsers read those as relative links, but no editor means one."""
    if attribute in {"href", "src"} and SCRIPT_SCHEME_RE.match(INVISIBLE_IN_URL_RE.sub("", value)):
        return None
    return value


def sanitize_html(html):
    """Strip everything not on the allow-list (scripts, styles, event handlers, bad URLs)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=drop_disguised_script_url,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_converters = threading.local()


def _markdown_converter(mark_citations):
    """A Markdown instance for this thread: building one costs more than a conversion."""
    name = "with_citations" if mark_citations else "plain"
    converter = getattr(_converters, name, None)
    if converter is None:
        extensions = list(MARKDOWN_EXTENSIONS)
        if mark_citations:
            extensions.append(CitationMarkerExtension())
        converter = markdown.Markdown(extensions=extensions, output_format="html")
        setattr(_converters, name, converter)
    return converter.reset()


def markdown_to_html(text, mark_citations=False):
    """Markdown to (unsanitised) HTML. Headings in bodies start at h3: h2 is the section's."""
    text = (text or "").replace(MARK_START, "").replace(MARK_END, "")
    return _markdown_converter(mark_citations).convert(text)


def render_markdown(text, mark_citations=False):
    """Editor Markdown to HTML that is safe to mark safe in a template.

    With `mark_citations`, citations are left as markers for articles.citations to
    number; never show such HTML without passing it through `number_citations` or
    `unmark_citations` first.
    """
    return sanitize_html(markdown_to_html(text, mark_citations=mark_citations))


def unmark_citations(html_text):
    """Turn any citation markers left (in code, attributes, unknown keys) back into the
    text as written, escaped."""
    if MARK_START not in html_text:
        return html_text
    return MARKER_RE.sub(lambda m: html.escape(decode_marker(m.group(1))), html_text)


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
