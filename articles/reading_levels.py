"""What the four reading levels mean, in words for readers: shown above every article (a short
disclosure beside its contents) and on the About page, with each level's reading-level target
from Site settings (the same targets articles/section_checks.py scores sections against)."""

from .models import Section

DESCRIPTIONS = {
    Section.Level.FUNDAMENTALS: (
        "The basics in plain words: what it is, why it matters, and what to do next."
    ),
    Section.Level.INTERMEDIATE: (
        "How it works in more detail, with the main medical terms explained as they come."
    ),
    Section.Level.ACADEMIC: (
        "The research itself: mechanisms, study details and how strong the evidence is, in the "
        "language of the field."
    ),
    Section.Level.REFLECTION: (
        "What it might mean for you, and questions to take to a clinician, in plain words."
    ),
}


def target_description(target):
    if target is None:
        return (
            "No reading-level target: this level uses the terms of the field. Editors see its "
            "score, but it is not held to a grade."
        )
    return (
        f"Written to a SMOG grade of {target} or lower, which is about what a reader with "
        f"{target} years of school can follow."
    )


def reading_levels(targets):
    """The four levels in reading order, each with its label, description and target
    ({level: highest SMOG grade} from SiteSettings.reading_targets())."""
    return [
        {
            "level": level.value,
            "label": level.label,
            "description": DESCRIPTIONS[level],
            "target": targets.get(level.value),
            "target_description": target_description(targets.get(level.value)),
        }
        for level in Section.Level
    ]
