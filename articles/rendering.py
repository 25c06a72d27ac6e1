"""Markdown to safe HTML.

Every piece of editor-written Markdown goes through `render_markdown`: Markdown
(with tables) to HTML, then nh3 against an allow-list, so nothing an editor types
can run script in a reader's browser.
"""

import re

import markdown
import nh3

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


def markdown_to_html(text):
    """Markdown to (unsanitised) HTML. Headings in bodies start at h3: h2 is the section's."""
    return markdown.markdown(
        text or "",
        extensions=MARKDOWN_EXTENSIONS,
        output_format="html",
    )


def render_markdown(text):
    """Editor Markdown to HTML that is safe to mark safe in a template."""
    return sanitize_html(markdown_to_html(text))
