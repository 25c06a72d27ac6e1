"""Revisions of articles (django-reversion) and a readable diff between two of them.

An article is versioned as one unit with its sections, their figures and its reference list:
every admin save stores all of them in one revision, so restoring a revision brings back
sections deleted since. The glossary terms an article uses are derived data (the linker keeps
them), so they are not versioned. Nor is the publishing state (status, publish time):
restoring a revision restores what the article says, never whether readers see it, and a
recovered deleted article comes back as a draft.
"""

import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.utils import dateformat

from .models import Article, ArticleReference, Figure, Reference, Section

reversion.register(
    Article,
    follow=["sections", "article_references"],
    exclude=["terms", "status", "publish_at"],
)
reversion.register(Section, follow=["figures"])
reversion.register(Figure)
reversion.register(ArticleReference)


def article_text_lines(version):
    """The article as readers and editors think of it, at one version, as lines of text."""
    article = version.field_dict
    article_id = int(version.object_id)
    parts = {Section: [], Figure: [], ArticleReference: []}
    for item in version.revision.version_set.select_related("content_type"):
        model = item.content_type.model_class()
        if model in parts:
            parts[model].append(item.field_dict)
    sections = sorted(
        (section for section in parts[Section] if section["article_id"] == article_id),
        key=lambda section: (section["position"], section["id"]),
    )
    section_ids = {section["id"] for section in sections}
    figures = sorted(
        (figure for figure in parts[Figure] if figure["section_id"] in section_ids),
        key=lambda figure: (figure["position"], figure["id"]),
    )
    cited = sorted(
        (item for item in parts[ArticleReference] if item["article_id"] == article_id),
        key=lambda item: (item["position"], item["id"]),
    )

    reviewed = article["reviewed_by"] or "—"
    if article["reviewed_at"]:
        reviewed += " on " + dateformat.format(article["reviewed_at"], "j F Y")
    lines = [
        f"Title: {article['title']}",
        f"Address: {article['slug']}",
        f"Summary: {article['summary']}",
        f"Authors: {article['authors']}",
        f"Medically reviewed by: {reviewed}",
    ]
    if article["disclaimer_note"]:
        lines += ["Notice:", *article["disclaimer_note"].splitlines()]

    levels = dict(Section.Level.choices)
    for section in sections:
        lines += [
            "",
            f"## {section['heading']} ({levels.get(section['level'], section['level'])}, "
            f"#{section['anchor']})",
            *section["body"].splitlines(),
        ]
        if section["takeaway"]:
            lines.append(f"Take-away: {section['takeaway']}")
        for figure in figures:
            if figure["section_id"] == section["id"]:
                lines.append(f"Figure: {figure['alt_text']}")
                if figure["caption"]:
                    lines.append(f"Caption: {figure['caption']}")

    if cited:
        keys = Reference.objects.in_bulk([item["reference_id"] for item in cited])
        lines += ["", "## References"]
        lines += [
            keys[item["reference_id"]].key
            if item["reference_id"] in keys
            else f"(deleted reference {item['reference_id']})"
            for item in cited
        ]
    return lines


@dataclass
class DiffRow:
    kind: str  # "equal", "delete" or "insert"
    segments: list = field(default_factory=list)  # (kind, text): "equal", "delete", "insert"

    @property
    def sign(self):
        return {"equal": " ", "delete": "−", "insert": "+"}[self.kind]


_WORDS = re.compile(r"(\s+)")


def _word_diff(old, new):
    old_words, new_words = _WORDS.split(old), _WORDS.split(new)
    removed, added = DiffRow("delete"), DiffRow("insert")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            removed.segments.append(("equal", "".join(old_words[i1:i2])))
            added.segments.append(("equal", "".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            removed.segments.append(("delete", "".join(old_words[i1:i2])))
        if j2 > j1:
            added.segments.append(("insert", "".join(new_words[j1:j2])))
    return removed, added


def diff_lines(old_lines, new_lines, context=2):
    """Hunks of DiffRows; changed lines paired up show which words changed."""
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        rows = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffRow("equal", [("equal", line)]) for line in old_lines[i1:i2]]
                continue
            old_block, new_block = old_lines[i1:i2], new_lines[j1:j2]
            paired = min(len(old_block), len(new_block)) if tag == "replace" else 0
            removed_rows, added_rows = [], []
            for old, new in zip(old_block[:paired], new_block[:paired], strict=True):
                removed, added = _word_diff(old, new)
                removed_rows.append(removed)
                added_rows.append(added)
            removed_rows += [DiffRow("delete", [("delete", line)]) for line in old_block[paired:]]
            added_rows += [DiffRow("insert", [("insert", line)]) for line in new_block[paired:]]
            rows += removed_rows + added_rows
        hunks.append(rows)
    return hunks
