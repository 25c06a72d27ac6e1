from articles.models import Figure
from tests.conftest import png_file
from tests.e2e.pages import public_paths


def test_public_pages_request_nothing_from_other_hosts(
    new_page, live_server, hormone_article, browser_problems
):
    Figure.objects.create(
        section=hormone_article.sections.first(),
        image=png_file(),
        alt_text="A simple diagram of the pituitary gland releasing oxytocin.",
        caption="Where oxytocin is released.",
    )
    # Tall enough that lazy-loaded figures are in view and load too.
    page = new_page(viewport={"width": 1280, "height": 4000})
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    for path in [*public_paths(hormone_article), "/this-page-does-not-exist/"]:
        page.goto(path)
    # The styled 404 page is itself a "failed" load in the console; that one is expected.
    assert browser_problems.take(r"this-page-does-not-exist/: Failed to load resource: .* 404")

    # The browser picks one of the figure's renditions (AVIF or WebP) or the PNG original.
    figure_images = [url for url in requested if "/media/figures/" in url]
    assert figure_images, "the figure image was not loaded"
    origin = live_server.url + "/"
    elsewhere = [url for url in requested if not url.startswith(origin)]
    assert not elsewhere
