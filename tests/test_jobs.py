"""Background jobs (site_config/jobs.py, articles/jobs.py): retries, failures kept and shown,
idempotence, ordering, the admin's word on a term edit, and a real RQ worker process."""

import io
import uuid
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles import jobs as article_jobs
from articles.models import Article, Reference, Section
from site_config import jobs
from site_config.models import Job
from tests.admin_forms import form_data
from tests.servers import manage, site_env

_calls = {"flaky": 0}


@jobs.job_kind("tests.flaky")
def flaky(progress, failures):
    """Fails its first `failures` attempts."""
    _calls["flaky"] += 1
    if _calls["flaky"] <= failures:
        raise RuntimeError(f"flaky failure number {_calls['flaky']}")


@jobs.job_kind("tests.broken", "A job that always fails")
def broken(progress):
    raise ValueError("The retraction list has no OriginalPaperDOI column.")


@pytest.fixture(autouse=True)
def _reset_calls():
    _calls["flaky"] = 0


def section_with(article, body):
    return Section.objects.create(
        article=article,
        position=10,
        heading="More?",
        anchor=f"more-{Section.objects.count()}",
        body=body,
    )


def linked_texts(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select("a.glossary-term")]


def term_links():
    return sorted(Article.terms.through.objects.values_list("pk", "article_id", "term_id"))


# Retries and failures


def test_a_failing_attempt_is_retried_until_it_succeeds(db):
    job = jobs.enqueue("tests.flaky", failures=2)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (Job.State.DONE, 3, "")


def test_a_job_failing_every_attempt_is_kept_as_failed_with_its_error(db, settings):
    settings.JOBS_MAX_ATTEMPTS = 3
    job = jobs.enqueue("tests.broken")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.attempts == 3
    assert "no OriginalPaperDOI column" in job.error
    assert job.finished_at is not None


def test_a_failed_attempt_on_the_queue_is_queued_again_with_backoff(queued, settings, monkeypatch):
    settings.JOBS_RETRY_SECONDS = [7, 40]
    delays = []
    monkeypatch.setattr(
        jobs, "send_to_queue", lambda job_id, delay_seconds=0: delays.append(delay_seconds)
    )
    job = jobs.enqueue("tests.broken")
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.QUEUED, 2)
    assert delays == [0, 7, 40]
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 3)
    jobs.run_job(job.pk)  # a late second delivery changes nothing
    job.refresh_from_db()
    assert job.attempts == 3


def test_the_admin_lists_a_failed_job_and_shows_its_error(staff_client, db):
    job = jobs.enqueue("tests.broken", description="Import the retraction list")
    listing = staff_client.get(reverse("admin:site_config_job_changelist"))
    assert "Import the retraction list" in listing.content.decode()
    assert "Failed" in listing.content.decode()
    page = staff_client.get(reverse("admin:site_config_job_change", args=[job.pk]))
    assert page.status_code == HTTPStatus.OK
    assert "no OriginalPaperDOI column" in page.content.decode()


def test_the_admin_runs_a_failed_job_again(staff_client, db):
    job = jobs.enqueue("tests.flaky", failures=3)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    response = staff_client.post(
        reverse("admin:site_config_job_changelist"),
        {"action": "run_again", "_selected_action": [job.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.DONE, 1)


def test_the_admin_names_and_filters_kinds_in_words(staff_client, db):
    broken_job = jobs.enqueue("tests.broken", description="Broken one")
    jobs.enqueue("tests.flaky", failures=0, description="Flaky one")
    listing = staff_client.get(reverse("admin:site_config_job_changelist")).content.decode()
    filters = BeautifulSoup(listing, "html.parser").select_one("#changelist-filter").get_text()
    assert "A job that always fails" in filters
    assert "tests.flaky" in filters  # a kind registered without words keeps its name
    assert "tests.broken" not in filters
    only = staff_client.get(reverse("admin:site_config_job_changelist"), {"kind": "tests.broken"})
    assert "Broken one" in only.content.decode()
    assert "Flaky one" not in only.content.decode()
    page = staff_client.get(reverse("admin:site_config_job_change", args=[broken_job.pk]))
    assert "A job that always fails" in page.content.decode()


def test_jobs_cannot_be_edited_in_the_admin(staff_client, db):
    job = jobs.enqueue("tests.flaky", failures=0)
    page = staff_client.get(reverse("admin:site_config_job_change", args=[job.pk]))
    assert 'name="kind"' not in page.content.decode()
    assert staff_client.get(reverse("admin:site_config_job_add")).status_code == 403


# Term edits: the fan-out job


@pytest.fixture
def zorbital(term_factory):
    return term_factory(name="zorbital", slug="zorbital")


def test_a_term_job_run_twice_changes_nothing_more(article_factory, zorbital):
    article = article_factory(sections=0)
    section_with(article, "Zorbitex is discussed here.")
    zorbital.aliases = "zorbitex"
    zorbital.save()
    job = zorbital.refresh_job
    assert list(article.terms.all()) == [zorbital]
    links = term_links()

    jobs.run_again(job)

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert term_links() == links  # the same rows, not deleted and written again


@pytest.mark.parametrize("order", ["in order", "second edit's job first"])
def test_two_quick_edits_of_a_term_end_in_the_state_of_the_second(
    queued, article_factory, zorbital, order
):
    first_alias = article_factory(sections=0)
    section_with(first_alias, "Zorbitex is discussed here.")
    second_alias = article_factory(sections=0)
    section_with(second_alias, "Zorbiquux is discussed here.")
    queued.clear()  # the term's creation

    zorbital.aliases = "zorbitex"
    zorbital.save()
    zorbital.aliases = "zorbiquux"
    zorbital.save()
    assert len(queued) == 2
    for job_id in queued if order == "in order" else reversed(queued):
        jobs.run_job(job_id)

    assert list(first_alias.terms.all()) == []
    assert list(second_alias.terms.all()) == [zorbital]


def test_a_deleted_terms_job_unlinks_where_it_was_linked(queued, article_factory, zorbital):
    article = article_factory(sections=0)
    section_with(article, "Zorbital is discussed here.")
    jobs.run_job(queued[-1])
    assert list(article.terms.all()) == [zorbital]
    zorbital.delete()
    jobs.run_job(queued[-1])
    assert Article.terms.through.objects.filter(article=article).count() == 0


def test_readers_see_each_article_whole_until_the_job_has_refreshed_it(
    queued, client, article_factory, zorbital
):
    article = article_factory(sections=0)
    section_with(article, "Zorbitex is discussed here.")
    assert linked_texts(client, article) == []
    zorbital.aliases = "zorbitex"
    zorbital.save()
    # Until the job reaches it, the article is the one readers had (never half re-linked);
    # then its page and the term page's "used in" list show the alias together.
    assert linked_texts(client, article) == []
    assert list(article.terms.all()) == []
    jobs.run_job(queued[-1])
    assert linked_texts(client, article) == ["Zorbitex"]
    assert list(article.terms.all()) == [zorbital]


def change_term(client, term, **changes):
    url = reverse("admin:glossary_term_change", args=[term.pk])
    data = form_data(client.get(url), "term_form")
    data.update(changes)
    return client.post(url, data, follow=True)


def test_the_admin_says_it_updates_the_articles_in_the_background(
    queued, staff_client, article_factory, zorbital
):
    for _ in range(2):
        section_with(article_factory(sections=0), "Zorbitex is discussed here.")
    article_factory(sections=0)  # mentions no name of the term

    response = change_term(staff_client, zorbital, aliases="zorbitex")

    page = response.content.decode()
    assert "Updating 2 articles in the background" in page
    job = Job.objects.latest("id")
    assert (job.kind, job.state, job.total) == (
        article_jobs.REFRESH_TERM_ARTICLES,
        Job.State.QUEUED,
        2,
    )
    assert reverse("admin:site_config_job_change", args=[job.pk]) in page
    jobs.run_job(job.pk)
    progress = staff_client.get(reverse("admin:site_config_job_change", args=[job.pk]))
    assert "2 of 2" in progress.content.decode()
    assert "Done" in progress.content.decode()


def test_without_a_queue_the_admin_says_the_articles_were_updated(
    staff_client, article_factory, zorbital
):
    section_with(article_factory(sections=0), "Zorbitex is discussed here.")
    response = change_term(staff_client, zorbital, aliases="zorbitex")
    assert "Updated 1 article that mention" in response.content.decode()


def test_an_edit_that_changes_no_links_queues_no_job(queued, staff_client, zorbital):
    queued.clear()  # the term's creation
    change_term(staff_client, zorbital, short_definition="A made-up word for tests.")
    assert queued == []


# A real worker process on Redis


def database_url():
    from django.conf import settings

    database = settings.DATABASES["default"]
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: database.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


@pytest.fixture
def redis_queue(settings):
    """A queue of its own on Redis database 15, emptied and removed afterwards."""
    import django_rq

    name = f"test-{uuid.uuid4().hex[:12]}"
    url = "redis://127.0.0.1:6379/15"
    settings.JOBS_IN_PROCESS = False
    settings.JOBS_QUEUE = name
    settings.RQ_QUEUES = {name: {"URL": url, "DEFAULT_TIMEOUT": 300}}
    queue = django_rq.get_queue(name)
    yield name, url
    queue.empty()
    queue.delete(delete_jobs=True)


def run_worker(queue_name, redis_url):
    env = site_env(
        DATABASE_URL=database_url(),
        JOBS_IN_PROCESS="0",
        JOBS_QUEUE=queue_name,
        JOBS_REDIS_URL=redis_url,
        JOBS_RETRY_SECONDS="0",
    )
    manage("rqworker", "--burst", queue_name, env=env, timeout=120)


@pytest.mark.postgres
@pytest.mark.redis
def test_a_real_worker_process_relinks_the_articles(
    transactional_db, redis_queue, article_factory, term_factory
):
    term = term_factory(name="zorbital", slug="zorbital")
    articles = [article_factory(sections=0) for _ in range(3)]
    for article in articles:
        section_with(article, "Zorbitex is discussed here.")
    term.aliases = "zorbitex"
    term.save()
    job = term.refresh_job
    job.refresh_from_db()
    assert (job.state, job.total) == (Job.State.QUEUED, 3)
    assert not Article.terms.through.objects.exists()

    run_worker(*redis_queue)

    job.refresh_from_db()
    assert (job.state, job.done, job.attempts) == (Job.State.DONE, 3, 1)
    for article in articles:
        assert list(article.terms.all()) == [term]


@pytest.mark.postgres
@pytest.mark.redis
def test_a_real_worker_retries_a_failing_job_and_keeps_it_failed(transactional_db, redis_queue):
    # A job whose arguments no longer make sense fails on every attempt.
    job = jobs.enqueue(article_jobs.REFRESH_ARTICLES, article_ids=None)

    run_worker(*redis_queue)

    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 3)
    assert "TypeError" in job.error


def test_requeue_jobs_queues_stranded_jobs_again(queued):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    stranded = jobs.enqueue("tests.flaky", failures=0)
    recent = jobs.enqueue("tests.flaky", failures=0)
    Job.objects.filter(pk=stranded.pk).update(created_at=timezone.now() - timedelta(hours=1))
    queued.clear()
    call_command("requeue_jobs", "--older-than=10", stdout=io.StringIO())
    assert queued == [stranded.pk]
    assert recent.pk not in queued


# Retraction lists and reference keys, in the background


def test_a_retraction_list_is_imported_in_the_background(queued, staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Retraction
    from tests.test_retractions import retraction_csv, row

    listing = retraction_csv(row(7, doi="10.1000/abc.123"))
    upload = SimpleUploadedFile("retraction_watch.csv", listing)
    response = staff_client.post(
        reverse("admin:articles_retraction_import"), {"file": upload}, follow=True
    )
    assert "Importing the list in the background" in response.content.decode()
    assert not Retraction.objects.exists()

    job = Job.objects.get(pk=queued[-1])
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.result.startswith("Read 1 row(s): 1 new notice(s)")
    assert Retraction.objects.filter(record_id=7).exists()

    jobs.run_again(job)  # run twice: nothing more happens
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert "imported already" in job.result
    assert Retraction.objects.count() == 1


def test_a_key_rename_rewrites_citations_now_and_refreshes_articles_in_the_background(
    queued, staff_client, article_factory, reference_factory
):
    from articles.models import SearchEntry

    reference_factory(key="old-key")
    article = article_factory(sections=0)
    section = section_with(article, "Shown before [@old-key].")
    queued.clear()
    reference = Reference.objects.get(key="old-key")
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = form_data(staff_client.get(url), "reference_form")
    data["key"] = "new-key"
    response = staff_client.post(url, data, follow=True)

    assert "Updating 1 article(s) in the background" in response.content.decode()
    section.refresh_from_db()
    assert section.body == "Shown before [@new-key]."
    job = Job.objects.get(pk=queued[-1])
    assert job.args == {"article_ids": [article.pk]}
    SearchEntry.objects.filter(object_id=article.pk).delete()
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert SearchEntry.objects.filter(object_id=article.pk).exists()


def test_the_search_index_can_be_rebuilt_as_a_job(queued, public_article):
    from django.core.management import call_command

    from articles.models import SearchEntry

    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", "--background", stdout=out)
    assert "queued" in out.getvalue()
    assert not SearchEntry.objects.exists()
    jobs.run_job(queued[-1])
    assert SearchEntry.objects.filter(object_id=public_article.pk).exists()


def test_merging_tags_reindexes_the_items_in_the_background(queued, article_factory):
    from taggit.models import Tag

    from articles.models import SearchEntry
    from articles.tags import merge_tags

    article = article_factory(tags=["sleep"])
    article_factory(tags=["rest"])
    queued.clear()
    merge_tags(Tag.objects.get(name="rest"), [Tag.objects.get(name="sleep")])
    job = Job.objects.get(pk=queued[-1])
    assert job.total == 1
    entry = SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk)
    assert entry.get().tag_slugs == " sleep "  # until the job runs
    jobs.run_job(job.pk)
    assert entry.get().tag_slugs == " rest "


# Who follows jobs: every editorial role views them; publishers run failed ones again.


def test_an_editor_follows_a_term_jobs_progress(queued, client, editor, article_factory, zorbital):
    section_with(article_factory(sections=0), "Zorbitex is discussed here.")
    client.force_login(editor)

    response = change_term(client, zorbital, aliases="zorbitex")

    job = Job.objects.get(pk=queued[-1])
    link = BeautifulSoup(response.content, "html.parser").find("a", string="follow its progress")
    assert link is not None
    assert link["href"] == reverse("admin:site_config_job_change", args=[job.pk])
    page = client.get(link["href"])
    assert page.status_code == HTTPStatus.OK
    assert job.description in page.content.decode()
    assert 'name="kind"' not in page.content.decode()  # read-only
    listing = client.get(reverse("admin:site_config_job_changelist"))
    assert listing.status_code == HTTPStatus.OK
    assert "run_again" not in listing.content.decode()  # no retry action offered


@pytest.mark.parametrize("role", ["Editor", "Medical reviewer", "Publisher"])
def test_every_editorial_role_may_view_jobs(staff_user_in, role):
    user = staff_user_in(role, f"user-{role.split()[-1].lower()}")
    assert user.has_perm("site_config.view_job")
    assert not user.has_perm("site_config.change_job")
    assert not user.has_perm("site_config.delete_job")


@pytest.mark.parametrize(("role", "runs_again"), [("Editor", False), ("Publisher", True)])
def test_only_publishers_run_a_failed_job_again(client, staff_user_in, role, runs_again):
    job = jobs.enqueue("tests.flaky", failures=3)
    client.force_login(staff_user_in(role, "someone"))

    client.post(
        reverse("admin:site_config_job_changelist"),
        {"action": "run_again", "_selected_action": [job.pk]},
    )

    job.refresh_from_db()
    assert job.state == (Job.State.DONE if runs_again else Job.State.FAILED)
