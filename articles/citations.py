"""Citations: the one grammar of `[@key]` and `[@key1; @key2]`, and their numbering.

The grammar, used by the article page, the admin's checks, the search index and the demo:

- a citation span is `[@` to the next `]` on the line, not after an escaping backslash, with
  no other bracket or backtick inside (site_config.markdown finds them in the Markdown
  source and carries them through Markdown as markers, so spans in code stay text);
- it is well formed when it lists reference keys (slugs), each after an `@`, separated by
  semicolons: `parse_citation`;
- the keys a text cites are those of the well-formed spans the page reads as citations
  (outside code), in order of first citation: `cited_keys`;
- `strip_citations` removes every span, for text where citations mean nothing (search).

`CitationNumbering` walks an article's HTML in reading order and replaces each marker with
`<sup class="citation"><a href="#ref-KEY" id="cite-KEY-N">N</a></sup>`:

- numbers follow the first citation of each reference across the whole article;
- a group shows its numbers in ascending order, and three or more consecutive numbers as
  a range ("1–3"). In a range the first and last numbers are links and each reference
  in between gets an empty anchor inside the same superscript, so every citation of
  every reference has an anchor its list entry can link back to.
- `anchors` maps each cited reference id to the anchor ids of its citations, for the
  back-links in the reference list.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from unidecode import unidecode

from site_config.markdown import (
    MARK_START,
    MARKER_RE,
    citation_spans_in_source,
    decode_marker,
    render_markdown,
    transform_text_nodes,
)

KEY_RE = r"[A-Za-z0-9_-]+"
WELL_FORMED_RE = re.compile(rf"\[\s*@{KEY_RE}(?:\s*;\s*@{KEY_RE})*\s*\]")
KEY_IN_GROUP_RE = re.compile(rf"@({KEY_RE})")
# "tissues [@key]." renders as "tissues¹.": the superscript sits against the word. The
# look-behind starts a match only where a run of spaces starts, so a long run costs once.
SPACED_MARKER_RE = re.compile(r"(?<![ \t])[ \t]*" + MARKER_RE.pattern)
RANGE_MIN_LENGTH = 3
HEADING_IN_MESSAGES = 40


@dataclass(frozen=True)
class Citation:
    text: str  # as written, e.g. "[@a; @b]"
    keys: tuple  # in the order written, without repeats; empty when malformed

    @property
    def is_well_formed(self):
        return bool(self.keys)


def parse_citation(text):
    """A Citation for `[@...]` text; malformed ones (e.g. "[@a, b]", "[@]") have no keys."""
    if not WELL_FORMED_RE.fullmatch(text):
        return Citation(text, ())
    return Citation(text, tuple(dict.fromkeys(KEY_IN_GROUP_RE.findall(text))))


def citations_in_html(html_text):
    """Citations marked in rendered HTML, in order, outside code."""
    found = []

    def collect(text):
        found.extend(parse_citation(decode_marker(m.group(1))) for m in MARKER_RE.finditer(text))
        return text

    if MARK_START in html_text:
        transform_text_nodes(html_text, collect)
    return found


def find_citations(markdown_text):
    """Citations in editor Markdown, exactly as the article page will read them."""
    return citations_in_html(render_markdown(markdown_text, mark_citations=True))


def keys_in_order(citations):
    """The keys of these citations, in order of first citation, without repeats."""
    keys = {}
    for citation in citations:
        keys.update(dict.fromkeys(citation.keys))
    return list(keys)


def cited_keys(markdown_text):
    """Reference keys a Markdown text cites, as the page reads them, in order of first
    citation."""
    return keys_in_order(find_citations(markdown_text))


def strip_citations(markdown_text):
    """The text without its citation spans (in code too: for indexing, not for reading)."""
    spans = citation_spans_in_source(markdown_text or "")
    if not spans:
        return markdown_text or ""
    output = []
    position = 0
    for start, end in spans:
        output.append(markdown_text[position:start])
        position = end
    output.append(markdown_text[position:])
    return "".join(output)


def group_numbers(numbers):
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]: runs of RANGE_MIN_LENGTH or more become ranges."""
    runs = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    groups = []
    for run in runs:
        if len(run) >= RANGE_MIN_LENGTH:
            groups.append((run[0], run[-1]))
        else:
            groups.extend((number, number) for number in run)
    return groups


class CitationNumbering:
    """Numbers the citations of one article; feed it the article's parts in reading order."""

    def __init__(self, reference_ids_by_key):
        self.reference_ids_by_key = reference_ids_by_key
        self.numbers = {}  # key -> number
        self.anchors = {}  # reference id -> [anchor ids]
        self.unknown_keys = []

    @property
    def cited_reference_ids(self):
        """Reference ids in citation-number order."""
        return [self.reference_ids_by_key[key] for key in self.numbers]

    def render(self, html_text):
        """Replace the citation markers in one rendered part with numbered superscripts."""
        if MARK_START not in html_text:
            return html_text
        return transform_text_nodes(
            html_text, lambda text: SPACED_MARKER_RE.sub(self._render_marker, text)
        )

    def _render_marker(self, match):
        citation = parse_citation(decode_marker(match.group(1)))
        keys = []
        for key in citation.keys:
            if key in self.reference_ids_by_key:
                keys.append(key)
            else:
                self.unknown_keys.append(key)
        if not keys:
            # Unknown or malformed: the admin refuses these, but a reference may have been
            # deleted since. Show the text as written (and the space before it) rather than
            # a broken link.
            written = match.group(0)
            space = written[: len(written) - len(written.lstrip(" \t"))]
            return space + escape(citation.text)
        anchor_by_number = {}
        for key in keys:
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            anchors = self.anchors.setdefault(self.reference_ids_by_key[key], [])
            anchor = f"cite-{key}-{len(anchors) + 1}"
            anchors.append(anchor)
            anchor_by_number[number] = (key, anchor)
        parts = []
        for first, last in group_numbers(anchor_by_number):
            if first == last:
                parts.append(self._link(first, *anchor_by_number[first]))
                continue
            inner = "".join(
                f'<span class="citation__anchor" id="{escape(anchor_by_number[number][1])}"></span>'
                for number in range(first + 1, last)
            )
            parts.append(
                self._link(first, *anchor_by_number[first])
                + inner
                + "\u2013"
                + self._link(last, *anchor_by_number[last])
            )
        return '<sup class="citation">' + ",".join(parts) + "</sup>"

    @staticmethod
    def _link(number, key, anchor):
        return f'<a href="#ref-{escape(key)}" id="{escape(anchor)}">{number}</a>'


def attach_cited_references(article_id):
    """Add references cited in the article's sections to its reference list (after the
    ones already there), so "cited in" lists and the admin show them."""
    from .models import ArticleReference, Reference, Section

    texts = [
        text
        for body, takeaway in Section.objects.filter(article_id=article_id)
        .order_by("position", "id")
        .values_list("body", "takeaway")
        for text in (body, takeaway)
    ]
    attached = dict(
        ArticleReference.objects.filter(article_id=article_id).values_list(
            "reference__key", "position"
        )
    )
    # Cheap check first: most saves cite nothing new.
    candidates = {key for text in texts for key in KEY_IN_GROUP_RE.findall(text)}
    if candidates <= attached.keys():
        return []
    keys = keys_in_order(citation for text in texts for citation in find_citations(text))
    ids_by_key = dict(
        Reference.objects.filter(key__in=[key for key in keys if key not in attached]).values_list(
            "key", "id"
        )
    )
    position = max(attached.values(), default=-1)
    added = []
    for key in keys:
        if key in ids_by_key:
            position += 1
            added.append(
                ArticleReference.objects.get_or_create(
                    article_id=article_id,
                    reference_id=ids_by_key[key],
                    defaults={"position": position},
                )[0]
            )
    return added


def _section_label(heading):
    heading = " ".join((heading or "").split())
    if not heading:
        return "This section"
    if len(heading) > HEADING_IN_MESSAGES:
        heading = heading[:HEADING_IN_MESSAGES].rstrip() + "..."
    return f"Section '{heading}'"


def citation_errors(heading, markdown_text, part=None):
    """Problems with the citations in one text of a section (or `part`, e.g. a caption), as
    sentences for editors: malformed citations, and unknown keys with the reference they
    most likely mean (articles.citations.likely_reference)."""
    from .models import Reference

    citations = find_citations(markdown_text)
    if not citations:
        return []
    label = part or _section_label(heading)
    errors = [
        f"{label}: “{citation.text}” is not a citation the site can read. Write [@key] for "
        "one source or [@key1; @key2] for several, using the references' keys."
        for citation in citations
        if not citation.is_well_formed
    ]
    keys = list(dict.fromkeys(key for citation in citations for key in citation.keys))
    known = set(Reference.objects.filter(key__in=keys).values_list("key", flat=True))
    unknown = [key for key in keys if key not in known]
    if unknown:
        candidates = list(Reference.objects.values_list("key", "authors", "year", "title"))
        for key in unknown:
            message = f"{label}: no reference with key '{key}'."
            likely = likely_reference(key, candidates)
            if likely:
                message += f" Did you mean '{likely[0]}' ({_short_reference(likely)})?"
            else:
                message += " Add the reference first (Articles › References), then cite it."
            errors.append(message)
    return errors


KEY_WORD_RE = re.compile(r"[^\W_]+")


def likely_reference(key, candidates):
    """The reference an unknown key most likely means, or None.

    `candidates` are (key, authors, year, title) rows. A key names a work by its authors,
    year and title ("holick-2007", "insel-oxytocin"), so its words are matched against those:
    a surname counts most, then the year, then title words. A bare resemblance of spelling
    ("resnick-2006" for "holick-2007") is not enough; a near-identical key (a typo) is.
    """
    words = [word.casefold() for word in KEY_WORD_RE.findall(unidecode(key))]
    names = [word for word in words if not word.isdigit() and len(word) >= 3]
    years = {int(word) for word in words if word.isdigit() and len(word) == 4}
    best, best_score = None, 0.0
    for candidate in candidates:
        other_key, authors, year, title = candidate
        author_words = set(KEY_WORD_RE.findall(unidecode(authors or "").casefold()))
        title_words = set(KEY_WORD_RE.findall(unidecode(title or "").casefold()))
        score = 0.0
        if any(name in author_words for name in names):
            score += 3
        if year in years:
            score += 1.5
        score += sum(0.5 for name in names if name in title_words)
        spelling = difflib.SequenceMatcher(None, key.casefold(), other_key.casefold()).ratio()
        if spelling >= 0.85:
            score += 3
        if score >= 3 and score + spelling / 10 > best_score:
            best, best_score = candidate, score + spelling / 10
    return best


def _short_reference(candidate):
    _, authors, year, title = candidate
    first_author = re.split(r"[;\n]", authors or "")[0].strip()
    title = title if len(title) <= 60 else title[:57].rstrip() + "..."
    return f"{first_author} ({year or 'n.d.'}), {title}"


def citation_spans(markdown_text):
    """(start, end) of each `[@...]` in the Markdown source that the page reads as a
    citation, i.e. not in code and not escaped: each span is swapped for a numbered probe
    and the text rendered, and the probes that come out as citations count."""
    candidates = citation_spans_in_source(markdown_text)
    if not candidates:
        return []
    probe = []
    position = 0
    for number, (start, end) in enumerate(candidates):
        probe.append(markdown_text[position:start])
        probe.append(f"[@probe-{number}]")
        position = end
    probe.append(markdown_text[position:])
    read = set(cited_keys("".join(probe)))
    return [span for number, span in enumerate(candidates) if f"probe-{number}" in read]


def rename_cited_key(old_key, new_key):
    """Rewrite citations of `old_key` as `new_key` in every section; returns the sections
    changed. Saved one by one, so their articles re-render and re-index as after an edit."""
    from django.db.models import Q

    from .models import Section

    key_re = re.compile(rf"@{re.escape(old_key)}(?![A-Za-z0-9_-])")

    def rewrite(text):
        output = []
        position = 0
        for start, end in citation_spans(text):
            citation = text[start:end]
            if old_key in parse_citation(citation).keys:
                citation = key_re.sub(f"@{new_key}", citation)
            output.append(text[position:start] + citation)
            position = end
        output.append(text[position:])
        return "".join(output)

    changed = []
    needle = f"@{old_key}"
    for section in Section.objects.filter(Q(body__contains=needle) | Q(takeaway__contains=needle)):
        body, takeaway = rewrite(section.body), rewrite(section.takeaway)
        if (body, takeaway) != (section.body, section.takeaway):
            section.body, section.takeaway = body, takeaway
            section.save(update_fields=["body", "takeaway"])
            changed.append(section)
    return changed
