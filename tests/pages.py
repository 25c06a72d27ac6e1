"""The positive half of a test that checks something is absent from a page.

"The draft's title is not on the page" also passes on an error page or an empty one, so such
a test first checks that the page rendered: `rendered_html` fails unless the response is
200 OK and the page's main heading is the one expected.
"""

from http import HTTPStatus

from bs4 import BeautifulSoup


def main_heading(html):
    """The text of the page's <main> <h1>, whitespace collapsed; None without one."""
    heading = BeautifulSoup(html, "html.parser").select_one("main h1")
    return None if heading is None else " ".join(heading.get_text(" ").split())


def rendered_html(response, heading):
    """The response's HTML, after checking it is the page asked for: 200 OK, with `heading`
    as its main <h1> (public pages and admin pages alike)."""
    assert response.status_code == HTTPStatus.OK, response.status_code
    html = response.content.decode()
    assert main_heading(html) == heading, f"expected the page {heading!r}"
    return html
