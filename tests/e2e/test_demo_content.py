from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

PHONE = {"width": 390, "height": 844}


def test_demo_articles_fit_a_phone_and_their_figures_load(new_page, transactional_db):
    # One test for both checks: loading the demo is the slow part.
    call_command("load_demo", verbosity=0)
    articles = list(Article.objects.public())
    assert len(articles) >= 3
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)

    figures_seen = 0
    for article in articles:
        page.goto(article.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert width["scroll"] <= width["client"], (article.slug, width)

        images = page.locator("main figure img")
        # Figures load lazily; ask for all of them now and wait until each has loaded.
        images.evaluate_all("images => images.forEach(image => { image.loading = 'eager'; })")
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('main figure img'))"
            ".every(image => image.complete)"
        )
        for image in images.all():
            source = image.get_attribute("src")
            assert image.evaluate("image => image.naturalWidth") > 0, source
            assert len(image.get_attribute("alt").strip()) > 20, source
        figures_seen += images.count()
    assert figures_seen >= 4
