from django.db import migrations, models

# A bounded `excerpt` column next to the (also bounded) body: snippets are built from it, so
# their cost does not grow with one long document (articles.search, articles.search_index).
#
# SQLite: the FTS5 table gains the column. Adding a column to articles_searchentry rebuilds
# the table on SQLite, which drops the FTS triggers, so the FTS table and its triggers are
# dropped first and created again (with the new column) afterwards.
# PostgreSQL: snippets use ts_headline on the plain column; the vectors are unchanged.

# Characters: the body (matched and ranked) and the excerpt (snippets). Kept equal to
# articles.search_index.MAX_BODY_CHARS and EXCERPT_CHARS when the rows are cut here.
MAX_BODY_CHARS = 200_000
EXCERPT_CHARS = 10_000

SQLITE_COLUMNS = "title, keywords, description, headings, body, excerpt"
SQLITE_NEW = "new.title, new.keywords, new.description, new.headings, new.body, new.excerpt"
SQLITE_OLD = "old.title, old.keywords, old.description, old.headings, old.body, old.excerpt"
SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS articles_searchentry_fts USING fts5(
        {SQLITE_COLUMNS}, content='articles_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_searchentry_fts_insert
        AFTER INSERT ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(rowid, {SQLITE_COLUMNS})
        VALUES (new.id, {SQLITE_NEW});
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_searchentry_fts_delete
        AFTER DELETE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, {SQLITE_COLUMNS})
        VALUES ('delete', old.id, {SQLITE_OLD});
        END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_searchentry_fts_update
        AFTER UPDATE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(articles_searchentry_fts, rowid, {SQLITE_COLUMNS})
        VALUES ('delete', old.id, {SQLITE_OLD});
        INSERT INTO articles_searchentry_fts(rowid, {SQLITE_COLUMNS})
        VALUES (new.id, {SQLITE_NEW});
        END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS articles_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS articles_searchentry_fts_update",
    "DROP TABLE IF EXISTS articles_searchentry_fts",
]


def drop_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


def cut_rows_and_index(apps, schema_editor):
    # Rows written before the limits: cut them here (`rebuild_search_index` cuts them at
    # word boundaries).
    schema_editor.execute(
        f"UPDATE articles_searchentry SET body = substr(body, 1, {MAX_BODY_CHARS}), "
        f"excerpt = substr(body, 1, {EXCERPT_CHARS})"
    )
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(
            "INSERT INTO articles_searchentry_fts(articles_searchentry_fts) VALUES ('rebuild')"
        )


def restore_old_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from importlib import import_module

        old = import_module("articles.migrations.0003_search_index")
        for statement in old.SQLITE_CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(
            "INSERT INTO articles_searchentry_fts(articles_searchentry_fts) VALUES ('rebuild')"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_trust_checks"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_index, restore_old_sqlite_index),
        migrations.AddField(
            model_name="searchentry",
            name="excerpt",
            field=models.TextField(
                blank=True,
                default="",
                help_text="The start of the body, which snippets are built from: a bounded "
                "amount of text, so a search costs the same however long a document is.",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(cut_rows_and_index, drop_sqlite_index),
    ]
