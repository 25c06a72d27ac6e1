"""Import references from BibTeX or RIS (what Zotero, Mendeley, PubMed and publishers export).

`parse_references(text)` reads every entry it can and returns one `ImportEntry` per entry,
each with the Reference fields it found, a generated key (`surname-year`, with b, c, ...
when taken), plain-sentence errors for entries it cannot use, and a note when the entry
is already in the library. Nothing is saved until `create_references`.

Parsing is done by bibtexparser (v2) and rispy; this module only maps their fields onto
Reference and explains problems.
"""

import re
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from pylatexenc.latex2text import LatexNodes2Text
from unidecode import unidecode

from site_config.text import clean_text

from .forms import normalize_doi, normalize_pmid
from .models import Reference

BIBTEX = "bibtex"
RIS = "ris"
MAX_ENTRIES = 500
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

BIBTEX_KINDS = {
    "article": Reference.Kind.JOURNAL,
    "book": Reference.Kind.BOOK,
    "booklet": Reference.Kind.BOOK,
    "phdthesis": Reference.Kind.BOOK,
    "mastersthesis": Reference.Kind.BOOK,
    "thesis": Reference.Kind.BOOK,
    "inbook": Reference.Kind.CHAPTER,
    "incollection": Reference.Kind.CHAPTER,
    "inproceedings": Reference.Kind.CHAPTER,
    "conference": Reference.Kind.CHAPTER,
    "techreport": Reference.Kind.GUIDELINE,
    "report": Reference.Kind.GUIDELINE,
    "manual": Reference.Kind.GUIDELINE,
    "standard": Reference.Kind.GUIDELINE,
    "online": Reference.Kind.WEB,
    "electronic": Reference.Kind.WEB,
    "www": Reference.Kind.WEB,
    "webpage": Reference.Kind.WEB,
}
RIS_KINDS = {
    "JOUR": Reference.Kind.JOURNAL,
    "JFULL": Reference.Kind.JOURNAL,
    "EJOUR": Reference.Kind.JOURNAL,
    "MGZN": Reference.Kind.JOURNAL,
    "NEWS": Reference.Kind.JOURNAL,
    "BOOK": Reference.Kind.BOOK,
    "EBOOK": Reference.Kind.BOOK,
    "EDBOOK": Reference.Kind.BOOK,
    "THES": Reference.Kind.BOOK,
    "CHAP": Reference.Kind.CHAPTER,
    "ECHAP": Reference.Kind.CHAPTER,
    "CONF": Reference.Kind.CHAPTER,
    "CPAPER": Reference.Kind.CHAPTER,
    "RPRT": Reference.Kind.GUIDELINE,
    "GOVDOC": Reference.Kind.GUIDELINE,
    "STAND": Reference.Kind.GUIDELINE,
    "ELEC": Reference.Kind.WEB,
    "WEB": Reference.Kind.WEB,
    "BLOG": Reference.Kind.WEB,
}
KIND_LABELS = dict(Reference.Kind.choices)

_latex = LatexNodes2Text()
RIS_START_RE = re.compile(r"^TY  - ", re.MULTILINE)
RIS_END_RE = re.compile(r"^ER  -", re.MULTILINE)
BIBTEX_START_RE = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass
class ImportEntry:
    number: int  # 1-based position in the text
    label: str  # how the text names it: BibTeX key or "RIS entry 3"
    fields: dict = field(default_factory=dict)
    key: str = ""
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    duplicate_of: str = ""  # key of the reference already in the library, or "entry N"

    @property
    def can_import(self):
        return not self.errors and not self.duplicate_of

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.fields.get("kind"), "")


class ReferenceImportForm(forms.Form):
    text = forms.CharField(
        label="Paste references",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100, "spellcheck": "false"}),
        help_text="BibTeX (entries start with @article{…) or RIS (entries start with "
        "“TY  - ”), as exported by Zotero, Mendeley, EndNote, PubMed or a journal's "
        "“Cite” button.",
    )
    file = forms.FileField(
        label="or choose a file",
        required=False,
        help_text="A .bib, .ris or .txt file of up to 2 MB.",
    )

    def clean(self):
        cleaned_data = super().clean()
        text = cleaned_data.get("text") or ""
        upload = cleaned_data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValidationError("This file is larger than 2 MB: import it in parts.")
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
        if not text.strip():
            raise ValidationError("Paste some references, or choose a file to import.")
        if detect_format(text) is None:
            raise ValidationError(
                "This does not look like BibTeX or RIS. BibTeX entries start with "
                "@article{ (or @book{, …) and RIS entries with a line “TY  - JOUR”. Export "
                "the references in one of these formats and try again."
            )
        cleaned_data["text"] = text
        return cleaned_data


def detect_format(text):
    if RIS_START_RE.search(text):
        return RIS
    if BIBTEX_START_RE.search(text):
        return BIBTEX
    return None


def parse_references(text):
    """Read BibTeX or RIS text into ImportEntry objects, checked and given keys."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text_format = detect_format(text)
    if text_format == RIS:
        entries = _parse_ris(text)
    elif text_format == BIBTEX:
        entries = _parse_bibtex(text)
    else:
        return []
    entries = entries[:MAX_ENTRIES]
    for entry in entries:
        _check(entry)
    _flag_duplicates(entries)
    _assign_keys(entries)
    return entries


@transaction.atomic
def create_references(entries):
    """Save the entries that can be imported; returns the new references."""
    created = []
    for entry in entries:
        if entry.can_import:
            created.append(Reference.objects.create(key=entry.key, **entry.fields))
    return created


# ---- BibTeX -------------------------------------------------------------------------------


def _decode_latex(value):
    return " ".join(_latex.latex_to_text(value).split())


def _bibtex_author_list(value):
    """BibTeX "Last, First and {Org Name}" -> ["Last, F.", "Org Name"]."""
    authors = []
    for name in split_multiple_persons_names(value):
        if name.strip().lower() == "others":
            authors.append("et al.")
            continue
        parts = parse_single_name_into_parts(name, strict=False)
        surname = _decode_latex(" ".join(parts.von + parts.last))
        given = _decode_latex(" ".join(parts.first))
        suffix = _decode_latex(" ".join(parts.jr))
        authors.append(_apa_name(surname, given, suffix))
    return [author for author in authors if author]


def _parse_bibtex(text):
    library = bibtexparser.parse_string(text)
    blocks = sorted(
        [*library.entries, *library.failed_blocks], key=lambda block: block.start_line or 0
    )
    entries = []
    for number, block in enumerate(blocks, start=1):
        if isinstance(block, DuplicateBlockKeyBlock):
            entry = ImportEntry(number, block.key)
            entry.errors.append(
                f"Another entry above already uses the BibTeX key “{block.key}”; "
                "this one was skipped."
            )
        elif not hasattr(block, "entry_type"):
            first_line = (block.raw or "").strip().splitlines()[:1]
            entry = ImportEntry(number, first_line[0][:60] if first_line else f"entry {number}")
            entry.errors.append(
                f"This entry (line {(block.start_line or 0) + 1}) could not be read: check its "
                "braces, quotes and commas. " + _first_sentence(block.error)
            )
        else:
            entry = ImportEntry(number, block.key)
            _read_bibtex_entry(entry, block)
        entries.append(entry)
    return entries


def _first_sentence(error):
    message = " ".join(str(error).split())
    return (message[:200] + "…") if len(message) > 200 else message


def _read_bibtex_entry(entry, block):
    values = {
        name.lower(): value for name, value in block.fields_dict.items() for value in [value.value]
    }

    def text(*names):
        for name in names:
            value = values.get(name)
            if isinstance(value, str) and value.strip():
                return _decode_latex(value)
        return ""

    entry_type = block.entry_type.lower()
    kind = BIBTEX_KINDS.get(entry_type)
    if entry_type == "misc":
        kind = Reference.Kind.WEB if text("url", "howpublished").startswith("http") else None
    if kind is None:
        kind = Reference.Kind.JOURNAL if text("journal", "journaltitle") else Reference.Kind.BOOK
        entry.notes.append(
            f"BibTeX type @{entry_type} read as “{KIND_LABELS[kind]}”: check the kind."
        )
    authors = _bibtex_author_list(values.get("author", "")) if values.get("author") else []
    if not authors and values.get("editor"):
        authors = _bibtex_author_list(values["editor"])
        entry.notes.append("No authors given: the editors are listed as authors.")
    container = text("journal", "journaltitle")
    if kind == Reference.Kind.CHAPTER or not container:
        container = text("booktitle") or container
    if kind == Reference.Kind.WEB and not container:
        container = text("organization", "institution")
    publisher = text("publisher", "institution", "organization", "school")
    if kind == Reference.Kind.WEB and publisher == container:
        publisher = ""
    url = text("url")
    if not url and text("howpublished").startswith("http"):
        url = text("howpublished")
    entry.fields = {
        "kind": kind,
        "authors": "\n".join(authors),
        "year": _year(entry, text("year", "date")),
        "title": text("title"),
        "container": container,
        "volume": text("volume"),
        "issue": text("number", "issue"),
        "pages": text("pages"),
        "publisher": publisher,
        "edition": text("edition"),
        "doi": normalize_doi(text("doi")),
        "pmid": normalize_pmid(text("pmid")),
        "url": url,
    }


# ---- RIS ----------------------------------------------------------------------------------


def _split_ris_records(text):
    """The text of each record, from its TY line to its ER line (or the next TY)."""
    starts = [match.start() for match in RIS_START_RE.finditer(text)]
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


def _ris_author(name):
    """RIS names are "Last, First" (or "Last, F M", as PubMed writes); no comma: as is."""
    if "," not in name:
        return " ".join(name.split())
    surname, _, rest = name.partition(",")
    given, _, suffix = rest.partition(",")
    return _apa_name(surname.strip(), given.strip(), suffix.strip())


def _parse_ris(text):
    entries = []
    for number, record in enumerate(_split_ris_records(text), start=1):
        entry = ImportEntry(number, f"RIS entry {number}")
        if not RIS_END_RE.search(record):
            entry.errors.append(
                "This entry has no end line (“ER  -”), so it may be cut short: copy the whole "
                "entry, up to and including its ER line."
            )
            entries.append(entry)
            continue
        try:
            (values,) = rispy.loads(record, skip_unknown_tags=True)
        except (ValueError, KeyError, TypeError) as error:
            entry.errors.append(f"This entry could not be read ({error}).")
            entries.append(entry)
            continue
        _read_ris_entry(entry, values)
        entries.append(entry)
    return entries


def _read_ris_entry(entry, values):
    def text(*names):
        for name in names:
            value = values.get(name)
            if isinstance(value, list):
                value = value[0] if value else ""
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return ""

    type_code = text("type_of_reference").upper()
    kind = RIS_KINDS.get(type_code)
    if kind is None:
        kind = Reference.Kind.JOURNAL if text("journal_name") else Reference.Kind.BOOK
        entry.notes.append(
            f"RIS type {type_code or '(none)'} read as “{KIND_LABELS[kind]}”: check the kind."
        )
    names = values.get("authors") or values.get("first_authors") or []
    if not names and values.get("secondary_authors") and kind != Reference.Kind.CHAPTER:
        names = values["secondary_authors"]
        entry.notes.append("No authors given: the editors are listed as authors.")
    if kind == Reference.Kind.JOURNAL:
        container = text("secondary_title", "journal_name", "alternate_title3", "alternate_title1")
    else:
        container = text("secondary_title", "tertiary_title")
    start, end = text("start_page"), text("end_page")
    pages = f"{start}-{end}" if start and end and "-" not in start else start or end
    pmid = ""
    source = f"{text('name_of_database')} {text('database_provider')}".lower()
    if any(name in source for name in ("pubmed", "medline", "nlm")):
        pmid = text("accession_number")
    urls = values.get("urls") or []
    entry.fields = {
        "kind": kind,
        "authors": "\n".join(filter(None, (_ris_author(name) for name in names))),
        "year": _year(entry, text("year", "publication_year", "date")),
        "title": text("title", "primary_title"),
        "container": container,
        "volume": text("volume"),
        "issue": text("number"),
        "pages": pages,
        "publisher": text("publisher"),
        "edition": text("edition"),
        "doi": normalize_doi(text("doi")),
        "pmid": normalize_pmid(pmid),
        "url": urls[0].strip() if urls else "",
    }


# ---- Shared -------------------------------------------------------------------------------


def _initials(given):
    """'Jennifer Mary' -> 'J. M.', 'J.M.' -> 'J. M.', 'JM' (PubMed) -> 'J. M.',
    'Jean-Paul' -> 'J.-P.'."""
    initials = []
    for word in given.replace(".", ". ").split():
        word = word.strip(".")
        if not word:
            continue
        if "-" in word:
            initials.append("-".join(f"{part[0].upper()}." for part in word.split("-") if part))
        elif word.isalpha() and word.isupper() and len(word) <= 3:
            initials.extend(f"{letter}." for letter in word)
        else:
            initials.append(f"{word[0].upper()}.")
    return " ".join(initials)


def _apa_name(surname, given, suffix=""):
    surname = " ".join(surname.split())
    if not given:
        return surname
    name = f"{surname}, {_initials(given)}"
    return f"{name}, {suffix}" if suffix else name


def _year(entry, value):
    if not value:
        return None
    match = YEAR_RE.search(value)
    if match is None:
        entry.notes.append(f"The year “{value}” is not a year: left empty (shown as n.d.).")
        return None
    return int(match.group(1))


def _check(entry):
    if entry.errors:
        return
    fields = entry.fields
    for name, value in fields.items():
        if isinstance(value, str):
            # As the admin forms do (site_config.text): authors are one per line.
            fields[name] = clean_text(value, multiline=name == "authors")
    if not fields.get("title"):
        entry.errors.append("It has no title.")
    if not fields.get("authors"):
        entry.errors.append("It has no authors (or editors).")
    reference = Reference(key="placeholder", **fields)
    # A missing title or author is said above; a present one is checked like the rest (its
    # length: PostgreSQL refuses a value longer than the column).
    missing = [name for name in ("title", "authors") if not fields.get(name)]
    try:
        reference.full_clean(exclude=["key", *missing], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = Reference._meta.get_field(name).verbose_name
            value = fields.get(name)
            for message in messages:
                entry.errors.append(f"{label[:1].upper()}{label[1:]} “{value}”: {message}")


def _comparable_title(title):
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


def _flag_duplicates(entries):
    """Entries already in the library (same DOI, PMID, or title and year) or earlier in
    the same text are flagged and not imported."""
    candidates = [entry for entry in entries if not entry.errors]
    dois = {entry.fields["doi"].lower() for entry in candidates if entry.fields["doi"]}
    pmids = {entry.fields["pmid"] for entry in candidates if entry.fields["pmid"]}
    titles = {entry.fields["title"] for entry in candidates}
    condition = Q(title__in=titles) | Q(pmid__in=pmids)
    for doi in dois:
        condition |= Q(doi__iexact=doi)
    existing = {}
    for key, doi, pmid, title, year in Reference.objects.filter(condition).values_list(
        "key", "doi", "pmid", "title", "year"
    ):
        if doi:
            existing.setdefault(("doi", doi.lower()), key)
        if pmid:
            existing.setdefault(("pmid", pmid), key)
        existing.setdefault(("title", _comparable_title(title), year), key)
    seen = {}
    for entry in candidates:
        fields = entry.fields
        signatures = [("title", _comparable_title(fields["title"]), fields["year"])]
        if fields["doi"]:
            signatures.insert(0, ("doi", fields["doi"].lower()))
        if fields["pmid"]:
            signatures.insert(0, ("pmid", fields["pmid"]))
        for signature in signatures:
            if signature in existing:
                entry.duplicate_of = existing[signature]
                entry.notes.append(
                    f"Already in the library as “{existing[signature]}”: not imported again."
                )
                break
            if signature in seen:
                entry.duplicate_of = f"entry {seen[signature]}"
                entry.notes.append(
                    f"The same source as entry {seen[signature]} above: imported once."
                )
                break
        else:
            for signature in signatures:
                seen.setdefault(signature, entry.number)


def key_base(fields):
    """'neal-2018' from the first author's surname and the year."""
    first_author = fields["authors"].split("\n")[0] if fields.get("authors") else ""
    surname = first_author.split(",")[0] if "," in first_author else first_author
    if not surname:
        surname = " ".join(fields.get("title", "").split()[:2])
    base = slugify(unidecode(surname))[:60] or "reference"
    return f"{base}-{fields.get('year') or 'nd'}"


def _assign_keys(entries):
    """surname-year, then surname-yearb, -yearc, ... when taken (APA's own way)."""
    bases = {key_base(entry.fields) for entry in entries if entry.fields}
    if not bases:
        return
    condition = Q()
    for base in bases:
        condition |= Q(key__startswith=base)
    taken = set(Reference.objects.filter(condition).values_list("key", flat=True))
    for entry in entries:
        if not entry.fields:
            continue
        base = key_base(entry.fields)
        key, suffix = base, ord("b")
        while key in taken:
            key = f"{base}{chr(suffix)}" if suffix <= ord("z") else f"{base}-{suffix - ord('a')}"
            suffix += 1
        if key != base and entry.can_import:
            entry.notes.append(f"The key “{base}” is taken, so this one is “{key}”.")
        entry.key = key
        if entry.can_import:
            taken.add(key)
