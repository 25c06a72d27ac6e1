"""axe-core on every public page type: no WCAG 2.2 A/AA violations at phone and desktop
widths, in the light and the dark colour scheme.

axe-core is vendored in tests/e2e/vendor (see its README) and never fetched at test time. The
site's CSP allows only same-origin scripts, so axe is not added as a <script>: Playwright's
`evaluate` runs it through the DevTools protocol, which the page's CSP does not govern.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article

from .pages import public_paths

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [320, 390, 1280]
SCHEMES = ["light", "dark"]
MISSING_PATH = "/articles/no-such-article/"

RUN_AXE_JS = r"""async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    // Text axe cannot measure (a one-character citation number under its tap-area overlay) is
    // "needs review", not a violation: measure it here against the first opaque background.
    const channels = text => {
        const numbers = text.match(/[\d.]+/g).map(Number);
        const scale = text.startsWith('color(') ? 255 : 1;
        return {rgb: numbers.slice(0, 3).map(n => n * scale), alpha: numbers[3] ?? 1};
    };
    const luminance = rgb => {
        const [r, g, b] = rgb.map(v => v / 255).map(
            v => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const measure = (node) => {
        const element = document.querySelector(node.target.join(' '));
        if (!element) return 'not found';
        // Gradients (the tables' scroll shadows) may show any of their colours under the
        // text: it must read against each of them laid over the opaque background.
        const layers = [];
        let background = {rgb: [255, 255, 255], alpha: 1};
        for (let each = element; each; each = each.parentElement) {
            const style = getComputedStyle(each);
            if (style.backgroundImage.includes('url(')) return 'text over a background image';
            const stops = style.backgroundImage.match(/(rgba?|color)\([^)]*\)/g) || [];
            layers.push(...stops.map(channels));
            const colour = channels(style.backgroundColor);
            if (colour.alpha === 1) { background = colour; break; }
            if (colour.alpha > 0) layers.push(colour);
        }
        const over = (top, base) =>
            top.rgb.map((v, i) => v * top.alpha + base[i] * (1 - top.alpha));
        const text = channels(getComputedStyle(element).color);
        const contrast = (base) => {
            const [light, dark] = [luminance(over(text, base)), luminance(base)]
                .sort((a, b) => b - a);
            return (light + 0.05) / (dark + 0.05);
        };
        const ratio = Math.min(...[background.rgb, ...layers.map(layer =>
            over(layer, background.rgb))].map(contrast));
        const expected = parseFloat((node.any[0]?.data || {}).expectedContrastRatio || '4.5');
        return ratio >= expected ? null : `contrast ${ratio.toFixed(2)}:1, needs ${expected}:1`;
    };
    const unmeasured = [];
    for (const rule of results.incomplete.filter(rule => rule.id === 'color-contrast')) {
        for (const node of rule.nodes) {
            const problem = measure(node);
            if (problem) unmeasured.push({target: node.target.join(' '), problem});
        }
    }
    return {
        passes: results.passes.length,
        unmeasured,
        violations: results.violations.map(rule => ({
            id: rule.id,
            impact: rule.impact,
            help: rule.help,
            targets: rule.nodes.map(node => node.target.join(' ')),
            summary: rule.nodes.length ? rule.nodes[0].failureSummary : '',
        })),
    };
}"""


def open_at(new_page, width, scheme):
    if width >= 1000:
        return new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    return new_page(
        viewport={"width": width, "height": 844},
        color_scheme=scheme,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def axe_violations(page):
    """Run axe on the loaded page; return its WCAG 2.2 AA violations as readable lines."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(RUN_AXE_JS, WCAG_22_AA_TAGS)
    # A run that checked nothing (axe missing, empty page) must not pass as "no violations".
    assert results["passes"] > 0, page.url
    lines = []
    for rule in results["violations"]:
        targets = ", ".join(rule["targets"][:4])
        more = len(rule["targets"]) - 4
        if more > 0:
            targets += f" and {more} more"
        lines.append(
            f"{page.url}: {rule['id']} ({rule['impact']}): {rule['help']}\n"
            f"    at {targets}\n    {rule['summary'].replace(chr(10), ' ')}"
        )
    for item in results["unmeasured"]:
        lines.append(
            f"{page.url}: color-contrast (axe: needs review): {item['problem']}\n"
            f"    at {item['target']}"
        )
    return lines


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_wcag_violations(
    new_page, hormone_article, browser_problems, settings, width, scheme
):
    # Each run posts reader feedback twice; the rate limit counts per address across tests.
    settings.FEEDBACK_RATE_LIMIT = 1000
    page = open_at(new_page, width, scheme)
    paths = [
        *public_paths(hormone_article),
        reverse("articles:print", kwargs={"slug": hormone_article.slug}),
        "/search/?q=oxytocin",
        "/about/",
        MISSING_PATH,
    ]
    found = []
    for path in paths:
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        found += axe_violations(page)

    # What scripts show on an article is checked too: the phone contents list opened, and a
    # glossary term's popover shown by keyboard focus.
    page.goto(hormone_article.get_absolute_url())
    if width < 1000:
        page.locator(".toc summary").click()
        expect(page.locator(".toc__levels")).to_be_visible()
        found += axe_violations(page)
        page.locator(".toc summary").click()
    term = page.locator("a.glossary-term").first
    term.focus()
    expect(page.locator(f"[id='{term.get_attribute('aria-describedby')}']")).to_be_visible()
    found += axe_violations(page)

    # Reader feedback: the comment box and message shown after answering "Yes", then the
    # answer page a browser without the script gets for a post that chose no answer.
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".page-feedback__comment textarea")).to_be_focused()
    expect(page.locator(".page-feedback__status")).not_to_be_empty()
    found += axe_violations(page)
    with page.expect_navigation():
        page.evaluate(
            "() => HTMLFormElement.prototype.submit.call(document.querySelector('.page-feedback'))"
        )
    expect(page.locator("main h1")).to_have_text("Your feedback was not sent")
    found += axe_violations(page)

    # The 404 page and the refused feedback (400) are checked; the browser logs their status.
    browser_problems.take(r"status of 40[04]")
    assert not found, f"axe found {len(found)} violation(s):\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_demo_articles_have_no_wcag_violations(new_page, transactional_db, scheme):
    """The demo content has what the test article lacks: figures, captions, evidence tables."""
    call_command("load_demo", verbosity=0)
    articles = list(Article.objects.public())
    assert articles
    found = []
    for width in [390, 1280]:
        page = open_at(new_page, width, scheme)
        for article in articles:
            page.goto(article.get_absolute_url())
            expect(page.locator("main h1")).to_be_visible()
            found += axe_violations(page)
    assert not found, f"axe found {len(found)} violation(s):\n" + "\n".join(found)


def test_axe_check_reports_violations(new_page, hormone_article):
    """The check can fail: a nameless button, dark-on-dark text and a dark-on-dark single
    digit (which axe leaves for review) added to a real page in the dark scheme are reported."""
    page = open_at(new_page, 390, "dark")
    page.goto("/")
    page.evaluate(
        """() => {
            const button = document.createElement('button');
            button.id = 'no-name';
            const note = document.createElement('p');
            note.id = 'faint';
            note.textContent = 'Text that is hard to read';
            // About 1.7:1 on the dark page (an exactly equal colour is only "incomplete").
            note.style.color = '#3a3d42';
            const digit = document.createElement('span');
            digit.id = 'faint-digit';
            digit.textContent = '7';
            digit.style.color = '#3a3d42';
            document.querySelector('main').append(button, note, digit);
        }"""
    )
    found = axe_violations(page)
    assert any("button-name" in line and "#no-name" in line for line in found), found
    assert any("color-contrast" in line and "#faint\n" in line for line in found), found
    assert any("needs review" in line and "#faint-digit" in line for line in found), found
