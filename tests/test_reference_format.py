"""References in APA 7 style, and the admin's checks of DOIs and PubMed IDs."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from articles.models import Reference
from articles.reference_format import (
    NOT_FOUND_NOTE,
    UNVERIFIED_NOTE,
    apa_authors,
    format_reference,
)
from tests.admin_forms import form_data


def text_of(html):
    return BeautifulSoup(str(html), "html.parser").get_text()


def journal(**fields):
    values = {
        "kind": Reference.Kind.JOURNAL,
        "authors": "Neal, J. M.; Wagner, J. J.",
        "year": 2018,
        "title": "Oxytocin and social behavior: A review of the literature",
        "container": "Journal of Neuroendocrinology",
        "volume": "30",
        "issue": "3",
        "pages": "e12569",
    }
    values.update(fields)
    return Reference(**values)


def test_journal_article():
    html = format_reference(journal(doi="10.1111/jne.12569"))
    assert str(html) == (
        "Neal, J. M., &amp; Wagner, J. J. (2018). Oxytocin and social behavior: A review of "
        "the literature. <i>Journal of Neuroendocrinology</i>, <i>30</i>(3), e12569. "
        '<a href="https://doi.org/10.1111/jne.12569">https://doi.org/10.1111/jne.12569</a>'
    )


def test_journal_page_range_uses_an_en_dash():
    assert "1\u201311." in text_of(format_reference(journal(pages="1-11")))


def test_book_with_edition():
    book = Reference(
        kind=Reference.Kind.BOOK,
        authors="Hall, J. E.; Hall, M. E.",
        year=2020,
        title="Guyton and Hall textbook of medical physiology",
        edition="14",
        publisher="Elsevier",
    )
    assert text_of(format_reference(book)).startswith(
        "Hall, J. E., & Hall, M. E. (2020). Guyton and Hall textbook of medical physiology "
        "(14th ed.). Elsevier."
    )
    assert "<i>Guyton and Hall textbook of medical physiology</i> (14th ed.)." in str(
        format_reference(book)
    )


def test_book_chapter():
    chapter = Reference(
        kind=Reference.Kind.CHAPTER,
        authors="De Wied, D.; Gispen, W. H.",
        year=1977,
        title="Behavioral effects of peptides",
        container="Peptides in neurobiology",
        pages="397-448",
        publisher="Plenum Press",
    )
    assert str(format_reference(chapter)).startswith(
        "De Wied, D., &amp; Gispen, W. H. (1977). Behavioral effects of peptides. "
        "In <i>Peptides in neurobiology</i> (pp. 397\u2013448). Plenum Press."
    )


def test_guideline_by_an_organisation_omits_the_publisher_that_is_the_author():
    guideline = Reference(
        kind=Reference.Kind.GUIDELINE,
        authors="Endocrine Society",
        year=2018,
        title="Testosterone therapy in men with hypogonadism",
        publisher="Endocrine Society",
        url="https://www.endocrine.org/guidelines",
    )
    assert text_of(format_reference(guideline)) == (
        "Endocrine Society. (2018). Testosterone therapy in men with hypogonadism. "
        "https://www.endocrine.org/guidelines"
    )


def test_web_page():
    web = Reference(
        kind=Reference.Kind.WEB,
        authors="National Health Service",
        title="Menopause",
        container="NHS",
        url="https://www.nhs.uk/conditions/menopause/",
    )
    html = str(format_reference(web))
    assert html.startswith("National Health Service. (n.d.). <i>Menopause</i>. NHS. ")
    assert 'href="https://www.nhs.uk/conditions/menopause/"' in html


def test_pmid_links_to_pubmed():
    html = format_reference(journal(pmid="20435004"))
    link = BeautifulSoup(str(html), "html.parser").find("a")
    assert link["href"] == "https://pubmed.ncbi.nlm.nih.gov/20435004/"
    assert link.get_text() == "PMID: 20435004"


def test_unchecked_reference_without_identifier_says_it_was_not_checked():
    html = format_reference(journal())
    note = BeautifulSoup(str(html), "html.parser").select_one(".verification-note")
    assert note.get_text() == UNVERIFIED_NOTE
    assert "<a " not in str(html)


def test_reference_that_could_not_be_found_says_so_plainly():
    html = str(format_reference(journal(verification="not-found")))
    assert NOT_FOUND_NOTE in html
    assert "no DOI" not in html


def test_verified_reference_says_what_it_was_checked_against():
    html = str(format_reference(journal(verification="verified", verified_against="printed")))
    assert "Checked against the printed work." in html


def test_unchecked_reference_with_a_doi_shows_the_link_and_no_note():
    html = str(format_reference(journal(doi="10.1016/j.neuron.2010.03.005")))
    assert 'href="https://doi.org/10.1016/j.neuron.2010.03.005"' in html
    assert "verification-note" not in html
    assert "no DOI" not in html


def test_missing_year_is_no_date():
    assert "(n.d.)." in text_of(format_reference(journal(year=None)))


def test_title_ending_in_a_question_mark_gets_no_period():
    assert "Why do we bond? <i>" in str(format_reference(journal(title="Why do we bond?")))


def test_et_al_is_kept_as_printed():
    assert apa_authors(["Genazzani, A. R.", "et al."]) == "Genazzani, A. R., et al."


def test_more_than_twenty_authors_lists_nineteen_then_the_last():
    names = [f"Author{n}, A." for n in range(1, 26)]
    listed = apa_authors(names)
    assert listed.startswith("Author1, A., ") and "Author19, A., . . . Author25, A." in listed
    assert "Author20" not in listed


def test_editor_text_is_escaped():
    html = str(format_reference(journal(title="<script>alert(1)</script>")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_reference_list_uses_the_apa_format(client, reference_factory):
    reference_factory(key="neal-2018", title="Oxytocin review", doi="10.1111/jne.12569")
    soup = BeautifulSoup(client.get("/references/").content, "html.parser")
    entry = soup.select_one("#ref-neal-2018 .reference")
    assert entry.select_one("a")["href"] == "https://doi.org/10.1111/jne.12569"


# ---- Admin form: DOI and PMID --------------------------------------------------------------


@pytest.fixture
def reference_change(staff_client, reference_factory):
    reference = reference_factory(key="neal-2018")
    url = f"/admin/articles/reference/{reference.pk}/change/"

    def post(**changes):
        data = form_data(staff_client.get(url), "reference_form")
        data.update(changes)
        return staff_client.post(url, data), reference

    return post


def field_errors(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.select_one(f".field-{name}")
    return [li.get_text() for li in row.select(".errorlist li")]


def test_doi_pasted_as_a_link_is_stored_bare(reference_change):
    response, reference = reference_change(doi="https://doi.org/10.1111/jne.12569")
    assert response.status_code == HTTPStatus.FOUND
    reference.refresh_from_db()
    assert reference.doi == "10.1111/jne.12569"


def test_invalid_doi_gets_a_clear_message(reference_change):
    response, _ = reference_change(doi="jne.12569")
    assert field_errors(response, "doi") == [
        "“jne.12569” is not a DOI. A DOI starts with “10.”, then the publisher's number, a "
        "slash and the item's code, e.g. 10.1016/j.neuron.2010.03.005. Copy it from the "
        "article's page, or leave this empty if the source has none."
    ]


def test_pmid_with_prefix_is_stored_as_digits(reference_change):
    response, reference = reference_change(pmid="PMID: 20435004")
    assert response.status_code == HTTPStatus.FOUND
    reference.refresh_from_db()
    assert reference.pmid == "20435004"


def test_invalid_pmid_gets_a_clear_message(reference_change):
    response, _ = reference_change(pmid="PMC1234")
    assert field_errors(response, "pmid")[0].startswith(
        "“PMC1234” is not a PubMed ID. A PMID is a number of up to 9 digits"
    )


def test_rejected_reference_keeps_the_editors_text(reference_change):
    response, _ = reference_change(title="A new title", doi="not-a-doi")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=title]")["value"] == "A new title"


def test_url_that_is_not_a_web_address_is_never_linked():
    html = str(format_reference(journal(url="javascript:alert(1)")))
    assert "javascript:" not in html
    assert UNVERIFIED_NOTE in html


def test_reference_authors_display_is_the_apa_author_list():
    names = [f"Author{n}, A." for n in range(1, 26)]
    reference = Reference(authors="\n".join(names))
    assert reference.authors_display == apa_authors(names)
    assert reference.authors_display.endswith("Author19, A., . . . Author25, A.")
