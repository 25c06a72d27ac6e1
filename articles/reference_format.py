"""References in APA 7 style, as safe HTML (italics as <i>).

    Journal:  Authors (Year). Title. <i>Journal</i>, <i>Vol</i>(Issue), pages. https://doi.org/…
    Book:     Authors (Year). <i>Title</i> (3rd ed.). Publisher. https://doi.org/…
    Chapter:  Authors (Year). Title. In <i>Book</i> (pp. x–y). Publisher.
    Guideline (a report): Authors (Year). <i>Title</i>. Publisher. URL
    Web page: Authors (Year). <i>Title</i>. Site name. URL

A DOI is shown as an https://doi.org/ link, a PubMed ID as a PubMed link, a URL only when
there is no DOI; identifiers are never invented. Readers are told what an editor found: a work
checked against a record, one that could not be found in any public record, or one not
checked yet (when it has no link a reader could follow to check it themselves).
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

APA_MAX_LISTED_AUTHORS = 20
DOI_URL = "https://doi.org/{}"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
NOT_FOUND_NOTE = "We could not find this work in public bibliographic records."
UNVERIFIED_NOTE = "Not yet checked against a public record."
VERIFIED_NOTES = {
    "doi": "Checked against its DOI record.",
    "pubmed": "Checked against its PubMed record.",
    "publisher": "Checked against the publisher's page.",
    "printed": "Checked against the printed work.",
}

_ORDINAL_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def apa_authors(names):
    """'A', 'A, & B', 'A, B, & C'; beyond 20 authors the first 19, '…', then the last.
    A trailing "et al." (when a source truncates its list) is kept as printed."""
    et_al = bool(names) and names[-1].rstrip(".").casefold() == "et al"
    if et_al:
        names = names[:-1]
    if not names:
        return ""
    if et_al:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) > APA_MAX_LISTED_AUTHORS:
        return ", ".join(names[: APA_MAX_LISTED_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def page_range(pages):
    """'768-778' and '768--778' -> '768–778' (an en dash, as APA prints ranges)."""
    return re.sub(r"\s*(?:-{1,2}|–|—)\s*", "\u2013", pages.strip())


def edition_label(edition):
    """'3' or '3rd' -> '3rd ed.'; 'Rev.' -> 'Rev. ed.'."""
    edition = edition.strip().removesuffix("ed.").removesuffix("edition").strip()
    if edition.isdigit():
        number = int(edition)
        suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIXES.get(number % 10, "th")
        edition = f"{number}{suffix}"
    return f"{edition} ed."


def sentence(text):
    """End with a period unless the text already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def _title_element(text, italic, suffix=""):
    """A title (italic or not) closed with a period, unless it ends in ? or !."""
    text = text.strip()
    body = format_html("<i>{}</i>", text) if italic else escape(text)
    end = "" if text and text[-1] in ".?!" else "."
    return mark_safe(f"{body}{suffix}{end}")


def format_reference(reference):
    """One reference in APA 7 style, as safe HTML."""
    kind = reference.kind
    parts = []
    authors = apa_authors(reference.author_list)
    year = f"({reference.year})" if reference.year else "(n.d.)"
    if authors:
        # "Neal, J. M. (2018)." but "World Health Organization. (2018).": the author
        # element ends with a period, which an initial already provides.
        parts.append(format_html("{} {}.", sentence(authors), year))

    italic_title = kind in ("book", "guideline", "web")
    edition = f" ({edition_label(reference.edition)})" if reference.edition else ""
    title = _title_element(reference.title, italic_title, escape(edition))
    if authors:
        parts.append(title)
    else:
        # No author: the title moves to the author position (APA 7, 9.12).
        parts.append(format_html("{} {}.", title, year))

    container = reference.container.strip()
    pages = page_range(reference.pages) if reference.pages else ""
    if kind == "journal" and container:
        source = format_html("<i>{}</i>", container)
        if reference.volume:
            source = format_html("{}, <i>{}</i>", source, reference.volume)
            if reference.issue:
                source = format_html("{}({})", source, reference.issue)
        if pages:
            source = format_html("{}, {}", source, pages)
        parts.append(format_html("{}.", source))
    elif kind == "chapter" and container:
        in_book = format_html("In <i>{}</i>", container)
        if pages:
            in_book = format_html("{} (pp. {})", in_book, pages)
        parts.append(format_html("{}.", in_book))
    elif container:
        # A web page's site name, or any other container: plain.
        parts.append(escape(sentence(container)))

    publisher = reference.publisher.strip()
    # APA omits the publisher when it is the author (e.g. an organisation's guideline).
    if publisher and publisher != authors.strip():
        parts.append(escape(sentence(publisher)))

    parts.extend(identifier_links(reference))
    return mark_safe(" ".join(str(part) for part in parts))


def web_address(reference):
    """The reference's URL if it is a web address. The form allows nothing else, but rows
    may come from elsewhere, and a javascript: link must never reach a reader."""
    url = reference.url.strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def identifier_links(reference):
    links = []
    url = web_address(reference)
    if reference.doi:
        doi_url = DOI_URL.format(reference.doi)
        links.append(format_html('<a href="{}">{}</a>', doi_url, doi_url))
    elif url:
        links.append(format_html('<a href="{}">{}</a>', url, url))
    if reference.pmid:
        links.append(
            format_html(
                '<a href="{}">PMID: {}</a>', PUBMED_URL.format(reference.pmid), reference.pmid
            )
        )
    note = verification_note(reference, has_link=bool(links))
    if note:
        links.append(format_html('<span class="verification-note">{}</span>', note))
    return links


def verification_note(reference, has_link):
    """What readers are told about how this reference was checked ("" when its links say
    enough: an unchecked work with a DOI can be checked by anyone)."""
    state = getattr(reference, "verification", "unverified")
    if state == "not-found":
        return NOT_FOUND_NOTE
    if state == "verified":
        return VERIFIED_NOTES.get(reference.verified_against, "Checked by our editors.")
    return "" if has_link else UNVERIFIED_NOTE
