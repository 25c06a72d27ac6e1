"""PostgreSQL only: trigram indexes for finding the articles that mention a glossary term's
names (articles.term_usage.article_ids_mentioning, a case-insensitive substring search), so a
term edit's admin save stays fast with thousands of sections. Elsewhere (SQLite) a no-op; where
the pg_trgm extension cannot be created, the search simply scans, as before."""

from django.db import migrations, transaction

INDEXES = [
    ("articles_section_body_trgm", "articles_section", "body"),
    ("articles_section_takeaway_trgm", "articles_section", "takeaway"),
    ("articles_figure_caption_trgm", "articles_figure", "caption"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to add extensions here: keep scanning
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_figure_renditions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
