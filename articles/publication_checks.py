"""What must be put right before a text goes public: called by workflow.publish, the one place
publishing happens, and shown on the article's form and the publish page beforehand.

- `[citation needed]` left in a section's text (outside code): an editor marked a claim that
  still has no source. It never reaches readers (articles/rendered_article.py hides it), so
  the sentence would go out unsourced.
- A cited work matched to a retraction, correction or expression of concern that no editor has
  acknowledged for this article (articles/retractions.py).
"""

import re

from .models import ArticleReference, RetractionAcknowledgement
from .section_checks import has_citation_needed


def citation_needed_sections(draft):
    return [
        section
        for section in draft.sections.all()
        if has_citation_needed(section.body) or has_citation_needed(section.takeaway)
    ]


def unacknowledged_retractions(draft):
    """(retraction, reference) pairs cited by this text that no editor acknowledged for the
    article readers know."""
    article = draft.published_article
    acknowledged = set(
        RetractionAcknowledgement.objects.filter(article=article).values_list(
            "retraction_id", flat=True
        )
    )
    items = ArticleReference.objects.filter(article=draft).select_related("reference")
    found = []
    for item in items.prefetch_related("reference__retractions"):
        for retraction in item.reference.retractions.all():
            if retraction.is_flagged and retraction.pk not in acknowledged:
                found.append((retraction, item.reference))
    return found


def sections_citing(draft, key):
    cite = re.compile(rf"@{re.escape(key)}(?![A-Za-z0-9_-])")
    return [
        section.heading
        for section in draft.sections.all()
        if cite.search(section.body) or cite.search(section.takeaway)
    ]


def publication_blockers(draft):
    """Why this text (an article, or the working copy of one) cannot be published yet, as
    plain sentences naming the section; empty when nothing blocks it."""
    blockers = [
        f"The section “{section.heading}” still says [citation needed]: add a source for that "
        "sentence, or remove it, before publishing."
        for section in citation_needed_sections(draft)
    ]
    for retraction, reference in unacknowledged_retractions(draft):
        where = sections_citing(draft, reference.key)
        place = (
            " in the section"
            + ("s " if len(where) > 1 else " ")
            + ", ".join(f"“{h}”" for h in where)
            if where
            else ""
        )
        blockers.append(
            f"The reference {reference.key}{place} is a work marked "
            f"“{retraction.reader_label}” by Retraction Watch. An editor must acknowledge this "
            "on the article's page before it is published."
        )
    return blockers
