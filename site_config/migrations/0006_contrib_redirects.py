"""Move the site's own redirects into django.contrib.redirects, then drop the old table.

contrib.redirects needs contrib.sites. The site (SITE_ID) is created here, named after the
first ALLOWED_HOSTS entry, so the feeds and the sitemap (which put the site's domain in their
links) start with this deployment's host rather than contrib.sites' "example.com". Editors
change it in the admin under *Sites*.
"""

from django.conf import settings
from django.db import migrations


def first_allowed_host():
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "example.com"


def move_to_contrib_redirects(apps, schema_editor):
    OldRedirect = apps.get_model("site_config", "Redirect")
    Redirect = apps.get_model("redirects", "Redirect")
    Site = apps.get_model("sites", "Site")
    # contrib.sites would create "example.com" after migrating; the redirects need a site now.
    domain = first_allowed_host()
    site, created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": domain}
    )
    if not created and site.domain == "example.com":
        site.domain = site.name = domain
        site.save()
    rows = OldRedirect.objects.values_list("old_path", "new_path")
    for old_path, new_path in rows:
        Redirect.objects.update_or_create(
            site=site, old_path=old_path, defaults={"new_path": new_path}
        )


def move_back(apps, schema_editor):
    OldRedirect = apps.get_model("site_config", "Redirect")
    Redirect = apps.get_model("redirects", "Redirect")
    for old_path, new_path in Redirect.objects.filter(site_id=settings.SITE_ID).values_list(
        "old_path", "new_path"
    ):
        OldRedirect.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path})


class Migration(migrations.Migration):
    dependencies = [
        ("site_config", "0005_missed_invalidation"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(move_to_contrib_redirects, move_back),
        migrations.DeleteModel(name="Redirect"),
    ]
