"""Retracted and corrected works: importing the Retraction Watch list and matching it to our
references.

The list is the CSV that Crossref publishes the Retraction Watch database in
(`retraction_watch.csv`), one row per notice, with the columns Record ID, Title, Subject,
Institution, Journal, Publisher, Country, Author, URLS, ArticleType, RetractionDate,
RetractionDOI, RetractionPubMedID, OriginalPaperDate, OriginalPaperDOI, OriginalPaperPubMedID,
RetractionNature, Reason, Paywalled and Notes. We keep the columns we use; a missing DOI is
written "unavailable" and a missing PubMed ID "0" there.

Every row is kept (a reference added later is matched against them when it is saved).
A row matches a reference when the work's DOI is the reference's DOI, compared without case
and without "https://doi.org/", "doi:" and similar prefixes, or when the PubMed IDs are equal.
A match flags every article that cites the reference for review (articles/review_triggers.py)
and shows readers a notice next to the reference; publishing a change to such an article waits
until an editor acknowledges it (articles/publication_checks.py).

`import_retractions(file)` is a plain function: the management command, the admin upload and a
background job all call it; `progress(done, total)` is called as rows are read.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from site_config import cache_keys

from .forms import normalize_doi, normalize_pmid
from .models import Reference, Retraction

REQUIRED_COLUMNS = ["Record ID", "RetractionNature", "OriginalPaperDOI", "OriginalPaperPubMedID"]
MISSING_VALUES = {"", "unavailable", "0", "na", "n/a", "none"}
BATCH_SIZE = 1000
DOI_IN_TEXT_RE = re.compile(r"10\.\d{4,9}/\S+", re.ASCII)
NATURES = {nature.value.lower(): nature.value for nature in Retraction.Nature}


def doi_key(value):
    """A DOI in the one form we compare: bare ("10.1/x", no https://doi.org/ or doi:) and
    lower case (DOIs are case-insensitive). "" when there is none."""
    value = normalize_doi((value or "").strip())
    if value.lower() in MISSING_VALUES:
        return ""
    match = DOI_IN_TEXT_RE.search(value)
    return match.group(0).rstrip(".").lower() if match else ""


def pmid_key(value):
    value = normalize_pmid((value or "").strip())
    value = value.split(".")[0]  # spreadsheets write 12345 as 12345.0
    return value if value.isascii() and value.isdigit() and value.lstrip("0") else ""


def parse_date(value):
    """RetractionDate as the list writes it ("3/28/2024 0:00") or as ISO ("2024-03-28")."""
    value = (value or "").strip()
    for pattern in ("%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


class RetractionListError(Exception):
    """The file is not a retraction list we can read; the message says why, plainly."""


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)  # "row N: why"
    matched: list = field(default_factory=list)  # (reference, retraction) newly matched
    flagged_articles: int = 0

    def lines(self):
        lines = [
            f"Read {self.rows} row(s): {self.created} new notice(s), {self.updated} updated, "
            f"{len(self.skipped)} skipped."
        ]
        if self.matched:
            lines.append(
                f"{len(self.matched)} of our references are in the list: "
                + "; ".join(
                    f"{reference.key} ({retraction.reader_label})"
                    for reference, retraction in self.matched
                )
                + f". {self.flagged_articles} article(s) citing them are now in the review "
                "queue."
            )
        else:
            lines.append("None of our references is in the list.")
        lines.extend(self.skipped[:20])
        if len(self.skipped) > 20:
            lines.append(f"… and {len(self.skipped) - 20} more skipped row(s).")
        return lines


def read_rows(file):
    """Rows of the CSV as dicts. Accepts text or bytes; the published file has occasional
    bytes that are not UTF-8, which are replaced rather than refused."""
    data = file if isinstance(file, str | bytes) else file.read()
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(data))
    columns = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise RetractionListError(
            "This file is not a Retraction Watch list: it has no column "
            + ", ".join(f"“{name}”" for name in missing)
            + ". Use the CSV as Crossref publishes it (retraction_watch.csv)."
        )
    reader.fieldnames = columns
    return list(reader)


def retraction_from_row(row):
    """A Retraction (unsaved) from one CSV row, or a reason it cannot be read."""
    record_id = (row.get("Record ID") or "").strip()
    if not record_id.isdigit():
        return None, f"no Record ID (“{record_id[:20]}”)"
    nature = NATURES.get((row.get("RetractionNature") or "").strip().lower())
    if nature is None:
        return None, f"unknown RetractionNature “{(row.get('RetractionNature') or '')[:40]}”"
    doi, pmid = doi_key(row.get("OriginalPaperDOI")), pmid_key(row.get("OriginalPaperPubMedID"))
    if not (doi or pmid):
        return None, "no DOI or PubMed ID of the work, so it cannot match a reference"
    return Retraction(
        record_id=int(record_id),
        nature=nature,
        title=(row.get("Title") or "").strip(),
        journal=(row.get("Journal") or "").strip()[:500],
        retraction_date=parse_date(row.get("RetractionDate")),
        retraction_doi=doi_key(row.get("RetractionDOI"))[:200],
        original_doi=doi[:200],
        original_pmid=pmid[:12],
        reason=(row.get("Reason") or "").strip(),
    ), ""


def import_retractions(file, progress=None):
    """Read a Retraction Watch CSV, store its notices and match them to our references."""
    rows = read_rows(file)
    summary = ImportSummary(rows=len(rows))
    existing = set(Retraction.objects.values_list("record_id", flat=True))
    batch = []
    fields = [
        "nature", "title", "journal", "retraction_date", "retraction_doi", "original_doi",
        "original_pmid", "reason",
    ]  # fmt: skip
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        retraction, problem = retraction_from_row(row)
        if retraction is None:
            summary.skipped.append(f"Row {number} skipped: {problem}.")
        else:
            if retraction.record_id in existing:
                summary.updated += 1
            else:
                summary.created += 1
                existing.add(retraction.record_id)
            batch.append(retraction)
        if len(batch) >= BATCH_SIZE or number - 1 == len(rows):
            _save_batch(batch, fields)
            batch = []
        if progress is not None and (number - 1) % BATCH_SIZE == 0:
            progress(number - 1, len(rows))
    _save_batch(batch, fields)
    if progress is not None:
        progress(len(rows), len(rows))
    summary.matched, summary.flagged_articles = match_retractions()
    # Saved in bulk (no signals): every reference list may now show a notice.
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.REFERENCES)
    return summary


def _save_batch(batch, fields):
    if not batch:
        return
    # One record can appear twice in a file: the last row wins.
    unique = list({retraction.record_id: retraction for retraction in batch}.values())
    with transaction.atomic():
        Retraction.objects.bulk_create(
            unique, update_conflicts=True, unique_fields=["record_id"], update_fields=fields
        )


def match_retractions(references=None):
    """Link notices to the references they are about; flag the articles citing a reference
    newly matched. Returns ([(reference, retraction) newly matched], articles flagged)."""
    from .review_triggers import flag_retraction

    references = Reference.objects.all() if references is None else references
    by_doi, by_pmid = {}, {}
    for reference in references.only("id", "key", "doi", "pmid", "title"):
        if doi_key(reference.doi):
            by_doi[doi_key(reference.doi)] = reference
        if pmid_key(reference.pmid):
            by_pmid[pmid_key(reference.pmid)] = reference
    if not (by_doi or by_pmid):
        return [], 0
    candidates = Retraction.objects.filter(original_doi__in=list(by_doi)) | (
        Retraction.objects.filter(original_pmid__in=list(by_pmid))
    )
    matched = []
    flagged = set()
    for retraction in candidates.order_by("retraction_date", "record_id"):
        reference = by_doi.get(retraction.original_doi) or by_pmid.get(retraction.original_pmid)
        if reference is None or retraction.reference_id == reference.pk:
            continue
        Retraction.objects.filter(pk=retraction.pk).update(reference=reference)
        retraction.reference = reference
        matched.append((reference, retraction))
        if retraction.is_flagged:
            flagged.update(flag_retraction(retraction))
    return matched, len(flagged)


def unmatch_changed_reference(reference):
    """After a reference's DOI or PMID changed: drop matches that no longer hold."""
    doi, pmid = doi_key(reference.doi), pmid_key(reference.pmid)
    for retraction in Retraction.objects.filter(reference=reference):
        if not (
            (doi and retraction.original_doi == doi) or (pmid and retraction.original_pmid == pmid)
        ):
            Retraction.objects.filter(pk=retraction.pk).update(reference=None)


def flagged_notices(reference):
    """The notices readers see next to a reference, oldest first (prefetch "retractions")."""
    return sorted(
        (retraction for retraction in reference.retractions.all() if retraction.is_flagged),
        key=lambda retraction: (retraction.retraction_date or date.min, retraction.record_id),
    )
