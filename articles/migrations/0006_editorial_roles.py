from django.db import migrations

from articles.roles import create_editorial_groups


def create_groups(apps, schema_editor):
    create_editorial_groups(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_publish_permission"),
        ("glossary", "0001_initial"),
        ("site_config", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
