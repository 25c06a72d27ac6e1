"""Staff who may change users cannot make anyone a superuser or give what they do not hold."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission

from tests.admin_forms import form_data


def permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def user_manager(django_user_model):
    """Staff in a group "Editors", who may also view and change users."""
    manager = django_user_model.objects.create_user("manager", password="pw", is_staff=True)
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(permission("change_article"))
    manager.groups.add(editors)
    manager.user_permissions.add(
        permission("view_user"), permission("change_user"), permission("change_group")
    )
    return manager


@pytest.fixture
def manager_client(client, user_manager):
    client.force_login(user_manager)
    return client


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user("colleague", password="pw", is_staff=True)


def change_user(client, user, **changes):
    url = f"/admin/auth/user/{user.pk}/change/"
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    data = form_data(page, form_id="user_form")
    for name, value in changes.items():
        data[name] = value
    return page, client.post(url, data)


def test_user_manager_does_not_see_superuser_status(manager_client, user_manager):
    page = manager_client.get(f"/admin/auth/user/{user_manager.pk}/change/")
    assert page.status_code == HTTPStatus.OK
    assert b'name="is_superuser"' not in page.content


def test_superuser_still_sees_superuser_status(admin_client, colleague):
    page = admin_client.get(f"/admin/auth/user/{colleague.pk}/change/")
    assert b'name="is_superuser"' in page.content


@pytest.mark.parametrize("who", ["self", "colleague"])
def test_user_manager_cannot_make_a_superuser(manager_client, user_manager, colleague, who):
    target = user_manager if who == "self" else colleague
    _, response = change_user(manager_client, target, is_superuser="on")
    assert response.status_code == HTTPStatus.FOUND
    target.refresh_from_db()
    assert not target.is_superuser


def test_user_manager_is_offered_only_groups_and_permissions_they_hold(manager_client, colleague):
    Group.objects.create(name="Publishers")
    page = manager_client.get(f"/admin/auth/user/{colleague.pk}/change/")
    form = page.context["adminform"].form
    assert [group.name for group in form.fields["groups"].queryset] == ["Editors"]
    assert set(form.fields["user_permissions"].queryset.values_list("codename", flat=True)) == {
        "change_article",
        "view_user",
        "change_user",
        "change_group",
    }


def test_user_manager_cannot_give_a_group_they_are_not_in(manager_client, colleague):
    publishers = Group.objects.create(name="Publishers")
    _, response = change_user(manager_client, colleague, groups=[str(publishers.pk)])
    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert "Select a valid choice" in response.content.decode()
    assert not colleague.groups.exists()


def test_user_manager_cannot_give_a_permission_they_lack(manager_client, colleague):
    publish = permission("delete_article")
    _, response = change_user(manager_client, colleague, user_permissions=[str(publish.pk)])
    assert response.status_code == HTTPStatus.OK
    assert not colleague.user_permissions.exists()


def test_user_manager_can_give_what_they_hold(manager_client, colleague):
    editors = Group.objects.get(name="Editors")
    _, response = change_user(manager_client, colleague, groups=[str(editors.pk)])
    assert response.status_code == HTTPStatus.FOUND
    assert list(colleague.groups.all()) == [editors]


def test_groups_beyond_the_managers_reach_are_kept_on_save(manager_client, colleague):
    publishers = Group.objects.create(name="Publishers")
    colleague.groups.add(publishers)
    colleague.user_permissions.add(permission("delete_article"))
    _, response = change_user(manager_client, colleague, first_name="Col")
    assert response.status_code == HTTPStatus.FOUND
    colleague.refresh_from_db()
    assert colleague.first_name == "Col"
    assert list(colleague.groups.all()) == [publishers]
    assert list(colleague.user_permissions.values_list("codename", flat=True)) == ["delete_article"]


def test_user_manager_cannot_change_a_superuser(manager_client, admin_user):
    response = manager_client.post(
        f"/admin/auth/user/{admin_user.pk}/password/",
        {"password1": "taken-over-1234", "password2": "taken-over-1234"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    page = manager_client.get(f"/admin/auth/user/{admin_user.pk}/change/")
    assert b'name="username"' not in page.content  # read-only view at most


def test_group_manager_cannot_add_permissions_they_lack_to_their_group(manager_client):
    editors = Group.objects.get(name="Editors")
    url = f"/admin/auth/group/{editors.pk}/change/"
    data = form_data(manager_client.get(url), form_id="group_form")
    data["permissions"] = [str(permission("delete_user").pk)]
    response = manager_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "Select a valid choice" in response.content.decode()
    assert list(editors.permissions.values_list("codename", flat=True)) == ["change_article"]
