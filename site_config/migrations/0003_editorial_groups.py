from django.db import migrations

# The editorial groups now come with the articles app (articles/roles.py, created by
# articles 0005_editorial_roles); this migration stays so the history is unchanged.


class Migration(migrations.Migration):
    dependencies = [
        ("site_config", "0002_redirect"),
        ("articles", "0002_initial"),
        ("glossary", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
