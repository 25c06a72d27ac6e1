"""Importing references from BibTeX and RIS through the admin: preview, errors, confirm."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Reference
from articles.reference_import import parse_references

IMPORT_URL = "/admin/articles/reference/import/"

BIBTEX = r"""
@article{Neal2018,
  author  = {Neal, Jennifer M. and Wagner, John-Paul J.},
  title   = {Oxytocin and {Social} Behavior: A Review of the Literature},
  journal = {Journal of Neuroendocrinology},
  year    = {2018},
  volume  = {30},
  number  = {3},
  pages   = {e12569},
  doi     = {https://doi.org/10.1111/jne.12569},
}

@book{guyton,
  author    = {Hall, John E. and M{\"u}ller, Hans},
  title     = {Textbook of Medical Physiology},
  edition   = {13},
  publisher = {Elsevier},
  year      = {2016},
}

@incollection{dewied,
  author    = {de Wied, David and Gispen, Willem Hendrik},
  title     = {Behavioral effects of peptides},
  booktitle = {Peptides in Neurobiology},
  pages     = {397--448},
  publisher = {Plenum Press},
  year      = 1977,
}

@techreport{who2020,
  author      = {{World Health Organization}},
  title       = {Guideline on hormone testing},
  institution = {World Health Organization},
  year        = {2020},
}
"""

RIS = """TY  - JOUR
AU  - Insel, Thomas R
AU  - Young, L J
TI  - The neurobiology of attachment
JO  - Nature Reviews Neuroscience
PY  - 2001
VL  - 2
IS  - 2
SP  - 129
EP  - 136
DO  - 10.1038/35053579
AN  - 11252992
DB  - PubMed
ER  -

TY  - ELEC
AU  - National Health Service
TI  - Menopause
T2  - NHS website
UR  - https://www.nhs.uk/conditions/menopause/
PY  - 2022
ER  -
"""


def by_title(entries):
    return {entry.fields["title"]: entry for entry in entries}


def test_bibtex_journal_article_is_read(db):
    (entry, *_) = parse_references(BIBTEX)
    assert entry.fields == {
        "kind": "journal",
        "authors": "Neal, J. M.\nWagner, J.-P. J.",
        "year": 2018,
        "title": "Oxytocin and Social Behavior: A Review of the Literature",
        "container": "Journal of Neuroendocrinology",
        "volume": "30",
        "issue": "3",
        "pages": "e12569",
        "publisher": "",
        "edition": "",
        "doi": "10.1111/jne.12569",
        "pmid": "",
        "url": "",
    }
    assert entry.key == "neal-2018"
    assert entry.can_import


def test_bibtex_latex_accents_are_decoded(db):
    book = by_title(parse_references(BIBTEX))["Textbook of Medical Physiology"]
    assert book.fields["authors"] == "Hall, J. E.\nMüller, H."
    assert (book.fields["kind"], book.fields["edition"]) == ("book", "13")


def test_bibtex_chapter_keeps_book_title_and_pages(db):
    chapter = by_title(parse_references(BIBTEX))["Behavioral effects of peptides"]
    assert chapter.fields["kind"] == "chapter"
    assert chapter.fields["container"] == "Peptides in Neurobiology"
    assert chapter.fields["pages"] == "397\u2013448"
    assert chapter.fields["authors"] == "de Wied, D.\nGispen, W. H."
    assert chapter.key == "de-wied-1977"


def test_bibtex_organisation_author_stays_whole(db):
    report = by_title(parse_references(BIBTEX))["Guideline on hormone testing"]
    assert report.fields["authors"] == "World Health Organization"
    assert report.fields["kind"] == "guideline"


def test_ris_journal_article_is_read_with_pubmed_id(db):
    article = by_title(parse_references(RIS))["The neurobiology of attachment"]
    assert article.fields["authors"] == "Insel, T. R.\nYoung, L. J."
    assert article.fields["pages"] == "129-136"
    assert (article.fields["doi"], article.fields["pmid"]) == ("10.1038/35053579", "11252992")
    assert article.key == "insel-2001"


def test_ris_web_page_is_read(db):
    web = by_title(parse_references(RIS))["Menopause"]
    assert web.fields["kind"] == "web"
    assert web.fields["url"] == "https://www.nhs.uk/conditions/menopause/"
    assert web.fields["container"] == "NHS website"


def test_unreadable_bibtex_entry_gets_an_error_and_the_others_still_import(db):
    text = "@article{broken, title = {No closing brace\n\n" + BIBTEX
    entries = parse_references(text)
    assert "could not be read" in entries[0].errors[0]
    assert sum(entry.can_import for entry in entries) == 4


def test_ris_entry_without_end_line_gets_an_error(db):
    entries = parse_references(RIS + "TY  - JOUR\nTI  - Cut short\n")
    assert entries[-1].errors == [
        "This entry has no end line (“ER  -”), so it may be cut short: copy the whole entry, "
        "up to and including its ER line."
    ]


def test_entry_without_title_cannot_be_imported(db):
    (entry,) = parse_references("@article{x, author = {Doe, Jane}, year = {2001}}")
    assert entry.errors == ["It has no title."]


def test_invalid_doi_is_an_entry_error(db):
    (entry,) = parse_references("@article{x, author={Doe, J.}, title={T}, doi={nonsense}}")
    assert entry.errors[0].startswith("DOI “nonsense”:")


def test_key_already_used_gets_a_letter(db, reference_factory):
    reference_factory(key="neal-2018")
    entry = parse_references(BIBTEX)[0]
    assert entry.key == "neal-2018b"
    assert "The key “neal-2018” is taken, so this one is “neal-2018b”." in entry.notes


def test_same_surname_and_year_in_one_import_get_different_keys(db):
    text = (
        "@article{a, author={Smith, A.}, title={One}, year={2010}}\n"
        "@article{b, author={Smith, B.}, title={Two}, year={2010}}\n"
    )
    assert [entry.key for entry in parse_references(text)] == ["smith-2010", "smith-2010b"]


def test_reference_already_in_library_is_flagged_and_skipped(db, reference_factory):
    reference_factory(key="insel-young", doi="10.1038/35053579")
    article = by_title(parse_references(RIS))["The neurobiology of attachment"]
    assert article.duplicate_of == "insel-young"
    assert not article.can_import


def test_same_entry_twice_in_one_import_is_imported_once(db):
    entries = parse_references(RIS + RIS)
    assert [entry.can_import for entry in entries] == [True, True, False, False]


def test_text_that_is_neither_format_reads_nothing(db):
    assert parse_references("Neal JM. Oxytocin. J Neuroendocrinol. 2018.") == []


# ---- The admin view ------------------------------------------------------------------------


def test_changelist_links_to_the_import(staff_client):
    soup = BeautifulSoup(staff_client.get("/admin/articles/reference/").content, "html.parser")
    assert soup.select_one(f'.object-tools a[href="{IMPORT_URL}"]') is not None


def test_preview_shows_entries_and_saves_nothing(staff_client):
    response = staff_client.post(IMPORT_URL, {"text": BIBTEX, "preview": "Preview"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("#import-preview tbody tr")) == 4
    assert Reference.objects.count() == 0


def test_preview_keeps_the_text_for_confirming_and_editing(staff_client):
    response = staff_client.post(IMPORT_URL, {"text": RIS, "preview": "Preview"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".import-confirm textarea[name=text]").get_text().strip() == RIS.strip()
    assert "Insel" in soup.select_one("#id_text").get_text()


def test_preview_shows_per_entry_errors(staff_client):
    text = "@article{x, author = {Doe, Jane}, year = {2001}}\n" + BIBTEX
    response = staff_client.post(IMPORT_URL, {"text": text, "preview": "Preview"})
    soup = BeautifulSoup(response.content, "html.parser")
    first_row = soup.select_one("#import-preview tbody tr")
    assert "It has no title." in first_row.get_text()


def test_confirm_creates_the_references(staff_client):
    response = staff_client.post(IMPORT_URL, {"text": BIBTEX, "confirm": "Import"})
    assert response.status_code == HTTPStatus.FOUND
    assert sorted(Reference.objects.values_list("key", flat=True)) == [
        "de-wied-1977",
        "hall-2016",
        "neal-2018",
        "world-health-organization-2020",
    ]


def test_confirm_skips_duplicates_and_broken_entries(staff_client, reference_factory):
    reference_factory(key="neal", doi="10.1111/jne.12569")
    text = "@article{x, author = {Doe, Jane}}\n" + BIBTEX
    staff_client.post(IMPORT_URL, {"text": text, "confirm": "Import"})
    assert Reference.objects.count() == 4


def test_uploaded_file_is_imported_through_the_preview(staff_client):
    upload = SimpleUploadedFile("refs.ris", RIS.encode(), content_type="application/x-ris")
    response = staff_client.post(IMPORT_URL, {"file": upload, "preview": "Preview"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Insel" in soup.select_one(".import-confirm textarea[name=text]").get_text()


def test_text_in_neither_format_is_refused_with_a_message(staff_client):
    response = staff_client.post(IMPORT_URL, {"text": "Just a sentence.", "preview": "Preview"})
    assert "does not look like BibTeX or RIS" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_import_needs_add_permission(client, django_user_model, method):
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(user)
    response = getattr(client, method)(IMPORT_URL)
    assert response.status_code == HTTPStatus.FORBIDDEN
