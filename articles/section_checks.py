"""Checks an editor sees beside each section: reading level and evidence coverage.

Pure Python, no database: `check_section(body, takeaway)` takes a section's Markdown as the
editor typed it and returns what the admin shows (articles/admin/section_checks.py serves it
as JSON to static/js/section-checks.js; Section.save stores the numbers for the article list).

**The text readers see.** The Markdown is rendered as the article page renders it; what is
scored is the text of its paragraphs, list items and block quotes plus the take-away, without
citations, code or tables (a table's cells are not sentences; its caption is).

**Reading level.** Two published grade formulas, on the whole section:
- SMOG (McLaughlin 1969), the one recommended for health information:
  1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291, where a polysyllable is a word of
  three or more syllables. It needs at least three sentences; shorter texts are not scored.
- Flesch-Kincaid grade (Kincaid et al. 1975):
  0.39 * words / sentences + 11.8 * syllables / words - 15.59.
Syllables: textstat 0.7.4 counts them with pyphen's hyphenation dictionary, which never
counts too many but misses breaks in words it does not know, many of them medical
("menopause" comes out as one syllable). We take the larger of that count and a vowel-group
count (`vowel_group_syllables`), so medical words are not scored as easy. Both formulas only
count: they do not know whether a reader knows a word, and a short sentence of plain words
can still be hard to follow. They are a prompt to look again, not a verdict.

**Hardest sentences.** Each sentence gets the Flesch-Kincaid grade it would have alone; the
three highest are shown with why: a long sentence (more than LONG_SENTENCE_WORDS words) or
many long words (LONG_WORDS_IN_SENTENCE or more words of three or more syllables).

**Evidence coverage** (the claim heuristic). A sentence states a fact when it has any of:
- a number, percentage, dose or unit ("51", "30%", "10 mg", "twice a week"),
- a comparison ("higher", "lower", "fewer", "more likely", "most effective", "than"),
- a causal or evidence verb ("increases", "reduces", "causes", "prevents", "linked to",
  "associated with", "studies show", "research suggests", "trials found"),
- a drug, medical test or approval ("testosterone therapy", "blood test", "approved"),
  from the word lists below.
A factual sentence is *sourced* when its paragraph has a citation ([@key]); a list whose
lead-in paragraph ends in a colon shares that paragraph's citations. `[citation needed]`
marks a sentence as unsourced whatever it says. Questions, and sentences that only address
the reader ("talk to a clinician", "you may want to"), are never counted as facts.
It is a heuristic: it flags some sentences that need no source (definitions with a number)
and misses claims phrased without any of these cues. Editors decide; the list is a prompt.
"""

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from site_config.markdown import MARKER_RE, decode_marker, render_markdown

CITATION_NEEDED = "[citation needed]"
CITATION_NEEDED_RE = re.compile(r"\[\s*citation\s+needed\s*\]", re.IGNORECASE)

LONG_SENTENCE_WORDS = 20
LONG_WORDS_IN_SENTENCE = 4
HARDEST_SHOWN = 3
SMOG_MIN_SENTENCES = 3


# Plain text of a section ------------------------------------------------------------------

BLOCK_RE = re.compile(
    r"<(p|li|h[1-6]|blockquote|table|caption|ul|ol)(?:\s[^>]*)?>|</(p|li|h[1-6]|blockquote|"
    r"table|caption|ul|ol)>",
    re.IGNORECASE,
)
TAG_RE = re.compile(r"<[^>]+>")
CODE_RE = re.compile(r"<(pre|code)[\s>].*?</\1>", re.IGNORECASE | re.DOTALL)
TABLE_CAPTION_RE = re.compile(r"^Table:\s+", re.IGNORECASE)
SPACED_MARKER_RE = re.compile(r"\s*" + MARKER_RE.pattern)


@dataclass
class Paragraph:
    text: str  # as readers see it, citations removed
    cites: bool  # has at least one well-formed citation
    is_list_item: bool = False
    in_table: bool = False


def paragraphs_of(markdown_text):
    """The blocks of text readers see, in order, each with whether it cites a source."""
    html = CODE_RE.sub(" ", render_markdown(markdown_text or "", mark_citations=True))
    paragraphs = []
    depth = {"table": 0, "list": 0}
    position = 0
    pending = []

    def flush(is_list_item=False, is_caption=False):
        raw = "".join(pending).strip()
        pending.clear()
        if not raw:
            return
        cites = any(re.search(r"@[A-Za-z0-9_-]", decode_marker(m.group(1))) for m in
                    MARKER_RE.finditer(raw))  # fmt: skip
        text = unescape(TAG_RE.sub("", SPACED_MARKER_RE.sub("", raw)))
        text = " ".join(TABLE_CAPTION_RE.sub("", text.strip()).split())
        if text:
            in_table = depth["table"] > 0 and not is_caption
            paragraphs.append(Paragraph(text, cites, is_list_item, in_table))

    for match in BLOCK_RE.finditer(html):
        pending.append(html[position : match.start()])
        position = match.end()
        opening, closing = match.group(1), match.group(2)
        name = (opening or closing).lower()
        flush(
            is_list_item=name == "li" and closing is not None,
            is_caption=name == "caption" and closing is not None,
        )
        if name == "table":
            depth["table"] += 1 if opening else -1
    pending.append(html[position:])
    flush()
    return paragraphs


# Sentences and syllables ------------------------------------------------------------------

ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "prof", "al", "fig", "approx"}
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def split_sentences(text):
    """Sentences of one paragraph; "e.g." and "et al." do not end one."""
    sentences = []
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        before = text[start : match.start()].rstrip('"”’)]')
        last_word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
        if last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if WORD_RE.search(sentence)]


def words_of(sentence):
    return WORD_RE.findall(sentence)


def vowel_group_syllables(word):
    """Syllables by groups of vowels, without a silent final e ("menopause": 3)."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


@lru_cache(maxsize=1)
def _textstat():
    import warnings

    with warnings.catch_warnings():
        # textstat 0.7.4 imports pkg_resources, which warns that it is deprecated.
        warnings.simplefilter("ignore")
        from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_rounding(False)
    return stats


@lru_cache(maxsize=20000)
def syllables(word):
    """Syllables of one word: the larger of pyphen's count (via textstat) and the vowel
    groups, since hyphenation dictionaries miss breaks in words they do not know."""
    if any(character.isdigit() for character in word):
        return 1  # "51" is read "fifty-one", but one token of a number reads as one step
    return max(_textstat().syllable_count(word), vowel_group_syllables(word))


def smog_grade(polysyllables, sentences):
    if sentences < SMOG_MIN_SENTENCES:
        return None
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def flesch_kincaid_grade(words, syllable_total, sentences):
    if not words or not sentences:
        return None
    return 0.39 * words / sentences + 11.8 * syllable_total / words - 15.59


# The claim heuristic -----------------------------------------------------------------------

NUMBER_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent|per ?cent|mg|mcg|µg|g|kg|ml|mL|l|IU|units?|mmol|nmol|"
    r"pg|ng|hours?|days?|weeks?|months?|years?|times)?\b|\b(?:once|twice|half|double|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?)\s+"
    r"(?:a|per|in|of|times|percent|out)\b",
    re.IGNORECASE,
)
COMPARISON_RE = re.compile(
    r"\b(?:higher|lower|greater|fewer|smaller|larger|better|worse|faster|slower)\b"
    r"|\b(?:more|less|most|least)\s+(?:\w+\s+)?(?:than|effective|likely|common|often|"
    r"frequent)\b|\b(?:than|compared with|compared to|versus)\b",
    re.IGNORECASE,
)
CAUSAL_RE = re.compile(
    r"\b(?:increas|reduc|decreas|caus|prevent|improv|lower|rais|raise|trigger|protect|"
    r"suppress|stimulat|inhibit|block|treat|cure|worsen|boost|damag|harm)(?:e|es|ed|ing|s)?\b"
    r"|\blinked (?:to|with)\b|\bassociated with\b|\bleads? to\b|\bresults? in\b|\brisk of\b"
    r"|\b(?:studies|study|research|trials?|evidence|experiments?|data|surveys?|reviews?|"
    r"meta-analys[ie]s)\s+(?:\w+\s+)?(?:show|shows|showed|suggest|suggests|suggested|found|"
    r"find|finds|indicate|indicates|confirm|confirms|report|reports|reported)\b",
    re.IGNORECASE,
)
DRUG_OR_TEST_RE = re.compile(
    r"\b(?:therapy|treatment|medicine|medication|drug|dose|doses|dosing|tablet|injection|"
    r"prescri\w*|approv\w*|licensed|withdrawn|FDA|EMA|MHRA|NICE|guidelines? (?:recommend|"
    r"advise|suggest)\w*|blood tests?|tests? (?:shows?|measures?)|screening|diagnos\w+|"
    r"[a-z]+(?:olone|sterone|estrol|tradiol|azole|mab|nib|pril|sartan|statin|mycin|cillin|"
    r"oxetine|pam|lam|relin|morelin))\b",
    re.IGNORECASE,
)
ADVICE_RE = re.compile(
    r"^(?:if you|you (?:may|might|can|could|should)|talk|ask|consider|see|contact|call|"
    r"speak|be cautious|make sure|before you|it can help)\b",
    re.IGNORECASE,
)


def factual_cues(sentence):
    """Why a sentence reads as a statement of fact (empty when it does not)."""
    if sentence.rstrip().endswith("?") or ADVICE_RE.match(sentence.strip()):
        return []
    cues = []
    if NUMBER_RE.search(sentence):
        cues.append("a number or dose")
    if COMPARISON_RE.search(sentence):
        cues.append("a comparison")
    if CAUSAL_RE.search(sentence):
        cues.append("a claim of cause or effect")
    if DRUG_OR_TEST_RE.search(sentence):
        cues.append("a medicine, test or approval")
    return cues


# The whole check ---------------------------------------------------------------------------


@dataclass
class SentenceInfo:
    text: str
    words: int
    long_words: int
    grade: float
    cites: bool = False
    cues: list = field(default_factory=list)
    citation_needed: bool = False

    @property
    def reasons(self):
        reasons = []
        if self.words > LONG_SENTENCE_WORDS:
            reasons.append(f"long sentence ({self.words} words)")
        if self.long_words >= LONG_WORDS_IN_SENTENCE:
            reasons.append(f"many long words ({self.long_words} of three or more syllables)")
        return reasons

    @property
    def is_factual(self):
        return bool(self.cues) or self.citation_needed

    @property
    def is_unsourced(self):
        return self.citation_needed or (self.is_factual and not self.cites)


@dataclass
class SectionCheck:
    sentences: list
    smog: float | None
    flesch_kincaid: float | None
    words: int

    @property
    def factual(self):
        return [sentence for sentence in self.sentences if sentence.is_factual]

    @property
    def unsourced(self):
        return [sentence for sentence in self.sentences if sentence.is_unsourced]

    @property
    def sourced_count(self):
        return len(self.factual) - len(self.unsourced)

    @property
    def citation_needed_count(self):
        return sum(sentence.citation_needed for sentence in self.sentences)

    def hardest(self, count=HARDEST_SHOWN):
        # Sentences with a reason to show come first: a short sentence of two long words can
        # have a high grade on its own, but there is less to change in it.
        ranked = sorted(
            self.sentences, key=lambda sentence: (not sentence.reasons, -sentence.grade)
        )
        return [sentence for sentence in ranked[:count] if sentence.words > 0]

    def coverage_label(self):
        total = len(self.factual)
        if not total:
            return "No factual sentences found"
        return f"{self.sourced_count} of {total} factual sentences cite a source"


def sentence_info(text, cites):
    words = words_of(text)
    counts = [syllables(word) for word in words]
    grade = flesch_kincaid_grade(len(words), sum(counts), 1) if words else 0.0
    needed = bool(CITATION_NEEDED_RE.search(text))
    shown = " ".join(CITATION_NEEDED_RE.sub(CITATION_NEEDED, text).split())
    return SentenceInfo(
        text=shown,
        words=len(words),
        long_words=sum(count >= 3 for count in counts),
        grade=grade,
        cites=cites,
        cues=factual_cues(CITATION_NEEDED_RE.sub("", text)),
        citation_needed=needed,
    )


def check_section(body, takeaway=""):
    """Reading level, hardest sentences and evidence coverage of one section's text."""
    paragraphs = [p for p in paragraphs_of(body) if not p.in_table]
    paragraphs += paragraphs_of(takeaway)
    sentences = []
    lead_in_cites = False
    for paragraph in paragraphs:
        if paragraph.is_list_item:
            cites = paragraph.cites or lead_in_cites
        else:
            cites = paragraph.cites
            lead_in_cites = paragraph.cites and paragraph.text.rstrip().endswith(":")
        for text in split_sentences(paragraph.text):
            sentences.append(sentence_info(text, cites))
    words = sum(sentence.words for sentence in sentences)
    syllable_total = 0
    polysyllables = 0
    for sentence in sentences:
        for word in words_of(sentence.text):
            count = syllables(word)
            syllable_total += count
            polysyllables += count >= 3
    return SectionCheck(
        sentences=sentences,
        smog=smog_grade(polysyllables, len(sentences)),
        flesch_kincaid=flesch_kincaid_grade(words, syllable_total, len(sentences)),
        words=words,
    )


def has_citation_needed(markdown_text):
    """Whether readers' text (outside code) still holds a [citation needed] mark."""
    return any(
        CITATION_NEEDED_RE.search(paragraph.text) for paragraph in paragraphs_of(markdown_text)
    )
