"""The editorial groups may now view background jobs (articles/roles.py): the groups are
brought up to date with the roles' permission lists."""

from django.db import migrations

from articles.roles import create_editorial_groups


def update_groups(apps, schema_editor):
    create_editorial_groups(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_section_text_trigram"),
        ("site_config", "0007_job"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(update_groups, migrations.RunPython.noop),
    ]
