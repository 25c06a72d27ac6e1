"""Rendering takes time linear in the length of the text, whatever an editor types.

Anyone who can edit a section could otherwise stall every save and every cold read of the
page: Python-Markdown took 35 s over 20 KB of "[". Each generated pathological input is run
through every step the site takes with a section's text (Markdown to safe HTML, citation
numbering, the admin's citation checks, glossary linking, the search index's plain text) at
n and 4n characters. Linear time means about 4 times as long; quadratic would be 16 times.
Times are the process's CPU time (a busy machine's scheduler does not count), best of a few
runs, with slack for constant costs; at the longest text a section may hold the whole lot
stays under an absolute budget.
"""

import time

import pytest

from articles.citations import (
    CitationNumbering,
    citation_spans,
    find_citations,
    strip_citations,
)
from articles.models import Section
from articles.search_index import markdown_to_search_text
from glossary.linking import GlossaryIndex, GlossaryLinker
from site_config.markdown import render_markdown, transform_text_nodes, unmark_citations

SECTION_LIMIT = Section._meta.get_field("body").max_length
SMALL = SECTION_LIMIT // 4
RATIO_LINEAR = 4
RATIO_SLACK = 2.5  # quadratic growth is 16x; linear with noise stays well under 10x
NOISE_SECONDS = 0.01  # timer noise and constant costs that a ratio of tiny times would magnify
BUDGET_SECONDS = 2.0  # every step together, at the section limit, on a slow shared machine


def repeat_to(unit, length):
    return (unit * (length // len(unit) + 1))[:length]


def nested_list_lines(length):
    lines = []
    depth = 0
    while sum(map(len, lines)) < length:
        lines.append("  " * depth + "- item\n")
        depth += 1
    return "".join(lines)[:length]


def link_definitions(length):
    count = length // 30
    definitions = "".join(f"[ref{n}]: /page/{n}\n" for n in range(count))
    uses = "".join(f"[ref{n}] " for n in range(count))
    return (definitions + "\n" + uses)[:length]


def long_table(length):
    return ("| a | b |\n|---|---|\n" + repeat_to("| 1 | oxytocin |\n", length))[:length]


PATHOLOGICAL = {
    "opening brackets": lambda n: "[" * n,
    "closing brackets and parentheses": lambda n: repeat_to("](", n),
    "unclosed links": lambda n: repeat_to("[a](", n),
    "unclosed images": lambda n: repeat_to("![", n),
    "citation-like openings": lambda n: repeat_to("[@", n),
    "unclosed citation groups": lambda n: repeat_to("[@a; ", n),
    "citations": lambda n: repeat_to("[@a] ", n),
    "escaped citations": lambda n: repeat_to("\\[@a] ", n),
    "spaces before a citation": lambda n: " " * (n - 10) + "x [@a] y",
    "asterisk emphasis runs": lambda n: repeat_to("*a", n),
    "underscore emphasis runs": lambda n: repeat_to("_a ", n),
    "mixed emphasis delimiters": lambda n: repeat_to("**_", n),
    "nested emphasis": lambda n: repeat_to("*a **b ", n),
    "deeply nested list": lambda n: repeat_to("- ", n),
    "indented nested lists": nested_list_lines,
    "deeply nested blockquotes": lambda n: repeat_to("> ", n),
    "blockquote markers": lambda n: ">" * n,
    "long table": long_table,
    "wide table": lambda n: "|" + repeat_to("a|", n // 2 - 2) + "\n|" + repeat_to("-|", n // 2 - 2),
    "link reference definitions": link_definitions,
    "backticks": lambda n: "`" * n,
    "code span openings": lambda n: repeat_to("`a ", n),
    "less-than signs": lambda n: "<" * n,
    "tag openings": lambda n: repeat_to("<a ", n),
    "unclosed quoted attributes": lambda n: repeat_to('<a title="', n),
    "nested raw HTML": lambda n: repeat_to("<div>", n),
    "nested raw list items": lambda n: repeat_to("<ul><li>", n),
    "entity openings": lambda n: repeat_to("&#", n),
    "table rules": lambda n: repeat_to("-- ", n - 1) + "x",
    "dashes then a letter": lambda n: "-" * (n - 1) + "x",
    "caption-like paragraphs": lambda n: repeat_to("Table: x\n\n", n),
}

GLOSSARY = GlossaryIndex(
    [
        (1, "a", "a", "", "The letter a.", False),
        (2, "item", "item", "", "An item.", False),
        (3, "oxytocin receptor", "oxytocin-receptor", "OXTR", "A receptor.", False),
        (4, "oxytocin", "oxytocin", "", "A hormone.", False),
    ]
)


def every_step(text):
    """What the site does with a section's text: the page, the admin, the search index."""
    marked = render_markdown(text, mark_citations=True)
    numbered = unmark_citations(CitationNumbering({"a": 1}).render(marked))
    GlossaryLinker(GLOSSARY).link(numbered)
    transform_text_nodes(numbered, str.upper)
    find_citations(text)
    citation_spans(text)
    strip_citations(text)
    markdown_to_search_text(text)


def best_time(text, runs=3):
    times = []
    for _ in range(runs):
        start = time.process_time()
        every_step(text)
        times.append(time.process_time() - start)
    return min(times)


def test_the_inputs_reach_the_sizes_they_claim():
    for name, make in PATHOLOGICAL.items():
        assert SECTION_LIMIT * 0.9 <= len(make(SECTION_LIMIT)) <= SECTION_LIMIT, name
        assert SMALL * 0.9 <= len(make(SMALL)) <= SMALL, name


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_time_grows_linearly_with_pathological_input(name):
    make = PATHOLOGICAL[name]
    small, large = make(SMALL), make(SECTION_LIMIT)
    every_step(small)  # warm-up: imports, compiled patterns, memory
    every_step(large)
    small_time = best_time(small)
    large_time = best_time(large)
    assert large_time < BUDGET_SECONDS, f"{name}: {large_time:.2f} s at the section limit"
    bound = RATIO_LINEAR * RATIO_SLACK * small_time + NOISE_SECONDS
    assert large_time <= bound, (
        f"{name}: {small_time * 1000:.1f} ms at {len(small)} characters, "
        f"{large_time * 1000:.1f} ms at {len(large)}"
    )


def test_a_quadratic_step_would_fail_the_ratio():
    """The bound is not so loose that quadratic time passes: a deliberately quadratic
    function over the same sizes breaks it."""

    def quadratic(text):
        return sum(text.count(text[index]) for index in range(0, len(text), 2))

    def best(text):
        times = []
        for _ in range(3):
            start = time.process_time()
            quadratic(text)
            times.append(time.process_time() - start)
        return min(times)

    small_time, large_time = best("a" * SMALL), best("a" * SECTION_LIMIT)
    assert large_time > RATIO_LINEAR * RATIO_SLACK * small_time + NOISE_SECONDS
