"""Retractions: the Retraction Watch CSV imported and matched to references by DOI (any case,
any prefix) and PubMed ID; readers see a notice; citing articles go in the review queue and
cannot be published until an editor acknowledges the notice."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import workflow
from articles.models import (
    ArticleReference,
    Retraction,
    RetractionAcknowledgement,
    ReviewFlag,
    Section,
)
from articles.retractions import RetractionListError, doi_key, import_retractions, pmid_key
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

# The columns of retraction_watch.csv as Crossref publishes it.
COLUMNS = [
    "Record ID", "Title", "Subject", "Institution", "Journal", "Publisher", "Country", "Author",
    "URLS", "ArticleType", "RetractionDate", "RetractionDOI", "RetractionPubMedID",
    "OriginalPaperDate", "OriginalPaperDOI", "OriginalPaperPubMedID", "RetractionNature",
    "Reason", "Paywalled", "Notes",
]  # fmt: skip


def retraction_csv(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return buffer.getvalue().encode()


def row(record_id, doi="unavailable", pmid="0", nature="Retraction", date="3/28/2024 0:00"):
    return {
        "Record ID": str(record_id),
        "Title": f"A withdrawn study {record_id}",
        "Journal": "Journal of Examples",
        "RetractionDate": date,
        "RetractionDOI": "10.9999/notice",
        "OriginalPaperDOI": doi,
        "OriginalPaperPubMedID": pmid,
        "RetractionNature": nature,
        "Reason": "+Concerns/Issues About Data;",
    }


@pytest.mark.parametrize(
    "value",
    ["10.1000/ABC.123", "https://doi.org/10.1000/abc.123", "doi:10.1000/Abc.123",
     "http://dx.doi.org/10.1000/abc.123", " 10.1000/abc.123 "],
)  # fmt: skip
def test_doi_forms_compare_equal(value):
    assert doi_key(value) == "10.1000/abc.123"


def test_missing_identifiers_as_the_list_writes_them_are_empty():
    assert doi_key("unavailable") == ""
    assert pmid_key("0") == ""
    assert pmid_key("12345678.0") == "12345678"


@pytest.fixture
def cited(article_factory, reference_factory):
    """A public article citing a reference by DOI (stored in upper case) and one by PMID."""
    article = article_factory(title="Cites retracted work", slug="cites-retracted")
    by_doi = reference_factory(key="doi-ref", doi="10.1000/ABC.123")
    by_pmid = reference_factory(key="pmid-ref", pmid="20435004")
    untouched = reference_factory(key="fine-ref", doi="10.1000/fine")
    for position, reference in enumerate([by_doi, by_pmid, untouched]):
        ArticleReference.objects.create(article=article, reference=reference, position=position)
    section = article.sections.first()
    section.body = "Evidence [@doi-ref; @pmid-ref; @fine-ref]."
    section.save()
    return article, by_doi, by_pmid, untouched


def test_import_matches_by_doi_in_any_form_and_by_pmid(cited):
    article, by_doi, by_pmid, untouched = cited
    summary = import_retractions(
        retraction_csv(
            row(1, doi="https://doi.org/10.1000/abc.123"),
            row(2, pmid="20435004", nature="Correction", date="2023-05-02"),
            row(3, doi="10.1000/someone-else"),
        )
    )
    assert (summary.rows, summary.created, summary.updated) == (3, 3, 0)
    assert Retraction.objects.get(record_id=1).reference == by_doi
    assert Retraction.objects.get(record_id=2).reference == by_pmid
    assert Retraction.objects.get(record_id=3).reference is None
    assert not Retraction.objects.filter(reference=untouched).exists()
    assert {flag.retraction.record_id for flag in ReviewFlag.objects.filter(article=article)} == {
        1,
        2,
    }
    assert "2 of our references are in the list" in " ".join(summary.lines())


def test_importing_the_same_list_again_adds_nothing(cited):
    data = retraction_csv(row(1, doi="10.1000/abc.123"))
    import_retractions(data)
    summary = import_retractions(data)
    assert (summary.created, summary.updated) == (0, 1)
    assert Retraction.objects.count() == 1
    assert ReviewFlag.objects.count() == 1


def test_rows_that_cannot_match_are_skipped_with_the_reason(db):
    summary = import_retractions(
        retraction_csv(row("", doi="10.1/x"), row(5), row(6, doi="10.1/y", nature="Typo"))
    )
    assert summary.created == 0
    assert summary.skipped == [
        "Row 2 skipped: no Record ID (“”).",
        "Row 3 skipped: no DOI or PubMed ID of the work, so it cannot match a reference.",
        "Row 4 skipped: unknown RetractionNature “Typo”.",
    ]


def test_a_file_without_the_columns_is_refused_plainly(db):
    with pytest.raises(RetractionListError, match="no column “Record ID”"):
        import_retractions(b"DOI,Title\n10.1/x,Something\n")


def test_readers_see_the_notice_beside_the_reference(client, cited):
    article, *_ = cited
    import_retractions(retraction_csv(row(1, doi="10.1000/abc.123")))
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    entry = soup.select_one("#ref-doi-ref")
    assert entry.select_one(".retraction-notice").get_text() == "Retracted in 2024"
    assert soup.select_one("#ref-fine-ref").select_one(".retraction-notice") is None
    references_page = BeautifulSoup(client.get("/references/").content, "html.parser")
    assert references_page.select_one("#ref-doi-ref .retraction-notice")


def test_saving_a_reference_with_a_listed_doi_matches_it(staff_client, cited, reference_factory):
    import_retractions(retraction_csv(row(9, doi="10.5555/later")))
    reference = reference_factory(key="later-ref")
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = form_data(staff_client.get(url), "reference_form")
    data.update({
        "key": "later-ref", "kind": "journal", "authors": "Author, A.", "year": "2001",
        "title": "Later", "doi": "https://doi.org/10.5555/LATER", "verification": "unverified",
    })  # fmt: skip
    response = staff_client.post(url, data, follow=True)
    assert "This work is in the Retraction Watch list: Retracted in 2024" in (
        response.content.decode()
    )
    assert Retraction.objects.get(record_id=9).reference == reference


def test_command_prints_a_summary(tmp_path, cited):
    path = tmp_path / "retraction_watch.csv"
    path.write_bytes(retraction_csv(row(1, doi="10.1000/abc.123")))
    output = io.StringIO()
    call_command("import_retractions", str(path), stdout=output)
    assert "Read 1 row(s): 1 new notice(s)" in output.getvalue()
    assert "doi-ref (Retracted in 2024)" in output.getvalue()


def test_command_refuses_a_file_it_cannot_read(tmp_path, db):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="not a Retraction Watch list"):
        call_command("import_retractions", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_retractions", str(tmp_path / "missing.csv"))


def test_admin_upload_imports_and_shows_the_summary(staff_client, cited):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "retraction_watch.csv", retraction_csv(row(1, doi="10.1000/abc.123")), "text/csv"
    )
    response = staff_client.post(reverse("admin:articles_retraction_import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "What was imported" in html
    assert "doi-ref (Retracted in 2024)" in html
    assert Retraction.objects.filter(record_id=1, reference__key="doi-ref").exists()


def test_admin_upload_of_another_file_says_why(staff_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("list.csv", b"x,y\n1,2\n", "text/csv")
    response = staff_client.post(reverse("admin:articles_retraction_import"), {"file": upload})
    assert "This file is not a Retraction Watch list" in response.content.decode()


# Publishing waits for an acknowledgement -----------------------------------------------------


@pytest.fixture
def approved_change(cited, editor, reviewer):
    """The article's working copy, changed, sent for review and approved."""
    article = cited[0]
    draft = workflow.pending_version(article, create=True)
    section = draft.sections.first()
    section.body += " More text."
    section.save()
    workflow.record_edit(draft, editor, changed=True)
    workflow.submit_for_review(article, editor)
    workflow.approve(article, reviewer)
    return article


def test_unacknowledged_retraction_blocks_publishing_until_acknowledged(
    client, approved_change, publisher, editor
):
    import_retractions(retraction_csv(row(1, doi="10.1000/abc.123")))
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.publish(approved_change, publisher)
    assert "doi-ref" in str(refused.value)
    assert "Retracted in 2024" in str(refused.value)
    assert "Question 0?" in str(refused.value)  # the section that cites it

    client.force_login(editor)
    retraction = Retraction.objects.get(record_id=1)
    url = reverse("admin:articles_article_trust", args=[approved_change.pk, "acknowledge"])
    response = client.post(url, {"retraction": retraction.pk, "note": "Replaced the claim."})
    assert response.status_code == 302
    acknowledgement = RetractionAcknowledgement.objects.get(article=approved_change)
    assert acknowledgement.acknowledged_by == editor
    assert not ReviewFlag.objects.filter(article=approved_change, handled_at__isnull=True).exists()

    workflow.publish(approved_change, publisher)  # no longer refused
    approved_change.refresh_from_db()
    assert "More text." in Section.objects.filter(article=approved_change).first().body


def test_publish_page_names_the_blocker(client, approved_change, publisher):
    import_retractions(retraction_csv(row(1, doi="10.1000/abc.123")))
    client.force_login(publisher)
    url = reverse("admin:articles_article_publish", args=[approved_change.pk])
    response = client.post(url, {"when": "now", "seen_version": ""})
    assert "must acknowledge this" in response.content.decode()


def test_the_article_form_lists_retractions_to_acknowledge(client, approved_change, editor):
    import_retractions(retraction_csv(row(1, doi="10.1000/abc.123")))
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[approved_change.pk]))
    panel = BeautifulSoup(response.content, "html.parser").select_one(".trust-panel")
    assert "doi-ref" in panel.get_text()
    assert panel.find("button", string="Acknowledge")
