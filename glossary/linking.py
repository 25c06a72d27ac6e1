"""The glossary linker: link the first mention of each published term in a page.

Cost grows with the length of the text, not the size of the glossary. `GlossaryIndex`
maps each term's names (its name and aliases, whitespace-normalised, case-folded unless
the term is case-sensitive) to the term, and remembers for every first word the longest
name starting with it. `GlossaryLinker` walks the words of each text node once; at a
word that starts some name it tries the longest candidate first and shortens it a word
at a time, so "oxytocin receptor" wins over "oxytocin" and each word costs a few dict
lookups whatever the glossary's size. Names start and end on whole words, so
"oxytocinergic" never matches "oxytocin".

Links never go inside headings, links, code, citations or attributes: the linker edits
text nodes of sanitised HTML only (site_config.markdown.transform_text_nodes).

The index is built once per glossary generation (site_config/cache_keys.py) and shared
through the cache; each process keeps the one it last used.
"""

import html
import re
import threading
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from site_config import cache_keys
from site_config.markdown import transform_text_nodes

from .models import Term

WORD_RE = re.compile(r"\w+")
SKIPPED_ELEMENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "textarea"}
INDEX_CACHE_TIMEOUT = 24 * 3600

# Smart punctuation turns ' into ’ in the text; names are typed with either.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalize_name(text):
    """Whitespace runs as one space, curly apostrophes straight: how names are compared."""
    return " ".join(text.translate(_APOSTROPHES).split())


@dataclass(frozen=True)
class GlossaryEntry:
    term_id: int
    slug: str
    definition: str


class GlossaryIndex:
    """Term names by normalised text, for matching word sequences in O(1) each."""

    def __init__(self, terms):
        """`terms`: (id, name, slug, aliases text, short definition, case sensitive)."""
        self.exact = {}  # case-sensitive names
        self.folded = {}  # case-folded names of the other terms
        self.exact_first_words = {}  # first word -> most words of a name starting with it
        self.folded_first_words = {}
        self.size = 0
        terms = sorted(terms, key=lambda term: (term[1].casefold(), term[0]))
        # Names before aliases: when a term's alias is another term's name, the name wins.
        for use_aliases in (False, True):
            for term_id, name, slug, aliases, definition, case_sensitive in terms:
                entry = GlossaryEntry(term_id, slug, definition)
                names = aliases.splitlines() if use_aliases else [name]
                for text in names:
                    self._add(normalize_name(text), entry, case_sensitive)
        self.size = len(terms)

    def _add(self, name, entry, case_sensitive):
        words = WORD_RE.findall(name)
        if not words or not WORD_RE.match(name) or not re.search(r"\w\Z", name):
            return  # a name must start and end with a word character to match whole words
        names, first_words, first = (
            (self.exact, self.exact_first_words, words[0])
            if case_sensitive
            else (self.folded, self.folded_first_words, words[0].casefold())
        )
        names.setdefault(name if case_sensitive else name.casefold(), entry)
        first_words[first] = max(first_words.get(first, 0), len(words))

    @classmethod
    def from_database(cls):
        return cls(
            Term.objects.public().values_list(
                "id", "name", "slug", "aliases", "short_definition", "case_sensitive"
            )
        )

    def match(self, text, words, index):
        """The longest name starting at words[index]: (entry, index of its last word)."""
        first = words[index].group()
        folded_first = first.casefold()
        exact_longest = self.exact_first_words.get(first, 0)
        folded_longest = self.folded_first_words.get(folded_first, 0)
        longest = min(max(exact_longest, folded_longest), len(words) - index)
        start = words[index].start()
        for last in range(index + longest - 1, index, -1):  # names of several words
            candidate = normalize_name(text[start : words[last].end()])
            count = last - index + 1
            if count <= exact_longest and candidate in self.exact:
                return self.exact[candidate], last
            if count <= folded_longest:
                entry = self.folded.get(candidate.casefold())
                if entry is not None:
                    return entry, last
        # One word: already in normal form (a first word of a name never holds an apostrophe
        # that normalising would straighten, so no such word gets here).
        if exact_longest and first in self.exact:
            return self.exact[first], index
        if folded_longest:
            entry = self.folded.get(folded_first)
            if entry is not None:
                return entry, index
        return None, index


class GlossaryLinker:
    """Links the first mention of each term across all the HTML it is given, in order."""

    def __init__(self, index, exclude_term_id=None):
        self.index = index
        self.exclude_term_id = exclude_term_id
        self.linked_term_ids = []  # in order of first link
        self._linked = set()

    def link(self, html_text):
        """Sanitised HTML with the first mention of each not-yet-linked term linked."""
        if not self.index.size:
            return html_text
        return transform_text_nodes(html_text, self._link_text, skip_element=_skip_element)

    def _link_text(self, escaped_text):
        text = html.unescape(escaped_text) if "&" in escaped_text else escaped_text
        words = list(WORD_RE.finditer(text))
        exact_first_words = self.index.exact_first_words
        folded_first_words = self.index.folded_first_words
        output = []
        done = 0  # end of the text already copied to output
        index = 0
        while index < len(words):
            # Most words start no name: two dict lookups and on to the next.
            word = words[index].group()
            if word not in exact_first_words and word.casefold() not in folded_first_words:
                index += 1
                continue
            entry, last = self.index.match(text, words, index)
            if entry is None:
                index += 1
                continue
            # The whole name is consumed even if it stays plain: a later "oxytocin
            # receptor" is about the receptor, not a new first mention of oxytocin.
            if entry.term_id not in self._linked and entry.term_id != self.exclude_term_id:
                start, end = words[index].start(), words[last].end()
                output.append(escape(text[done:start]))
                output.append(self._anchor(entry, text[start:end]))
                done = end
                self.linked_term_ids.append(entry.term_id)
                self._linked.add(entry.term_id)
            index = last + 1
        if not done:
            return escaped_text
        output.append(escape(text[done:]))
        return "".join(output)

    @staticmethod
    def _anchor(entry, text):
        url = reverse("glossary:detail", kwargs={"slug": entry.slug})
        return (
            f'<a class="glossary-term" href="{escape(url)}" '
            f'data-definition="{escape(entry.definition)}">{escape(text)}</a>'
        )


def _skip_element(name, tag):
    return name in SKIPPED_ELEMENTS or (name == "sup" and 'class="citation' in tag)


# The index this process used last, with the (generation, stamp) it was current for.
_process_index = {"stamp": None, "index": None}
_process_lock = threading.Lock()


def get_glossary_index():
    """The index of published terms for the current glossary generation.

    Built from the database once per generation by whichever server needs it first,
    shared through the cache, and kept in this process for as long as the generation
    and the build stamp in the shared cache say it is current.
    """
    (generation,) = cache_keys.get_generations(cache_keys.GLOSSARY)
    stamp_key = cache_keys.glossary_index_stamp_key(generation)
    index_key = cache_keys.glossary_index_key(generation)
    stamp = cache.get(stamp_key)
    with _process_lock:
        if stamp is not None and _process_index["stamp"] == (generation, stamp):
            return _process_index["index"]
    index = None
    if stamp is not None:
        stored = cache.get(index_key)
        if stored is not None and stored[0] == stamp:
            index = stored[1]
    if index is None:
        index = GlossaryIndex.from_database()
        stamp = uuid.uuid4().hex
        cache.set(index_key, (stamp, index), INDEX_CACHE_TIMEOUT)
        cache.set(stamp_key, stamp, INDEX_CACHE_TIMEOUT)
    with _process_lock:
        _process_index["stamp"] = (generation, stamp)
        _process_index["index"] = index
    return index


def link_glossary_terms(html_text, exclude_term_id=None):
    """Link the first mention of each published term in one piece of sanitised HTML."""
    return GlossaryLinker(get_glossary_index(), exclude_term_id=exclude_term_id).link(html_text)
