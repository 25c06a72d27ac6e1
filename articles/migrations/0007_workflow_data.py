from django.db import migrations
from django.db.models import F
from django.db.models.functions import Coalesce

from articles.roles import create_editorial_groups


def create_groups(apps, schema_editor):
    create_editorial_groups(apps, using=schema_editor.connection.alias)


def date_published_articles(apps, schema_editor):
    """Articles published before the workflow existed: first published when they were
    scheduled or created."""
    Article = apps.get_model("articles", "Article")
    Article.objects.using(schema_editor.connection.alias).filter(
        status="published", draft_of__isnull=True
    ).update(
        first_published_at=Coalesce(F("publish_at"), F("created_at"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_workflow"),
        ("site_config", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
        migrations.RunPython(date_published_articles, migrations.RunPython.noop),
    ]
