"""The site, plus one address that saves an article and then hangs: for killing a worker
in the middle of a request (tests/test_production_faults.py)."""

import time

from site_config.wsgi import application as site_application

SAVE_THEN_HANG_PATH = "/test-only/save-then-hang/"
SAVED_SLUG = "saved-before-the-crash"


def application(environ, start_response):
    if environ.get("PATH_INFO") == SAVE_THEN_HANG_PATH:
        from articles.models import Article

        Article.objects.create(
            title="Saved before the crash",
            slug=SAVED_SLUG,
            summary="Written just before the worker was killed.",
            status=Article.Status.PUBLISHED,
        )
        time.sleep(60)
    return site_application(environ, start_response)
