import re

from django.db import migrations

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def give_every_tag_an_address(apps, schema_editor):
    # A tag named with no letters or digits (an emoji, punctuation) was stored with an empty
    # slug, which took down every page that links to it. Such tags get "tag-<id>".
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all().only("pk", "slug"):
        if not SLUG.match(tag.slug):
            Tag.objects.filter(pk=tag.pk).update(slug=f"tag-{tag.pk}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_search_excerpt"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(give_every_tag_an_address, migrations.RunPython.noop),
    ]
