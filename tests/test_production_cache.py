"""The whole-page cache: fast warm hits, precise invalidation, never for signed-in staff."""

import datetime as dt
import logging
from http import HTTPStatus

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Figure, Reference
from site_config import cache_keys
from site_config import redis_cache as resilient_cache
from site_config.models import SiteSettings

pytestmark = pytest.mark.django_db

CLOSED_REDIS_PORT_URL = "redis://127.0.0.1:6390/0"


@pytest.fixture
def article(article_factory):
    SiteSettings.load()  # the settings row exists on a running site
    return article_factory(
        title="Sleep and hormones",
        slug="sleep-and-hormones",
        sections=2,
        figures=1,
        references=1,
        tags=["sleep"],
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/",
        "/articles/sleep-and-hormones/",
        "/glossary/",
        "/glossary/melatonin/",
        "/references/",
        "/tags/",
        "/tags/sleep/",
        "/about/",
        "/disclaimer/",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_warm_anonymous_page_runs_no_queries(
    client, article, term_factory, django_assert_num_queries, url
):
    term_factory(name="melatonin", slug="melatonin")
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == HTTPStatus.OK
    assert second.content == first.content


def test_warm_head_request_runs_no_queries(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.head(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK


def test_cached_page_is_served_until_content_changes(client, article):
    page(client, article.get_absolute_url())
    # A write that sends no signal does not invalidate: proof the page came from the cache.
    Article.objects.filter(pk=article.pk).update(title="Quietly renamed")
    html = page(client, article.get_absolute_url())
    assert ">Sleep and hormones</h1>" in html
    assert "Quietly renamed" not in html


def test_signed_in_staff_always_get_a_fresh_page(client, staff_client, article):
    page(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Quietly renamed")
    assert "Quietly renamed" in page(staff_client, article.get_absolute_url())


def test_request_with_a_session_cookie_bypasses_the_cache(client, article, settings):
    page(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Quietly renamed")
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert "Quietly renamed" in page(client, article.get_absolute_url())


def test_different_query_strings_are_cached_apart(client, article_factory):
    for n in range(14):
        article_factory(title=f"Listed {n:02}")
    first_page = page(client, "/articles/")
    second_page = page(client, "/articles/?page=2")
    assert "Page 1 of 2" in first_page
    assert "Page 2 of 2" in second_page


def test_admin_pages_are_never_cached(staff_client, article):
    url = f"/admin/articles/article/{article.pk}/change/"
    staff_client.get(url)
    # The form shows the article's working copy (articles/workflow.py).
    Article.objects.filter(draft_of=article).update(title="Quietly renamed")
    assert "Quietly renamed" in page(staff_client, url)


def test_admin_login_page_is_not_cached(client):
    first = client.get("/admin/login/")
    second = client.get("/admin/login/")
    for response in (first, second):
        assert response.status_code == HTTPStatus.OK
        assert b'id="login-form"' in response.content
    assert first.content != second.content  # a fresh CSRF token each time


def test_not_found_pages_are_not_cached(client, article):
    client.get("/articles/arrives-later/")
    Article.objects.filter(pk=article.pk).update(slug="arrives-later")
    assert client.get("/articles/arrives-later/").status_code == HTTPStatus.OK


def test_health_check_is_not_cached(client, django_assert_num_queries):
    client.get("/healthz")
    with django_assert_num_queries(1):
        assert client.get("/healthz").json()["database"] == "ok"


# Precise invalidation: every kind of edit a page shows


def test_article_edit_shows_at_once(client, article):
    page(client, article.get_absolute_url())
    article.title = "Sleep, hormones and shift work"
    article.save()
    assert "Sleep, hormones and shift work" in page(client, article.get_absolute_url())
    assert "Sleep, hormones and shift work" in page(client, "/articles/")


def test_section_edit_shows_at_once(client, article):
    page(client, article.get_absolute_url())
    section = article.sections.first()
    section.body = "Melatonin rises in the evening."
    section.save()
    assert "Melatonin rises in the evening." in page(client, article.get_absolute_url())


def test_figure_edit_shows_at_once(client, article):
    page(client, article.get_absolute_url())
    figure = Figure.objects.get(section__article=article)
    figure.alt_text = "A chart of melatonin over a day"
    figure.save()
    assert "A chart of melatonin over a day" in page(client, article.get_absolute_url())


def test_reference_edit_shows_at_once(client, article):
    page(client, article.get_absolute_url())
    page(client, "/references/")
    reference = Reference.objects.get(articles=article)
    reference.title = "Circadian rhythms revisited"
    reference.save()
    assert "Circadian rhythms revisited" in page(client, article.get_absolute_url())
    assert "Circadian rhythms revisited" in page(client, "/references/")


def test_edit_of_a_linked_term_shows_at_once(client, article, term_factory):
    term = term_factory(name="melatonin", slug="melatonin", short_definition="A hormone.")
    section = article.sections.first()
    section.body = "Melatonin rises in the evening."
    section.save()
    assert "A hormone." in page(client, article.get_absolute_url())
    term.short_definition = "The hormone of darkness."
    term.save()
    assert "The hormone of darkness." in page(client, article.get_absolute_url())
    assert "The hormone of darkness." in page(client, term.get_absolute_url())


def test_tag_edit_shows_at_once(client, article):
    page(client, "/tags/")
    page(client, article.get_absolute_url())
    tag = Tag.objects.get(slug="sleep")
    tag.name = "Sleep medicine"
    tag.save()
    assert "Sleep medicine" in page(client, "/tags/")
    assert "Sleep medicine" in page(client, article.get_absolute_url())


def test_tagging_an_article_shows_at_once(client, article):
    page(client, "/tags/")
    article.tags.add("circadian rhythm")
    assert "circadian rhythm" in page(client, "/tags/")


def test_banner_text_edit_shows_at_once(client, article):
    page(client, article.get_absolute_url())
    site_settings = SiteSettings.load()
    site_settings.banner_text = "Ask your pharmacist before changing a medicine."
    site_settings.save()
    assert "Ask your pharmacist before changing a medicine." in page(
        client, article.get_absolute_url()
    )


def test_scheduled_article_appears_when_its_time_comes(client, article_factory, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    publish_at = timezone.now() + dt.timedelta(minutes=5)
    article_factory(title="Coming soon on circadian rhythm", publish_at=publish_at)
    assert "Coming soon on circadian rhythm" not in page(client, "/")
    assert "Coming soon on circadian rhythm" not in page(client, "/articles/")
    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "Coming soon on circadian rhythm" in page(client, "/")
        assert "Coming soon on circadian rhythm" in page(client, "/articles/")


def test_generation_is_bumped_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        cache_keys.bump(cache_keys.PUBLIC_PAGES)
        during = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    # A reader that cached the old rows under `during` is left behind once the edit commits.
    assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) > during


def test_cached_page_varies_on_cookie(client, article):
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert "Cookie" in response["Vary"]


# Conditional GET


def test_page_has_an_etag(client, article):
    assert client.get(article.get_absolute_url()).has_header("ETag")


def test_unchanged_page_answers_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_changed_page_answers_200_with_a_new_etag(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    article.title = "Sleep, revised"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != etag


# Responses that must never be shared


@pytest.mark.urls("tests.production_urls")
def test_response_setting_a_cookie_is_not_cached(client):
    first = client.get("/sets-cookie/")
    second = client.get("/sets-cookie/")
    assert first.content != second.content


@pytest.mark.urls("tests.production_urls")
def test_page_with_a_csrf_token_is_not_cached(client):
    client.get("/csrf-form/")  # the cookie is set now; later pages only use it
    first = client.get("/csrf-form/")
    second = client.get("/csrf-form/")
    assert first.content != second.content


@pytest.mark.urls("tests.production_urls")
def test_page_varying_on_another_header_is_not_cached(client):
    first = client.get("/varies-on-language/")
    second = client.get("/varies-on-language/")
    assert first.content != second.content


@pytest.mark.urls("tests.production_urls")
def test_plain_page_is_cached(client):
    first = client.get("/plain/")
    second = client.get("/plain/")
    assert first.content == second.content


def test_page_cache_can_be_switched_off(client, article, settings):
    settings.PAGE_CACHE_ENABLED = False
    page(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Quietly renamed")
    assert "Quietly renamed" in page(client, article.get_absolute_url())


# With the page cache off (or after an edit), costly parts stay cached where the edit
# cannot have changed them


def test_tag_counts_are_counted_once_per_content_generation(client, article, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False

    def counting(queries):
        return [query for query in queries if "COUNT(" in query["sql"].upper()]

    with CaptureQueriesContext(connection) as first:
        page(client, "/tags/")
    with CaptureQueriesContext(connection) as second:
        html = page(client, "/tags/")
    assert counting(first.captured_queries)
    assert not counting(second.captured_queries)
    assert 'href="/tags/sleep/"' in html
    article.tags.add("circadian rhythm")
    assert "circadian rhythm" in page(client, "/tags/")
    assert "circadian rhythm" in page(client, "/")


def test_tag_counts_follow_a_scheduled_article_with_the_page_cache_off(
    client, article, article_factory, settings
):
    settings.PAGE_CACHE_ENABLED = False
    publish_at = timezone.now() + dt.timedelta(minutes=5)
    article_factory(title="Later", publish_at=publish_at, tags=["shift work"])
    html = page(client, "/tags/")
    assert "shift work" not in html
    assert 'href="/tags/sleep/"' in html
    with time_machine.travel(publish_at + dt.timedelta(seconds=1)):
        assert "shift work" in page(client, "/tags/")


def test_narrowing_topics_follow_an_edit_with_the_page_cache_off(
    client, article, article_factory, settings
):
    settings.PAGE_CACHE_ENABLED = False
    other = article_factory(title="Other", tags=["sleep", "melatonin"])
    assert "melatonin" in page(client, "/tags/sleep/")
    other.tags.remove("melatonin")
    assert "melatonin" not in page(client, "/tags/sleep/")
    assert "Sleep and hormones" in page(client, "/tags/sleep/")


def rendering_version(article):
    from articles.rendered_article import rendered_article_version

    return rendered_article_version(Article.objects.get(pk=article.pk))


def test_a_term_edit_leaves_unrelated_article_renderings_warm(
    client, article, article_factory, term_factory
):
    term = term_factory(name="melatonin", slug="melatonin", short_definition="A hormone.")
    section = article.sections.first()
    section.body = "Melatonin rises in the evening."
    section.save()
    unrelated = article_factory(title="Posture", slug="posture", sections=1)
    linking_before, unrelated_before = rendering_version(article), rendering_version(unrelated)
    term.short_definition = "The hormone of darkness."
    term.save()
    assert rendering_version(unrelated) == unrelated_before
    assert rendering_version(article) != linking_before
    assert "The hormone of darkness." in page(client, article.get_absolute_url())
    assert "Posture" in page(client, unrelated.get_absolute_url())


def test_a_new_alias_re_renders_the_articles_that_mention_it(
    client, article, article_factory, term_factory
):
    term = term_factory(name="melatonin", slug="melatonin", short_definition="A hormone.")
    section = article.sections.first()
    section.body = "The sleep hormone rises in the evening."
    section.save()
    unrelated = article_factory(title="Posture", slug="posture", sections=1)
    page(client, article.get_absolute_url())
    unrelated_before = rendering_version(unrelated)
    term.aliases = "sleep hormone"
    term.save()
    html = page(client, article.get_absolute_url())
    assert 'href="/glossary/melatonin/"' in html
    assert rendering_version(unrelated) == unrelated_before


def test_deleting_a_term_re_renders_the_articles_linking_it(client, article, term_factory):
    term = term_factory(name="melatonin", slug="melatonin", short_definition="A hormone.")
    section = article.sections.first()
    section.body = "Melatonin rises in the evening."
    section.save()
    assert 'href="/glossary/melatonin/"' in page(client, article.get_absolute_url())
    term.delete()
    html = page(client, article.get_absolute_url())
    assert 'href="/glossary/melatonin/"' not in html
    assert "Melatonin rises in the evening." in html


def test_renaming_a_term_slug_re_renders_its_links(client, article, term_factory):
    term = term_factory(name="melatonin", slug="melatonin", short_definition="A hormone.")
    section = article.sections.first()
    section.body = "Melatonin rises in the evening."
    section.save()
    page(client, article.get_absolute_url())
    term.slug = "melatonin-hormone"
    term.save()
    assert 'href="/glossary/melatonin-hormone/"' in page(client, article.get_absolute_url())


# Database down: what is in the cache is still served


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_cached_pages_are_served_while_the_database_is_down(client, article, request):
    page(client, article.get_absolute_url())
    request.getfixturevalue("database_down")
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


def test_uncached_page_gets_the_503_page_while_the_database_is_down(client, article, request):
    request.getfixturevalue("database_down")
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "We'll be back in a moment" in response.content.decode()


# Redis down: pages still served, the failure logged, never a 500


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "site_config.redis_cache.ResilientRedisCache",
            "LOCATION": CLOSED_REDIS_PORT_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    resilient_cache._unavailable_until.clear()
    yield
    resilient_cache._unavailable_until.clear()


def test_pages_are_served_when_redis_is_down(client, article, redis_down):
    for url in ["/", article.get_absolute_url(), "/glossary/", "/tags/sleep/"]:
        assert client.get(url).status_code == HTTPStatus.OK


def test_redis_failure_is_logged(client, article, redis_down, caplog):
    with caplog.at_level(logging.ERROR, logger="site_config.redis_cache"):
        client.get(article.get_absolute_url())
    assert "Redis cache unavailable" in caplog.text


def test_cache_get_returns_the_callers_default_when_redis_is_down(redis_down):
    assert cache.get("anything", "fallback") == "fallback"


def test_edits_still_save_when_redis_is_down(client, article, redis_down):
    article.title = "Saved without a cache"
    article.save()
    assert "Saved without a cache" in page(client, article.get_absolute_url())


def test_redis_is_left_alone_for_a_while_after_a_failure(redis_down, monkeypatch):
    cache.get("anything")
    attempts = []
    monkeypatch.setattr(
        resilient_cache.RedisCache, "get", lambda *args, **kwargs: attempts.append(args)
    )
    cache.get("anything")
    assert attempts == []
    # Once the pause is over, calls reach Redis again: the spy is on the path calls take.
    resilient_cache._unavailable_until.clear()
    cache.get("anything")
    assert len(attempts) == 1


@pytest.mark.redis
def test_warm_page_runs_no_queries_on_redis(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


@pytest.mark.redis
def test_clearing_the_cache_keeps_other_sites_keys_on_redis(settings):
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    client.set("another-site:1:key", "kept")
    cache.set("ours", "gone")
    cache.clear()
    assert cache.get("ours") is None
    assert client.get("another-site:1:key") == b"kept"
    client.delete("another-site:1:key")


def test_an_invalidation_the_cache_missed_is_retried_when_it_answers_again(monkeypatch):
    (before,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    with monkeypatch.context() as outage:
        outage.setattr(cache_keys, "_increment", lambda key: False)
        cache_keys.bump(cache_keys.PUBLIC_PAGES)
        assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) == (before,)
    assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) > (before,)
