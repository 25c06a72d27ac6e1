"""When two editors save the same draft: what differs between the version saved meanwhile
("theirs") and what this editor typed ("yours"), and applying their choice per part.

The article form refuses a save over a newer one (articles.forms.ArticleAdminForm) and lists
these differences, each with a word-level diff and a choice: keep yours or take theirs. The
next save applies the choices (`apply_choices`) before the form reads the data, so nothing
the other editor wrote is reverted unless this editor chose to.
"""

from dataclasses import dataclass

from .models import Section
from .revisions import diff_lines

ARTICLE_FIELDS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("authors", "Authors"),
    ("disclaimer_note", "Notice"),
]
SECTION_FIELDS = ["heading", "level", "body", "takeaway"]
CHOICE_PREFIX = "conflict-"


@dataclass
class Difference:
    key: str  # e.g. "field-title", "section-12"
    label: str
    theirs: str
    yours: str

    @property
    def hunks(self):
        return diff_lines(self.theirs.splitlines(), self.yours.splitlines(), context=1)

    @property
    def choice_name(self):
        return CHOICE_PREFIX + self.key


def section_rows(data, prefix="sections"):
    """{section id: {field: typed value}, ...} for the saved sections in the posted form."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return {}
    rows = {}
    for index in range(min(total, 1000)):
        section_id = data.get(f"{prefix}-{index}-id")
        if section_id and section_id.isdigit() and not data.get(f"{prefix}-{index}-DELETE"):
            rows[int(section_id)] = {
                "index": index,
                **{name: data.get(f"{prefix}-{index}-{name}", "") for name in SECTION_FIELDS},
            }
    return rows


def _normalise(text):
    return (text or "").replace("\r\n", "\n").strip()


def section_text(values):
    text = f"## {values['heading']}\n{values['body']}"
    if values.get("takeaway"):
        text += f"\nTake-away: {values['takeaway']}"
    return text


def differences(draft, data):
    """What the saved draft says and the posted form does not, part by part."""
    found = []
    for name, label in ARTICLE_FIELDS:
        theirs, yours = _normalise(getattr(draft, name)), _normalise(data.get(name))
        if name in data and theirs != yours:
            found.append(Difference(f"field-{name}", label, theirs, yours))
    typed = section_rows(data)
    for section in Section.objects.filter(article=draft, pk__in=typed):
        saved = {name: _normalise(getattr(section, name)) for name in SECTION_FIELDS}
        mine = {name: _normalise(typed[section.pk][name]) for name in SECTION_FIELDS}
        if saved != mine:
            found.append(
                Difference(
                    f"section-{section.pk}",
                    f"Section “{section.heading}”",
                    section_text(saved),
                    section_text(mine),
                )
            )
    return found


def apply_choices(data, draft):
    """The posted data with the saved ("theirs") version put back wherever the editor chose
    it. Data without choices comes back unchanged."""
    chosen = [
        name[len(CHOICE_PREFIX) :]
        for name, value in data.items()
        if name.startswith(CHOICE_PREFIX) and value == "theirs"
    ]
    if not chosen:
        return data
    data = data.copy()
    typed = section_rows(data)
    sections = Section.objects.filter(article=draft).in_bulk()
    for key in chosen:
        kind, _, name = key.partition("-")
        if kind == "field" and name in dict(ARTICLE_FIELDS):
            data[name] = getattr(draft, name)
        elif kind == "section" and name.isdigit() and int(name) in typed:
            section = sections.get(int(name))
            if section is not None:
                index = typed[int(name)]["index"]
                for field in SECTION_FIELDS:
                    data[f"sections-{index}-{field}"] = getattr(section, field)
    return data
