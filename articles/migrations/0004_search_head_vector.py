from django.db import migrations

# PostgreSQL only: a small vector of the title, keywords, description and headings (weights
# A and B, no body), stored in the row itself. Broad queries order their matches by it before
# reading the large search_vector of the best few (see articles.search.PostgresSearch).

POSTGRES_HEAD_VECTOR = (
    "setweight(to_tsvector('health_search', title), 'A')"
    " || setweight(to_tsvector('health_search', keywords), 'A')"
    " || setweight(to_tsvector('health_search', description), 'B')"
    " || setweight(to_tsvector('health_search', headings), 'B')"
)


def add_head_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_searchentry ADD COLUMN head_vector tsvector "
            f"GENERATED ALWAYS AS ({POSTGRES_HEAD_VECTOR}) STORED"
        )


def drop_head_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_searchentry DROP COLUMN head_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_search_index"),
    ]

    operations = [
        migrations.RunPython(add_head_vector, drop_head_vector),
    ]
