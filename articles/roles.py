"""The editorial roles: who may write, who may approve, who may publish.

Editors write: they create and change articles, sections, figures, glossary terms and
references, save drafts and submit them for review. Medical reviewers read everything and
approve a draft or ask for changes (the `review_article` permission), never on a draft they
changed themselves. Publishers do everything editors do and also decide what goes public:
publish, unpublish, schedule and discard (the `publish_article` permission), and delete
content. Both permissions are declared on Article (Meta.permissions) and checked with
`user.has_perm` in articles/workflow.py, which every path goes through: the article form, the
bulk actions, the review and publish pages, restoring revisions. Superusers have every
permission anyway (but cannot approve their own draft either).

All three roles may view background jobs (`site_config.view_job`), so the admin's "follow its
progress" links work for them; running a failed job again is for publishers and superusers
(site_config/admin.py).

`create_editorial_groups` runs in a data migration with the historical models, and again
from the tests, so it must be idempotent and use only the `apps` it is given.
"""

EDITOR = "Editor"
REVIEWER = "Medical reviewer"
PUBLISHER = "Publisher"

# Declared in Article.Meta.permissions; checked in articles/workflow.py.
PUBLISH_PERMISSION = "articles.publish_article"
REVIEW_PERMISSION = "articles.review_article"
# Background jobs' progress and errors (site_config.Job), read-only.
JOB_VIEW_PERMISSION = "site_config.view_job"

EDITOR_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_section",
    "articles.change_section",
    "articles.delete_section",
    "articles.view_section",
    "articles.add_figure",
    "articles.change_figure",
    "articles.delete_figure",
    "articles.view_figure",
    "articles.add_articlereference",
    "articles.change_articlereference",
    "articles.delete_articlereference",
    "articles.view_articlereference",
    "articles.add_reference",
    "articles.change_reference",
    "articles.view_reference",
    "glossary.add_term",
    "glossary.change_term",
    "glossary.view_term",
    JOB_VIEW_PERMISSION,
]

# Reviewers read everything an article is made of and decide on it; they change no text.
REVIEWER_PERMISSIONS = [
    "articles.view_article",
    "articles.view_section",
    "articles.view_figure",
    "articles.view_articlereference",
    "articles.view_reference",
    "glossary.view_term",
    "articles.view_reviewerprofile",
    REVIEW_PERMISSION,
    JOB_VIEW_PERMISSION,
]

PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    PUBLISH_PERMISSION,
    "articles.delete_article",
    "articles.delete_reference",
    "glossary.delete_term",
    "articles.add_reviewerprofile",
    "articles.change_reviewerprofile",
    "articles.view_reviewerprofile",
    # A tag's display spelling and merging tags; its address stays with administrators.
    "taggit.view_tag",
    "taggit.change_tag",
]

GROUPS = {
    EDITOR: EDITOR_PERMISSIONS,
    REVIEWER: REVIEWER_PERMISSIONS,
    PUBLISHER: PUBLISHER_PERMISSIONS,
}


def create_editorial_groups(apps, using="default"):
    """Create (or bring up to date) the Editor, Medical reviewer and Publisher groups."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # On a fresh database the model permissions (and those in Meta.permissions) are only
    # created after all migrations (post_migrate); create them now so the groups get them.
    for label in ("articles", "glossary", "taggit", "site_config"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps, using=using)

    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    for group_name, permission_names in GROUPS.items():
        group, _ = Group.objects.db_manager(using).get_or_create(name=group_name)
        permissions = []
        for name in permission_names:
            app_label, codename = name.split(".")
            if not _model_exists(apps, app_label, codename):
                continue  # an earlier migration: a later one runs this again with the model
            permissions.append(
                Permission.objects.db_manager(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(permissions)


def _model_exists(apps, app_label, codename):
    """False for a model permission (view_job) whose model the historical `apps` lack yet."""
    action, _, model_name = codename.partition("_")
    if action not in ("add", "change", "delete", "view"):
        return True
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True
