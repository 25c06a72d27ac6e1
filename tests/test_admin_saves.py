"""Admin saves of shared content (site_config/admin_saves.py): no 500 when two saves take one
unique value at once, and no silent overwrite when two saves start from one version."""

import threading
from http import HTTPStatus

import pytest
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import connection
from django.forms.models import BaseModelForm
from django.test import Client
from taggit.models import Tag

from articles.forms import ArticleAdminForm, SectionPageForm
from articles.models import Article, Reference, Section
from glossary.forms import TermForm
from glossary.models import Term
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_admins(django_user_model):
    clients = []
    for username, first_name in [("ann", "Ann"), ("ben", "Ben")]:
        user = django_user_model.objects.create_superuser(
            username, f"{username}@example.org", "pw", first_name=first_name, last_name="Smith"
        )
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def open_form(client, url, form_id):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return form_data(response, form_id)


# Stale saves: the same version saved twice.

EDITED = {
    # model: (form id, field the first editor changes, field the second changes)
    "term": ("term_form", "short_definition", "body"),
    "reference": ("reference_form", "title", "publisher"),
    "section": ("section_form", "heading", "body"),
}


@pytest.fixture
def shared(request, term_factory, reference_factory, draft_article):
    """(change url, form id, object, first editor's field, second editor's field)."""
    kind = request.param
    form_id, first, second = EDITED[kind]
    if kind == "term":
        obj = term_factory(name="melatonin", slug="melatonin")
        url = f"/admin/glossary/term/{obj.pk}/change/"
    elif kind == "reference":
        obj = reference_factory()
        url = f"/admin/articles/reference/{obj.pk}/change/"
    else:
        obj = draft_article.sections.first()
        url = f"/admin/articles/section/{obj.pk}/change/"
    return url, form_id, obj, first, second


@pytest.mark.parametrize("shared", list(EDITED), indirect=True)
def test_second_save_of_one_version_is_refused_keeping_what_was_typed(two_admins, shared):
    ann, ben = two_admins
    url, form_id, obj, first, second = shared
    ann_form, ben_form = open_form(ann, url, form_id), open_form(ben, url, form_id)
    ann_form[first] = "Ann's version of this."
    assert ann.post(url, ann_form).status_code == HTTPStatus.FOUND

    ben_form[second] = "Ben typed this carefully."
    response = ben.post(url, ben_form)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "after you opened it, so your changes were not saved" in html
    assert "Ben typed this carefully." in html
    label = str(type(obj)._meta.get_field(first).verbose_name)
    assert f"differs from yours in: {label}" in html.lower() or label in html.lower()
    obj.refresh_from_db()
    assert getattr(obj, first) == "Ann's version of this."
    assert getattr(obj, second) != "Ben typed this carefully."


@pytest.mark.parametrize("shared", list(EDITED), indirect=True)
def test_saving_again_after_the_warning_is_a_deliberate_replace(two_admins, shared):
    ann, ben = two_admins
    url, form_id, obj, first, second = shared
    ann_form, ben_form = open_form(ann, url, form_id), open_form(ben, url, form_id)
    ann_form[first] = "Ann's version of this."
    ann.post(url, ann_form)
    ben_form[second] = "Ben typed this carefully."
    refused = ben.post(url, ben_form)

    assert ben.post(url, form_data(refused, form_id)).status_code == HTTPStatus.FOUND
    obj.refresh_from_db()
    assert getattr(obj, second) == "Ben typed this carefully."


@pytest.mark.parametrize("shared", list(EDITED), indirect=True)
def test_saves_one_after_the_other_are_not_refused(two_admins, shared):
    ann, _ = two_admins
    url, form_id, obj, first, second = shared
    form = open_form(ann, url, form_id)
    form[first] = "First change."
    assert ann.post(url, form).status_code == HTTPStatus.FOUND
    form = open_form(ann, url, form_id)
    form[second] = "Second change."
    assert ann.post(url, form).status_code == HTTPStatus.FOUND
    obj.refresh_from_db()
    assert (getattr(obj, first), getattr(obj, second)) == ("First change.", "Second change.")


def test_older_article_form_does_not_put_back_a_section_edited_on_its_own_page(
    two_admins, draft_article
):
    ann, ben = two_admins
    article_url = f"/admin/articles/article/{draft_article.pk}/change/"
    section = draft_article.sections.first()
    section_url = f"/admin/articles/section/{section.pk}/change/"
    article_form = open_form(ann, article_url, "article_form")

    section_form = open_form(ben, section_url, "section_form")
    section_form["body"] = "Ben rewrote this section on its own page."
    assert ben.post(section_url, section_form).status_code == HTTPStatus.FOUND

    article_form["title"] = "Ann's new title"
    response = ann.post(article_url, article_form)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "after you opened it, so your changes were not saved" in html
    # The section is among the differences, to keep Ann's or take Ben's.
    assert f'name="conflict-section-{section.pk}" value="theirs"' in html
    section.refresh_from_db()
    draft_article.refresh_from_db()
    assert section.body == "Ben rewrote this section on its own page."
    assert draft_article.title != "Ann's new title"


def test_section_page_refuses_a_save_over_the_article_forms_newer_save(two_admins, draft_article):
    ann, ben = two_admins
    article_url = f"/admin/articles/article/{draft_article.pk}/change/"
    section = draft_article.sections.first()
    section_url = f"/admin/articles/section/{section.pk}/change/"
    section_form = open_form(ben, section_url, "section_form")

    article_form = open_form(ann, article_url, "article_form")
    article_form["sections-0-body"] = "Ann's text, saved in the article's form."
    assert ann.post(article_url, article_form).status_code == HTTPStatus.FOUND

    section_form["takeaway"] = "Ben's take-away."
    response = ben.post(section_url, section_form)
    assert response.status_code == HTTPStatus.OK
    assert "Ben&#x27;s take-away." in response.content.decode()
    section.refresh_from_db()
    assert section.body == "Ann's text, saved in the article's form."
    assert section.takeaway != "Ben's take-away."


# Unique values taken at the same moment (simulated on any database; a real race below).


def skip_uniqueness_checks(monkeypatch, times):
    """Make the forms' uniqueness checks pass `times` times, as when the other save had not
    committed yet when they ran; the database's constraint still holds."""
    calls = {"skipped": 0}
    original_validate = BaseModelForm.validate_unique

    def validate_unique(form):
        if calls["skipped"] < times:
            calls["skipped"] += 1
            return
        original_validate(form)

    monkeypatch.setattr(BaseModelForm, "validate_unique", validate_unique)
    return calls


def add_term(client, slug="melatonin", name="Melatonin"):
    url = "/admin/glossary/term/add/"
    data = form_data(client.get(url), "term_form")
    data.update({"name": name, "slug": slug, "short_definition": "A hormone of the night."})
    return client.post(url, data)


def test_unique_value_taken_meanwhile_gives_the_forms_own_message(
    staff_client, term_factory, monkeypatch
):
    term_factory(name="Melatonin hormone", slug="melatonin")
    calls = skip_uniqueness_checks(monkeypatch, times=1)

    response = add_term(staff_client)

    html = response.content.decode()
    assert calls["skipped"] == 1  # the first attempt wrote, and the database refused it
    assert response.status_code == HTTPStatus.OK
    assert "Another term already has this address." in html
    assert 'value="melatonin"' in html
    assert Term.objects.count() == 1


ADD_FORMS = {
    "term": (
        "/admin/glossary/term/add/",
        "term_form",
        {"name": "Melatonin (hormone)", "slug": "melatonin", "short_definition": "A hormone."},
    ),
    "reference": (
        "/admin/articles/reference/add/",
        "reference_form",
        {"key": "taken-2020", "title": "A title", "authors": "Doe, J.", "year": "2020"},
    ),
    "tag": ("/admin/taggit/tag/add/", "tag_form", {"name": "Sleep", "slug": "sleep"}),
    "redirect": (
        "/admin/redirects/redirect/add/",
        "redirect_form",
        {"site": "1", "old_path": "/old/", "new_path": "/articles/"},
    ),
}


@pytest.fixture
def taken(request, term_factory, reference_factory):
    """A saved object holding the unique value the add form will type."""
    kind = request.param
    if kind == "term":
        term_factory(name="Melatonin", slug="melatonin")
    elif kind == "reference":
        reference_factory(key="taken-2020")
    elif kind == "tag":
        Tag.objects.create(name="Sleep", slug="sleep")
    else:
        Redirect.objects.create(site=Site.objects.get_current(), old_path="/old/", new_path="/x/")
    return kind


@pytest.mark.parametrize("taken", list(ADD_FORMS), indirect=True)
def test_unique_value_the_form_cannot_see_is_refused_in_words(staff_client, taken, monkeypatch):
    url, form_id, typed = ADD_FORMS[taken]
    before = {model: model.objects.count() for model in (Term, Reference, Tag, Redirect)}
    # The forms' own checks never see the other object: only the database does.
    skip_uniqueness_checks(monkeypatch, times=10)
    monkeypatch.setattr(
        "articles.admin.tag.TagForm.clean_name", lambda form: form.cleaned_data["name"]
    )
    data = form_data(staff_client.get(url), form_id)
    data.update(typed)

    response = staff_client.post(url, data)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "at the same moment, so this was not saved" in html
    assert "Everything you typed is still below" in html
    assert {model: model.objects.count() for model in before} == before


def test_article_address_taken_meanwhile_gives_the_forms_message(
    staff_client, article_factory, monkeypatch
):
    article_factory(slug="sleep-and-hormones")
    url = "/admin/articles/article/add/"
    data = form_data(staff_client.get(url), "article_form")
    data.update(
        {
            "title": "Sleep and hormones",
            "slug": "sleep-and-hormones",
            "summary": "How sleep and hormones relate.",
        }
    )
    calls = {"n": 0}
    original_clean_slug = ArticleAdminForm.clean_slug

    def clean_slug_once_blind(form):
        calls["n"] += 1
        if calls["n"] == 1:
            return form.cleaned_data["slug"]
        return original_clean_slug(form)

    monkeypatch.setattr(ArticleAdminForm, "clean_slug", clean_slug_once_blind)
    response = staff_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert "Another article already has this address." in response.content.decode()
    assert calls["n"] == 2
    assert Article.objects.filter(slug="sleep-and-hormones").count() == 1


# A real race on PostgreSQL: two connections, both past the forms' checks before either writes.


def race(clients, post):
    """Run post(client) in one thread per client, at once; their responses."""
    responses = [None] * len(clients)

    def run(index, client):
        try:
            responses[index] = post(client)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, client)) for index, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a save hung"
    return responses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_creates_of_one_term_give_one_term_and_one_message(
    django_user_model, monkeypatch
):
    clients = []
    for username in ("ann", "ben"):
        user = django_user_model.objects.create_superuser(username, f"{username}@x.org", "pw")
        client = Client()
        client.force_login(user)
        clients.append(client)
    forms = [form_data(client.get("/admin/glossary/term/add/"), "term_form") for client in clients]
    both_checked = threading.Barrier(2, timeout=20)
    waited = set()
    original = TermForm._post_clean

    def post_clean_then_wait(form):
        original(form)  # the uniqueness check: nothing is saved yet, so both pass
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            both_checked.wait()

    monkeypatch.setattr(TermForm, "_post_clean", post_clean_then_wait)

    def post(client):
        data = dict(forms[clients.index(client)])
        data.update({"name": "Melatonin", "slug": "melatonin", "short_definition": "A hormone."})
        return client.post("/admin/glossary/term/add/", data)

    responses = race(clients, post)

    assert sorted(response.status_code for response in responses) == [
        HTTPStatus.OK,
        HTTPStatus.FOUND,
    ]
    [refused] = [response for response in responses if response.status_code == HTTPStatus.OK]
    html = refused.content.decode()
    assert "This term is already in the glossary." in html or "already has this address" in html
    assert Term.objects.filter(slug="melatonin").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_section_cannot_both_pass(django_user_model, monkeypatch):
    article = Article.objects.create(title="Draft", slug="draft", summary="S.")
    section = Section.objects.create(
        article=article, position=0, heading="Why?", anchor="why", body="Old text."
    )
    clients = []
    for username in ("ann", "ben"):
        user = django_user_model.objects.create_superuser(username, f"{username}@x.org", "pw")
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = f"/admin/articles/section/{section.pk}/change/"
    forms = [form_data(client.get(url), "section_form") for client in clients]
    started = threading.Barrier(2, timeout=20)
    original = SectionPageForm.refuse_stale_save

    def wait_then_check(form):
        started.wait()  # both forms are validating at once; the row lock orders them
        original(form)

    monkeypatch.setattr(SectionPageForm, "refuse_stale_save", wait_then_check)

    def post(client):
        data = dict(forms[clients.index(client)])
        data["body"] = f"Text by {clients.index(client)}."
        return client.post(url, data)

    responses = race(clients, post)

    assert sorted(response.status_code for response in responses) == [
        HTTPStatus.OK,
        HTTPStatus.FOUND,
    ]
    section.refresh_from_db()
    [saved] = [index for index, response in enumerate(responses) if response.status_code == 302]
    assert section.body == f"Text by {saved}."
