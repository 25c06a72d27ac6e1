import io
import itertools
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, ArticleReference, Figure, Reference, Section
from glossary.models import Term
from site_config import jobs
from tests.ci import running_in_ci
from tests.servers import MOTO_SERVER

_counter = itertools.count(1)


def _missing_services(item):
    missing = []
    postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if item.get_closest_marker("postgres") and not postgres:
        missing.append("PostgreSQL (DATABASE_URL=postgres://...)")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        missing.append("Redis (REDIS_URL=redis://...)")
    if item.get_closest_marker("s3") and not MOTO_SERVER.exists():
        missing.append("moto's S3 server (pip install -r requirements-dev.txt)")
    return missing


def pytest_runtest_setup(item):
    """Tests marked `postgres`, `redis` or `s3` skip locally without the service; in CI they fail.

    CI must run them against the real services, so a missing service there is an error,
    never a silent skip. A CI stage without the services deselects them with
    -m "not postgres and not redis".
    """
    missing = _missing_services(item)
    if not missing:
        return
    message = "needs " + " and ".join(missing)
    if running_in_ci():
        pytest.fail(f"{message}: in CI a missing service is a failure, not a skip", pytrace=False)
    pytest.skip(message)


def png_file(name="figure.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (15, 94, 99)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The test client speaks plain http; HTTPS behaviour has its own tests.
    settings.SECURE_SSL_REDIRECT = False
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_factory(db):
    def make(**fields):
        n = next(_counter)
        values = {
            "key": f"author-{n}",
            "kind": Reference.Kind.JOURNAL,
            "authors": "Author, A.; Writer, B.",
            "year": 2000 + n % 25,
            "title": f"A study of things number {n}",
            "container": "Journal of Examples",
            "volume": "10",
            "issue": "2",
            "pages": "1-10",
        }
        values.update(fields)
        tags = values.pop("tags", [])
        reference = Reference.objects.create(**values)
        if tags:
            reference.tags.add(*tags)
        return reference

    return make


@pytest.fixture
def article_factory(db, reference_factory):
    levels = [choice for choice, _ in Section.Level.choices]

    def make(sections=2, figures=0, references=0, tags=(), **fields):
        n = next(_counter)
        values = {
            "title": f"Article {n}",
            "slug": f"article-{n}",
            "summary": f"Summary of article {n}.",
            "status": Article.Status.PUBLISHED,
            "authors": "Ana Writer",
            "reviewed_by": "Dr Rev Iewer, MD",
        }
        values.update(fields)
        article = Article.objects.create(**values)
        if tags:
            article.tags.add(*tags)
        for position in range(sections):
            section = Section.objects.create(
                article=article,
                position=position,
                level=levels[position * len(levels) // max(sections, 1)],
                heading=f"Question {position}?",
                anchor=f"question-{position}",
                body=f"Body of section {position}.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
                takeaway=f"Take-away {position}.",
            )
            for figure_position in range(figures if position == 0 else 0):
                Figure.objects.create(
                    section=section,
                    position=figure_position,
                    image=png_file(),
                    alt_text=f"Diagram {figure_position}",
                    caption=f"Caption {figure_position}",
                )
        for position in range(references):
            ArticleReference.objects.create(
                article=article, reference=reference_factory(), position=position
            )
        return article

    return make


@pytest.fixture
def public_article(article_factory):
    return article_factory(title="Public article", slug="public-article")


@pytest.fixture
def draft_article(article_factory):
    return article_factory(title="Draft article", slug="draft-article", status=Article.Status.DRAFT)


@pytest.fixture
def term_factory(db):
    def make(**fields):
        n = next(_counter)
        values = {
            "name": f"term {n}",
            "slug": f"term-{n}",
            "short_definition": f"Definition {n}.",
            "body": f"More about term {n}.",
        }
        values.update(fields)
        tags = values.pop("tags", [])
        term = Term.objects.create(**values)
        if tags:
            term.tags.add(*tags)
        return term

    return make


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def editorial_groups(db):
    """The Editor and Publisher groups as migration site_config 0003 makes them.

    Re-created here because a transactional test's flush empties every table.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group

    from articles.roles import GROUPS, create_editorial_groups

    create_editorial_groups(apps)
    return {name: Group.objects.get(name=name) for name in GROUPS}


@pytest.fixture
def staff_user_in(editorial_groups, django_user_model):
    """make(group_name, username) -> a staff user in that editorial group."""

    def make(group_name, username, **fields):
        user = django_user_model.objects.create_user(
            username=username, password="unused-pass-phrase", is_staff=True, **fields
        )
        user.groups.add(editorial_groups[group_name])
        return user

    return make


@pytest.fixture
def editor(staff_user_in):
    return staff_user_in("Editor", "edna", first_name="Edna", last_name="Editor")


@pytest.fixture
def publisher(staff_user_in):
    return staff_user_in("Publisher", "pablo", first_name="Pablo", last_name="Publisher")


@pytest.fixture
def reviewer(staff_user_in):
    from articles.models import ReviewerProfile

    user = staff_user_in("Medical reviewer", "rita", first_name="Rita", last_name="Reviewer")
    ReviewerProfile.objects.create(
        user=user, display_name="Dr Rita Reviewer", credentials="MD, endocrinologist"
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture(scope="session")
def collected_static_root(tmp_path_factory):
    """Static files collected (hashed, gzip and Brotli) as production serves them, for tests
    that run the site in a subprocess with DEBUG off."""
    from tests.servers import manage, site_env

    root = tmp_path_factory.mktemp("staticfiles")
    manage("collectstatic", "--noinput", "--verbosity", "0", env=site_env(STATIC_ROOT=root))
    return root


@pytest.fixture
def queued(db, settings, monkeypatch):
    """Jobs go to a stand-in queue (a list of job ids) instead of running in process; the
    test's transaction stands for the committed edit."""
    settings.JOBS_IN_PROCESS = False
    sent = []
    monkeypatch.setattr(jobs, "send_to_queue", lambda job_id, delay_seconds=0: sent.append(job_id))
    monkeypatch.setattr(
        jobs.transaction, "on_commit", lambda func, using=None, robust=False: func()
    )
    return sent
