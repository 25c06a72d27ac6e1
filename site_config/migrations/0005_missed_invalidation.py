from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("site_config", "0004_reading_targets"),
    ]

    operations = [
        migrations.CreateModel(
            name="MissedInvalidation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="The generation, e.g. public-pages.", max_length=200),
                ),
                ("missed_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"ordering": ["pk"]},
        ),
    ]
