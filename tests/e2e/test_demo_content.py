import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_articles(transactional_db):
    call_command("load_demo", verbosity=0)
    articles = list(Article.objects.public())
    assert len(articles) >= 3
    return articles


def test_demo_articles_fit_a_phone_screen(new_page, demo_articles):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    for article in demo_articles:
        page.goto(article.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert width["scroll"] <= width["client"], (article.slug, width)


def test_demo_figures_load_with_their_alt_text(page, demo_articles):
    figures_seen = 0
    for article in demo_articles:
        page.goto(article.get_absolute_url())
        images = page.locator("main figure img")
        # Figures load lazily; ask for all of them now and wait until each has loaded.
        images.evaluate_all("images => images.forEach(image => { image.loading = 'eager'; })")
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('main figure img'))"
            ".every(image => image.complete)"
        )
        for image in images.all():
            assert image.evaluate("image => image.naturalWidth") > 0, image.get_attribute("src")
            assert len(image.get_attribute("alt").strip()) > 20, image.get_attribute("src")
        figures_seen += images.count()
    assert figures_seen >= 4
