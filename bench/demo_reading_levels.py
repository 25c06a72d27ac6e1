"""Reading level and evidence coverage of the demo articles, per section and per level.

    .venv/bin/python bench/demo_reading_levels.py            # table of every section
    .venv/bin/python bench/demo_reading_levels.py --unsourced  # also list unsourced sentences

Scores come from the project's own checks (articles/section_checks.py), on the demo content as
written in articles/demo/articles.py; no database is needed. Targets are the Site settings
defaults (site_config/models.py): the highest SMOG grade per level, Academic reported only.
"Per level" pools the words, sentences and syllables of every section of that level.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
os.environ.setdefault("SECRET_KEY", "demo-reading-levels-only")  # nothing is signed or served

import django  # noqa: E402

django.setup()

from articles.demo.articles import ARTICLES  # noqa: E402
from articles.section_checks import (  # noqa: E402
    check_section,
    flesch_kincaid_grade,
    smog_grade,
    syllables,
    words_of,
)
from site_config.models import SiteSettings  # noqa: E402

LEVELS = ["fundamentals", "intermediate", "academic", "reflection"]


def default_targets():
    return SiteSettings().reading_targets()


def pooled_grades(checks):
    """SMOG and Flesch-Kincaid grade of several sections read as one text."""
    words = syllable_total = polysyllables = sentences = 0
    for check in checks:
        sentences += len(check.sentences)
        for sentence in check.sentences:
            for word in words_of(sentence.text):
                count = syllables(word)
                words += 1
                syllable_total += count
                polysyllables += count >= 3
    return (
        smog_grade(polysyllables, sentences),
        flesch_kincaid_grade(words, syllable_total, sentences),
        words / sentences if sentences else 0,
    )


def fmt(value):
    return "-" if value is None else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unsourced", action="store_true", help="list unsourced sentences")
    options = parser.parse_args()
    targets = default_targets()
    by_level = {level: [] for level in LEVELS}
    failures = 0
    print(f"{'article / section':58} {'level':13} {'SMOG':>5} {'FK':>5} {'target':>6} coverage")
    for article in ARTICLES:
        print(article["slug"])
        for section in article["sections"]:
            check = check_section(section["body"], section.get("takeaway", ""))
            by_level[section["level"]].append(check)
            target = targets.get(section["level"])
            above = target is not None and (check.smog is None or check.smog > target)
            unsourced = len(check.unsourced)
            failures += above + bool(unsourced)
            flag = " ABOVE TARGET" if above else ""
            print(
                f"  {section['anchor'][:56]:56} {section['level']:13} {fmt(check.smog):>5} "
                f"{fmt(check.flesch_kincaid):>5} {fmt(target):>6} "
                f"{check.sourced_count}/{len(check.factual)}{flag}"
            )
            if options.unsourced:
                for sentence in check.unsourced:
                    print(f"      unsourced ({', '.join(sentence.cues)}): {sentence.text}")
    print()
    print(f"{'level (all demo articles)':28} {'SMOG':>5} {'FK':>5} {'words/sentence':>15}")
    for level in LEVELS:
        smog, fk, per_sentence = pooled_grades(by_level[level])
        print(f"{level:28} {fmt(smog):>5} {fmt(fk):>5} {per_sentence:15.1f}")
    print()
    print(f"{failures} problem(s): sections above target or with unsourced factual sentences.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
