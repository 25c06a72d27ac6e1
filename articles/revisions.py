"""Revisions of articles (django-reversion), what an article says at one of them, and a
readable diff between two.

An article is versioned as one unit with its sections, their figures and its reference list:
every admin save stores all of them in one revision. The glossary terms an article uses are
derived data (the linker keeps them), so they are not versioned; nor is the publishing and
review bookkeeping (status, times, review state): a revision is what the article *says*.
Restoring one puts that text into the article's draft (articles.workflow.restore_version),
never straight in front of readers.
"""

import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.db.models import Prefetch
from django.utils import dateformat

from .models import Article, ArticleReference, Figure, Reference, Section

reversion.register(
    Article,
    follow=["sections", "article_references"],
    exclude=[
        "terms", "status", "publish_at", "unpublish_at", "draft_of", "workflow_state",
        "first_published_at", "change_notes", "edited_at", "created_by", "draft_authors",
    ],
)  # fmt: skip
reversion.register(Section, follow=["figures"])
reversion.register(Figure, exclude=["renditions"])  # derived files, made again on save
reversion.register(ArticleReference)

ARTICLE_FIELDS = ["title", "slug", "summary", "authors", "disclaimer_note"]
SECTION_FIELDS = ["position", "level", "heading", "anchor", "body", "takeaway"]
FIGURE_FIELDS = ["position", "image", "width", "height", "alt_text", "caption", "credit"]


@dataclass
class ArticleContent:
    """What an article says: its fields, sections (each with its figures) and reference
    list, as plain values, from a revision or from the rows as they are now."""

    fields: dict
    reviewed: tuple = ("", None)  # (reviewed by, reviewed on)
    sections: list = field(default_factory=list)  # dicts, with "figures": [dicts]
    reference_ids: list = field(default_factory=list)

    @classmethod
    def of_version(cls, version):
        data = version.field_dict
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
        figures = sorted(parts[Figure], key=lambda figure: (figure["position"], figure["id"]))
        for section in sections:
            section["figures"] = [
                {**figure, "image": str(figure["image"] or "")}
                for figure in figures
                if figure["section_id"] == section["id"]
            ]
        cited = sorted(
            (item for item in parts[ArticleReference] if item["article_id"] == article_id),
            key=lambda item: (item["position"], item["id"]),
        )
        return cls(
            fields={name: data.get(name, "") for name in ARTICLE_FIELDS},
            reviewed=(data.get("reviewed_by", ""), data.get("reviewed_at")),
            sections=sections,
            reference_ids=[item["reference_id"] for item in cited],
        )

    @classmethod
    def of_article(cls, article):
        sections = article.sections.prefetch_related(
            Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
        ).order_by("position", "id")
        return cls(
            fields={name: getattr(article, name) for name in ARTICLE_FIELDS},
            reviewed=(article.reviewed_by, article.reviewed_at),
            sections=[
                {
                    **{name: getattr(section, name) for name in SECTION_FIELDS},
                    "figures": [
                        {name: getattr(figure, name) for name in FIGURE_FIELDS}
                        | {"image": figure.image.name}
                        for figure in section.figures.all()
                    ],
                }
                for section in sections
            ],
            reference_ids=list(
                article.article_references.order_by("position", "id").values_list(
                    "reference_id", flat=True
                )
            ),
        )

    def apply_to(self, article):
        """Make `article` (a draft) say this. Sections and figures are new rows; figures
        keep their stored image files."""
        for name, value in self.fields.items():
            setattr(article, name, value)
        article.save()
        article.sections.all().delete()
        article.article_references.all().delete()
        for values in self.sections:
            section = Section.objects.create(
                article=article, **{name: values[name] for name in SECTION_FIELDS}
            )
            for figure in values["figures"]:
                Figure.objects.create(
                    section=section,
                    **{name: figure.get(name) for name in FIGURE_FIELDS if name in figure},
                )
        existing = set(
            Reference.objects.filter(pk__in=self.reference_ids).values_list("pk", flat=True)
        )
        ArticleReference.objects.bulk_create(
            ArticleReference(article=article, reference_id=pk, position=position)
            for position, pk in enumerate(self.reference_ids)
            if pk in existing
        )

    def lines(self):
        """The article as readers and editors think of it, as lines of text for a diff."""
        fields = self.fields
        reviewed_by, reviewed_at = self.reviewed
        reviewed = reviewed_by or "—"
        if reviewed_at:
            reviewed += " on " + dateformat.format(reviewed_at, "j F Y")
        lines = [
            f"Title: {fields['title']}",
            f"Address: {fields['slug']}",
            f"Summary: {fields['summary']}",
            f"Authors: {fields['authors']}",
            f"Medically reviewed by: {reviewed}",
        ]
        if fields["disclaimer_note"]:
            lines += ["Notice:", *fields["disclaimer_note"].splitlines()]
        levels = dict(Section.Level.choices)
        for section in self.sections:
            lines += [
                "",
                f"## {section['heading']} ({levels.get(section['level'], section['level'])}, "
                f"#{section['anchor']})",
                *section["body"].splitlines(),
            ]
            if section["takeaway"]:
                lines.append(f"Take-away: {section['takeaway']}")
            for figure in section["figures"]:
                lines.append(f"Figure: {figure['alt_text']}")
                if figure["caption"]:
                    lines.append(f"Caption: {figure['caption']}")
        if self.reference_ids:
            keys = Reference.objects.in_bulk(self.reference_ids)
            lines += ["", "## References"]
            lines += [
                keys[pk].key if pk in keys else f"(deleted reference {pk})"
                for pk in self.reference_ids
            ]
        return lines


def version_content(version):
    return ArticleContent.of_version(version)


def article_text_lines(version):
    """The article at one version, as lines of text."""
    return ArticleContent.of_version(version).lines()


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
