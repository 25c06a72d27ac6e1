"""Nothing an editor types may run script in a reader's browser.

Known XSS payloads (after the OWASP XSS filter evasion cheat sheet and the classic
mutation-XSS vectors) go through `render_markdown` and through every editor-written
field of the real pages; the output is parsed like a browser would and searched for
anything executable.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Figure, Section
from site_config.markdown import render_markdown
from site_config.models import SiteSettings
from tests.conftest import png_file

B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
ENCODED_DECIMAL = "".join(f"&#{ord(c)};" for c in "javascript:alert('XSS')")
ENCODED_PADDED = "".join(f"&#{ord(c):07d}" for c in "javascript:alert('XSS')")
ENCODED_HEX = "".join(f"&#x{ord(c):X}" for c in "javascript:alert('XSS')")

PAYLOADS = [
    # Script elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<script/xss src=http://xss.example/xss.js></script>",
    '<img src="x` `<script>alert(1)</script>"` `>',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    # Event handlers
    "<img src=x onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<body onload=alert('XSS')>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<video><source onerror="alert(1)"></video>',
    '<a href="https://example.org/" onclick="alert(1)">x</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "<div/onmouseover='alert(1)'>x</div>",
    # javascript:, vbscript: and data: URLs, plain and obfuscated
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    f"<IMG SRC={ENCODED_DECIMAL}>",
    f"<IMG SRC={ENCODED_PADDED}>",
    f"<IMG SRC={ENCODED_HEX}>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="java&NewLine;script:alert(1)">x</a>',
    '<a href="jAvAsCrIpT&colon;alert&lpar;1&rpar;">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="VBScript:msgbox(1)">x</a>',
    f'<a href="data:text/html;base64,{B64_SCRIPT}">x</a>',
    '<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<a xlink:href="javascript:alert(1)">x</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # Other executable or page-altering elements
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    f'<embed src="data:text/html;base64,{B64_SCRIPT}">',
    "<style>@import 'http://xss.example/xss.css';</style>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"width: expression(alert('XSS'));\">x</div>",
    '<p style="background-image: url(javascript:alert(1))">x</p>',
    '<link rel="stylesheet" href="javascript:alert(\'XSS\');">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=\"javascript:alert('XSS');//\">",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<isindex action="javascript:alert(1)" type=image>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    # Comments and CDATA tricks
    "<!--<script>alert(1)</script>-->",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!-- --!><script>alert(1)</script> -->",
    # Markdown syntax
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](&#106;avascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](vbscript:msgbox(1))",
    f"[click](data:text/html;base64,{B64_SCRIPT})",
    "![picture](javascript:alert(1))",
    '![picture](x "title" onerror="alert(1)")',
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    "![picture][evil]\n\n[evil]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    '[a](https://example.org/"onclick="alert(1))',
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "> <iframe src=javascript:alert(1)></iframe>",
    # Breaking out of an attribute when a value is echoed into one
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
]

FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "form", "input", "button", "link", "meta", "base", "template", "isindex",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster",
    "lowsrc", "dynsrc", "srcset", "cite", "longdesc", "codebase", "content",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers ignore ASCII whitespace and C0 controls anywhere in a URL's scheme.
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class Elements(HTMLParser):
    """Every element a browser would build, with attribute values unescaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []
        self.script_text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs, tuple(self.stack)))
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs, tuple(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script" and data.strip():
            self.script_text.append(data)


def elements_of(html):
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def executable_constructs(html, allowed_scripts=()):
    """What in this HTML could run script or restyle the page, as readable strings."""
    parser = elements_of(html)
    found = [f"inline script: {text[:60]!r}" for text in parser.script_text]
    for tag, attrs, _ in parser.elements:
        attributes = dict(attrs)
        if tag in FORBIDDEN_TAGS and not (
            tag == "script" and attributes.get("src") in allowed_scripts
        ):
            found.append(f"<{tag}>")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in {"style", "srcdoc"}:
                found.append(f"<{tag} {name}>")
            if name == "content" and attributes.get("http-equiv", "").lower() == "refresh":
                value = value.lower().partition("url=")[2]
            if name in URL_ATTRIBUTES and value:
                url = INVISIBLE.sub("", value).lower()
                if url.startswith(BAD_SCHEMES):
                    found.append(f"<{tag} {name}={value[:40]!r}>")
    return found


# The checker itself


@pytest.mark.parametrize(
    "html",
    [
        "<script>x</script>",
        '<a href="java&#x09;script:x">a</a>',
        '<a href=" \x01JAVASCRIPT:x">a</a>',
        '<img src="data:image/png;base64,AAAA">',
        '<p onclick="x">a</p>',
        '<p style="color:red">a</p>',
        '<meta http-equiv="refresh" content="0;url=javascript:x">',
    ],
)
def test_checker_catches_executable_html(html):
    assert executable_constructs(html)


def test_checker_accepts_ordinary_html():
    html = '<p><a href="https://example.org/">a</a> <img src="/media/x.png" alt="x"></p>'
    assert executable_constructs(html) == []


def test_corpus_has_at_least_forty_payloads():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 40


# render_markdown


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_leaves_nothing_executable(payload):
    assert executable_constructs(render_markdown(payload)) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_leaves_nothing_executable_inside_text(payload):
    text = f"Before the payload.\n\n{payload}\n\n*After* the payload [ok](https://example.org/)."
    html = render_markdown(text)
    assert "<p>Before the payload.</p>" in html
    assert executable_constructs(html) == []


def test_safe_markdown_survives_sanitising():
    html = render_markdown(
        'A [link](https://example.org/a) and ![a chart](/media/chart.png "Chart").\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n**bold** and `code`"
    )
    elements = {tag: dict(attrs) for tag, attrs, _ in elements_of(html).elements}
    assert elements["a"]["href"] == "https://example.org/a"
    assert elements["img"] == {"src": "/media/chart.png", "alt": "a chart", "title": "Chart"}
    assert {"table", "thead", "tbody", "th", "td", "strong", "code"} <= set(elements)


def test_render_markdown_keeps_mailto_links():
    assert 'href="mailto:editors@example.org"' in render_markdown(
        "[write](mailto:editors@example.org)"
    )


# The real pages

HARMLESS = "Plain words about hormones."


def page_constructs(client, url, showing=()):
    """What is executable in the page, after checking it rendered each of `showing`."""
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    html = response.content.decode()
    for shown in showing:
        assert shown in html, (url, shown)
    # Our own scripts from /static/ are the only ones allowed.
    allowed = {
        dict(attrs).get("src")
        for tag, attrs, _ in elements_of(html).elements
        if tag == "script" and dict(attrs).get("src", "").startswith(settings.STATIC_URL)
    }
    return Counter(executable_constructs(html, allowed_scripts=allowed))


def assert_pages_are_safe(client, urls, baseline_urls=None, showing=()):
    """Nothing executable beyond what the same pages hold with harmless content (such as
    the banner's dismiss button), in pages that show each of `showing`."""
    for url, baseline_url in zip(urls, baseline_urls or urls, strict=True):
        baseline = page_constructs(client, baseline_url)
        added = page_constructs(client, url, showing) - baseline
        assert not added, (url, list(added))


@pytest.fixture
def article_full_of(article_factory, reference_factory, term_factory):
    """An article whose every editor-written field holds the text; the glossary term
    `word` (whose definition is the text too) is mentioned and the reference cited."""

    def make(text, word):
        # Cut to each column's length: PostgreSQL enforces them.
        term_factory(name=word, slug=word, short_definition=text[:300], body=text)
        article = article_factory(
            sections=0,
            title=text[:200],
            summary=text,
            authors=text[:300],
            reviewed_by=text[:200],
            disclaimer_note=text,
            tags=[text[:90].strip() or "x"],
        )
        section = Section.objects.create(
            article=article,
            heading=text[:200],
            anchor="payload",
            body=f"{word.capitalize()} is a hormone [@ref-{word}].\n\n{text}",
            takeaway=text,
        )
        Figure.objects.create(
            section=section, image=png_file(), alt_text=text, caption=text, credit=text[:200]
        )
        article.references.add(
            reference_factory(
                key=f"ref-{word}",
                authors=text,
                title=text[:500],
                container=text[:300],
                pages=text[:50],
            )
        )
        return article

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_article_page_leaves_nothing_executable(client, article_full_of, payload):
    harmless = article_full_of(HARMLESS, "estradiol")
    article = article_full_of(payload, "oxytocin")
    assert_pages_are_safe(
        client,
        [article.get_absolute_url()],
        [harmless.get_absolute_url()],
        showing=['<section id="payload"', 'href="/glossary/oxytocin/"', 'id="ref-ref-oxytocin"'],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_term_page_leaves_nothing_executable(client, term_factory, payload):
    terms = []
    for text in (HARMLESS, payload):
        term = term_factory(aliases=text, body=text)
        related = term_factory(short_definition=text[:300])
        term.related.add(related)
        terms.append(term.get_absolute_url())
    shown = [f'<h1 id="term-title">{term.name}</h1>', f'href="{related.get_absolute_url()}"']
    assert_pages_are_safe(client, terms[1:], terms[:1], showing=shown)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_disclaimer_page_and_banner_leave_nothing_executable(client, payload):
    baseline = {url: page_constructs(client, url) for url in ["/disclaimer/", "/"]}
    SiteSettings(
        site_name=payload[:100], tagline=payload[:200], banner_text=payload, disclaimer_text=payload
    ).save()
    showing = {"/disclaimer/": "<h1>Disclaimer</h1>", "/": '<aside id="disclaimer-banner"'}
    for url, constructs in baseline.items():
        added = page_constructs(client, url, [showing[url]]) - constructs
        assert not added, (url, list(added))


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_listing_pages_leave_nothing_executable(client, article_full_of, payload):
    urls = ["/", "/articles/", "/glossary/", "/references/", "/tags/"]
    article_full_of(HARMLESS, "estradiol")
    baseline = {url: page_constructs(client, url) for url in urls}
    article = article_full_of(payload, "oxytocin")
    tag_url = reverse("tags:detail", args=[article.tags.get().slug])
    showing = {
        "/": article.get_absolute_url(),
        "/articles/": article.get_absolute_url(),
        "/glossary/": 'href="/glossary/oxytocin/"',
        "/references/": 'id="ref-ref-oxytocin"',
        "/tags/": f'href="{tag_url}"',
    }
    for url in urls:
        added = page_constructs(client, url, [showing[url]]) - baseline[url]
        assert not added, (url, list(added))


@pytest.mark.django_db
def test_reference_url_with_a_script_scheme_is_not_a_link(client, reference_factory):
    """The form refuses such a URL, but rows may arrive by other paths (imports, scripts)."""
    reference = reference_factory(url="https://example.org/paper")
    baseline = page_constructs(client, "/references/")
    reference.url = "javascript:alert(1)"
    reference.save()
    shown = [f'id="ref-{reference.key}"', reference.title]
    assert not page_constructs(client, "/references/", shown) - baseline
