"""Backups: `backup_db` and `restore_db` on a SQLite site of its own (run as subprocesses, so
these tests mean the same whatever database the rest of the suite uses)."""

import json
import sqlite3

import pytest

from tests.servers import manage, site_env

ADD_A_REVISION = """
import reversion
from articles.models import Article
article = Article.objects.order_by("pk").first()
with reversion.create_revision():
    article.title = article.title + " (revised)"
    article.save()
    reversion.set_comment("Revised for the backup test")
"""

DUMP_CONTENT = """
import json
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem
from articles.models import Article, ArticleReference, Figure, Reference, Section
from glossary.models import Term

def rows(queryset, *fields):
    return sorted(list(row) for row in queryset.values_list(*fields))

print(json.dumps({
    "articles": rows(Article.objects, "slug", "title", "status"),
    "sections": rows(Section.objects, "article__slug", "anchor", "body"),
    "figures": rows(Figure.objects, "section__anchor", "image", "alt_text"),
    "references": rows(Reference.objects, "key", "title"),
    "article references": rows(ArticleReference.objects, "article__slug", "reference__key"),
    "terms": rows(Term.objects, "slug", "short_definition"),
    "tags": rows(Tag.objects, "slug"),
    "tagged items": rows(TaggedItem.objects, "tag__slug", "content_type__model", "object_id"),
    "revisions": rows(Revision.objects, "comment"),
    "versions": rows(Version.objects, "object_id", "serialized_data"),
}, default=str))
"""


def site(tmp_path, name):
    return site_env(
        DATABASE_URL=f"sqlite:///{tmp_path / name}",
        MEDIA_ROOT=tmp_path / "media",
    )


def content_of(env):
    return json.loads(manage("shell", "--verbosity", "0", "-c", DUMP_CONTENT, env=env))


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="module")
def live_site(site_dir):
    """The demo site with one revision; tests here may read it but leave it as it is."""
    env = site(site_dir, "site.sqlite3")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", env=env)
    manage("shell", "-c", ADD_A_REVISION, env=env)
    return env


def test_restored_backup_has_every_article_section_term_reference_tag_and_revision(
    live_site, tmp_path
):
    backup = tmp_path / "backups" / "site-backup.sqlite3"
    manage("backup_db", str(backup), env=live_site)
    fresh = site(tmp_path, "fresh.sqlite3")
    manage("restore_db", str(backup), "--noinput", env=fresh)

    original, restored = content_of(live_site), content_of(fresh)
    for kind in ("articles", "sections", "terms", "references", "tags", "revisions"):
        assert original[kind], f"the demo site has no {kind} to back up"
    assert restored == original
    assert ["Revised for the backup test"] in restored["revisions"]


def test_backup_is_consistent_while_another_connection_is_writing(live_site, site_dir, tmp_path):
    database = site_dir / "site.sqlite3"
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles_article SET title = 'Half-way through a save'")
    backup = tmp_path / "backup.sqlite3"
    try:
        manage("backup_db", str(backup), env=live_site, timeout=60)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [row[0] for row in copy.execute("SELECT title FROM articles_article")]
    assert titles
    assert "Half-way through a save" not in titles


def test_backup_does_not_overwrite_a_file_without_force(live_site, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    backup.write_text("an older backup")
    result = manage("backup_db", str(backup), env=live_site, check=False)
    assert result.returncode != 0
    assert "already exists. Use --force" in result.stderr
    assert backup.read_text() == "an older backup"


def test_restore_refuses_a_file_that_is_not_a_backup(live_site, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("shopping list")
    before = content_of(live_site)
    result = manage("restore_db", str(not_a_backup), "--noinput", env=live_site, check=False)
    assert result.returncode != 0
    assert "cannot be restored: it is not a SQLite database" in result.stderr
    assert content_of(live_site) == before


@pytest.mark.parametrize(
    ("command", "tool"), [(["backup_db"], "pg_dump"), (["restore_db", "--noinput"], "pg_restore")]
)
def test_commands_point_postgresql_users_to_the_readme(tmp_path, command, tool):
    env = site_env(DATABASE_URL="postgres://postgres@127.0.0.1:6391/healthlib")
    result = manage(*command, str(tmp_path / "backup.sqlite3"), env=env, check=False)
    assert result.returncode != 0
    assert tool in result.stderr
    assert "README.md" in result.stderr
