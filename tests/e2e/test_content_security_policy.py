import pytest
from playwright.sync_api import Error


def test_public_pages_are_served_with_a_strict_content_security_policy(page, hormone_article):
    for path in ["/", hormone_article.get_absolute_url(), "/glossary/"]:
        response = page.goto(path)
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy, (path, policy)
        assert "script-src 'self'" in policy, (path, policy)
        assert "style-src 'self'" in policy, (path, policy)
        assert "frame-ancestors 'none'" in policy, (path, policy)
        assert "unsafe-inline" not in policy, (path, policy)


def test_browser_blocks_inline_script_and_the_suite_notices(page, browser_problems):
    page.goto("/")
    with (
        page.expect_console_message(lambda message: message.type == "error"),
        pytest.raises(Error, match="Content Security Policy"),
    ):
        page.add_script_tag(content="window.inlineScriptRan = true;")

    assert page.evaluate("window.inlineScriptRan") is None
    assert browser_problems.take("^CSP violation"), "the suite missed the CSP violation"
