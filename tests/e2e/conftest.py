"""Browser tests: Playwright for Python driving Debian's chromium against `live_server`.

Every test here is marked `e2e` (see `pytest_collection_modifyitems`). One chromium per
run of browser tests in a process (see `browser`); each test gets fresh browser contexts,
so no cookies or localStorage leak between tests. A console error, a JavaScript exception
or a Content Security Policy violation in any page a test opens fails that test.

Playwright is never allowed to download a browser: we launch the system chromium
(`CHROMIUM_PATH`, default /usr/bin/chromium). Without it the suite is skipped locally and
fails in CI (when the CI environment variable is set), so CI can never pass by skipping.
"""

import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from articles.models import Article, ArticleReference, Section
from tests import in_flight
from tests.ci import running_in_ci

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

from playwright.sync_api import sync_playwright  # noqa: E402

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's expect() waits up to this long for a condition; pages come from a local server.
EXPECT_TIMEOUT_MS = 5_000

problems_key = pytest.StashKey["BrowserProblems"]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # tryfirst: the mark must be on the items before `-m e2e` / `-m "not e2e"` selects them.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser():
    """One chromium for the browser tests that run in a row in this process.

    Package scope, not session: while Playwright runs, an asyncio loop is marked as running
    in this thread, so it is stopped before any test outside tests/e2e runs in the same
    process (e.g. `make test` mixes both on each xdist worker).
    """
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        reason = (
            f"Chromium is not installed at {executable}: install Debian's chromium "
            "(apt-get install chromium) or set CHROMIUM_PATH."
        )
        if running_in_ci():
            pytest.fail(f"{reason} In CI the browser tests must run, not skip.", pytrace=False)
        pytest.skip(reason)

    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with pytest.MonkeyPatch.context() as monkeypatch:
        # Playwright's sync API keeps an asyncio loop marked as running in this thread while
        # it is started, which makes Django's ORM refuse to run here ("async context"). Tests
        # only use the ORM synchronously to create data, so the guard does not apply.
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


class BrowserProblems:
    """Console errors, uncaught JavaScript errors and CSP violations seen by a test's pages."""

    def __init__(self):
        self.messages = []
        self.reported = 0

    def watch(self, context):
        context.on("console", self._on_console)
        context.on("weberror", self._on_web_error)

    def _on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        source = message.location.get("url")
        if source and urlsplit(source).path == "/favicon.ico":
            # Chromium asks for /favicon.ico by itself on pages that name no icon (the admin).
            return
        kind = "CSP violation" if "Content Security Policy" in text else "console error"
        page_url = message.page.url if message.page else "?"
        if source and source != page_url:
            text = f"{text} ({source})"
        self.messages.append(f"{kind} on {page_url}: {text}")

    def _on_web_error(self, web_error):
        page = web_error.page
        self.messages.append(f"JavaScript error on {page.url if page else '?'}: {web_error.error}")

    def take(self, pattern):
        """Remove and return the messages matching `pattern` (for tests that expect them)."""
        matching = [message for message in self.messages if re.search(pattern, message)]
        self.messages = [message for message in self.messages if message not in matching]
        return matching

    def unreported(self):
        new = self.messages[self.reported :]
        self.reported = len(self.messages)
        return new


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Fail the test itself (not its teardown) when its pages logged errors or CSP violations.
    problems = item.stash.get(problems_key, None)
    try:
        result = yield
    except BaseException:
        if problems is not None and (new := problems.unreported()):
            item.add_report_section("call", "browser problems", "\n".join(new))
        raise
    if problems is not None and (new := problems.unreported()):
        pytest.fail("The browser reported problems:\n" + "\n".join(new), pytrace=False)
    return result


# live_server speaks plain http; HTTPS behaviour has its own (non-browser) tests.
PLAIN_HTTP = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
}


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, started with plain-http settings.

    The server builds its middleware once, when it starts, so a test's `settings` cannot
    switch the HTTPS redirect off afterwards: it has to be off before the server starts.
    """
    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(**PLAIN_HTTP):
        server = LiveServer(address)
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Signing in is part of several tests; the real hasher's cost buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _separate_worker_caches(settings, worker_id):
    if "Redis" in settings.CACHES["default"]["BACKEND"]:
        # xdist workers share one Redis database but each has its own test database: keep
        # their cached pages and generation counters apart.
        default = dict(settings.CACHES["default"])
        default["KEY_PREFIX"] = f"{default.get('KEY_PREFIX', '')}-e2e-{worker_id}"
        settings.CACHES = {**settings.CACHES, "default": default}


@pytest.fixture
def browser_problems(request):
    problems = BrowserProblems()
    request.node.stash[problems_key] = problems
    yield problems
    late = problems.unreported()
    assert not late, "The browser reported problems after the test:\n" + "\n".join(late)


@pytest.fixture
def new_page(request, browser, live_server, browser_problems):
    """Open a page in a fresh browser context on the live server (relative URLs work)."""
    # The test's database is set up before the browser and so torn down after it: a request
    # the page still sends as the test ends (an autosave, say) never meets a flushed database.
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            break
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(10_000)
        browser_problems.watch(context)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    # A request the page sent just before it closed may still be answered; let it finish.
    assert in_flight.wait_until_idle(), "the live server was still answering after 10 s"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def hormone_term(term_factory):
    return term_factory(
        name="oxytocin",
        slug="oxytocin",
        aliases="OXT",
        short_definition="A hormone made in the brain that helps with birth, breastfeeding "
        "and social bonding.",
        body="Oxytocin is made in the hypothalamus and released by the pituitary gland.",
    )


SECTIONS = [
    (
        Section.Level.FUNDAMENTALS,
        "What does oxytocin do in the body?",
        "Hormones are chemical messengers. During labour the hormone oxytocin makes the "
        "muscles of the womb contract, and after birth it helps milk flow. It is also "
        "released during touch and closeness, which is why it is sometimes called a bonding "
        "hormone, a nickname that oversimplifies what it does.\n\n"
        "Levels rise and fall through the day. A single measurement says little about a "
        "person, and blood levels do not tell us much about what happens inside the brain.",
        "Oxytocin is a messenger with several jobs, not a switch for feelings.",
    ),
    (
        Section.Level.INTERMEDIATE,
        "How is it measured?",
        "Studies measure it in blood, saliva or urine, and the methods disagree with each "
        "other. The table compares them.\n\n"
        "| Sample | Method | Typical range | Agreement with other methods | Practical notes for "
        "participants and researchers | Cost |\n"
        "|---|---|---|---|---|---|\n"
        "| Blood plasma | Radioimmunoassay after extraction | 1-10 pg/mL | Moderate to good "
        "| Needs a trained phlebotomist and a centrifuge within thirty minutes | High |\n"
        "| Saliva | Enzyme immunoassay without extraction | Highly variable | Poor "
        "| Easy to collect at home but sensitive to food and drink beforehand | Low |\n"
        "| Urine | Liquid chromatography with mass spectrometry | Depends on dilution "
        "| Unknown | Integrates several hours of secretion | Medium |",
        "Different measurement methods can give very different numbers.",
    ),
    (
        Section.Level.ACADEMIC,
        "What does the receptor research show?",
        "The oxytocin receptor (OXTR) is a G-protein-coupled receptor found in the uterus, "
        "breast tissue and several brain regions. Variants of the receptor gene have been "
        "studied for links with social behaviour, with small and inconsistent effects.\n\n"
        "Most human studies give the hormone as a nasal spray, and how much reaches the "
        "brain that way is still debated.",
        "",
    ),
    (
        Section.Level.REFLECTION,
        "What should a reader take from this?",
        "Be careful with headlines that promise more trust, love or calm from a spray. The "
        "science is interesting and still young.",
        "Curiosity is good; sprays sold online are not a treatment.",
    ),
]


@pytest.fixture
def hormone_article(hormone_term, reference_factory):
    """A public article in all four reading levels with a table, a term and a long URL."""
    article = Article.objects.create(
        title="Oxytocin beyond the headlines",
        slug="oxytocin-beyond-the-headlines",
        summary="What the hormone oxytocin does, how it is measured and what the research "
        "can and cannot say.",
        status=Article.Status.PUBLISHED,
        authors="Ana Writer",
        reviewed_by="Dr Lena Okafor, MD",
        reviewed_at=date(2025, 3, 1),
        disclaimer_note="Oxytocin medicines are prescription-only: never use them without a "
        "prescriber.",
    )
    article.tags.add("hormones", "pregnancy")
    for position, (level, heading, body, takeaway) in enumerate(SECTIONS):
        Section.objects.create(
            article=article,
            position=position,
            level=level,
            heading=heading,
            anchor=f"section-{position}",
            body=body,
            takeaway=takeaway,
        )
    reference = reference_factory(
        key="guideline-2020",
        kind="guideline",
        title="Induction of labour: a national clinical guideline",
        container="",
        url="https://www.example.org/guidance/maternity-and-newborn/induction-of-labour/"
        "full-guideline-with-evidence-reviews-and-appendices",
    )
    ArticleReference.objects.create(article=article, reference=reference, position=0)
    return article
