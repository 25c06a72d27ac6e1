"""The per-section checks (articles/section_checks.py): reading level by published formulas,
the hardest sentences and why, and the claim heuristic in both directions."""

import socket

import pytest

from articles import section_checks
from articles.section_checks import (
    check_section,
    factual_cues,
    flesch_kincaid_grade,
    has_citation_needed,
    smog_grade,
    syllables,
)

# Reading level -----------------------------------------------------------------------------


def test_flesch_kincaid_matches_the_published_green_eggs_and_ham_figure():
    # Published: 5.7 words a sentence and 1.02 syllables a word give grade -1.3.
    assert round(flesch_kincaid_grade(words=570, syllable_total=581, sentences=100), 1) == -1.3


def test_flesch_kincaid_lowest_possible_grade_is_minus_3_4():
    # Published: one-syllable, one-word sentences are the formula's floor, -3.40.
    assert round(flesch_kincaid_grade(words=10, syllable_total=10, sentences=10), 2) == -3.40


@pytest.mark.parametrize(
    ("polysyllables", "grade"),
    # McLaughlin's (1969) SMOG conversion table for 30 sentences, in the middle of each band
    # (the table rounds the count to a perfect square; the regression formula we use agrees
    # with it there, and within a grade at the edges).
    [(5, 5), (10, 6), (17, 7), (25, 8), (36, 9), (48, 10), (64, 11), (78, 12)],
)
def test_smog_agrees_with_mclaughlins_conversion_table(polysyllables, grade):
    assert round(smog_grade(polysyllables, sentences=30)) == grade


def test_smog_needs_three_sentences():
    assert smog_grade(4, sentences=2) is None
    assert check_section("A short text. Only two sentences here.").smog is None


PLAIN = "The cat sat on the mat. "
ONE_LONG_WORD = "We read the information now. "  # "information" has four syllables


def test_known_text_scores_as_counted_by_hand():
    # 20 sentences of 6 one-syllable words, 10 of 4 one-syllable words and "information":
    # 170 words, 200 syllables, 30 sentences, 10 words of three or more syllables.
    check = check_section(PLAIN * 20 + ONE_LONG_WORD * 10)
    assert len(check.sentences) == 30
    assert check.words == 170
    assert check.smog == pytest.approx(1.043 * 10**0.5 + 3.1291)  # 6.4: table says grade 6
    assert check.flesch_kincaid == pytest.approx(0.39 * 170 / 30 + 11.8 * 200 / 170 - 15.59)


def test_textstat_gives_the_same_scores_on_plain_text():
    text = PLAIN * 20 + ONE_LONG_WORD * 10
    stats = section_checks._textstat()
    check = check_section(text)
    assert check.smog == pytest.approx(stats.smog_index(text))
    assert check.flesch_kincaid == pytest.approx(stats.flesch_kincaid_grade(text))


def test_medical_words_are_not_counted_as_short():
    # pyphen's dictionary alone splits "menopause" into one syllable.
    assert syllables("menopause") == 3
    assert syllables("oxytocin") == 4
    assert syllables("testosterone") == 4
    assert syllables("cat") == 1
    assert syllables("hypothalamus") == 5


def test_scoring_works_without_a_network(monkeypatch):
    section_checks.syllables.cache_clear()
    section_checks._textstat.cache_clear()

    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    check = check_section(
        "Perimenopause brings irregular periods. Oxytocin is a hormone. Sleep matters."
    )
    assert check.smog is not None
    assert check.flesch_kincaid is not None


def test_hardest_sentences_come_with_the_reason():
    long_sentence = "Many " + " ".join(["words"] * 23) + "."
    jargon = "Neurosteroids modulate hypothalamic gonadotropin secretion dramatically."
    check = check_section(f"{PLAIN}{long_sentence} {jargon} {PLAIN}")
    hardest = {sentence.text: sentence.reasons for sentence in check.hardest()}
    assert hardest[long_sentence] == ["long sentence (24 words)"]
    assert hardest[jargon] == ["many long words (6 of three or more syllables)"]
    assert len(check.hardest()) == 3


def test_tables_are_not_scored_but_their_caption_is():
    body = (
        "Table: Levels of estradiol by decade\n\n"
        "| Hormone | Source |\n|---|---|\n| Estradiol | Ovaries and adipose tissue |\n"
    )
    texts = [sentence.text for sentence in check_section(body).sentences]
    assert texts == ["Levels of estradiol by decade"]


def test_citations_and_code_are_not_part_of_the_text():
    check = check_section("Hormones signal [@guyton-2016]. Write `[@key]` to cite.")
    assert [sentence.text for sentence in check.sentences] == [
        "Hormones signal.",
        "Write to cite.",
    ]


# The claim heuristic: flagged ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Menopause happens at about 51 on average.", "a number or dose"),
        ("Up to 80% of women have hot flushes.", "a number or dose"),
        ("The usual dose is 10 mg twice a day.", "a number or dose"),
        ("Hormone therapy is more effective than placebo for hot flushes.", "a comparison"),
        ("The risk of depression is higher during perimenopause.", "a comparison"),
        ("Oxytocin reduces cortisol responses to stress.", "a claim of cause or effect"),
        ("Poor sleep is linked to weight gain.", "a claim of cause or effect"),
        ("Studies show that the nasal spray changes behaviour.", "a claim of cause or effect"),
        ("Brexanolone was approved for postpartum depression.", "a medicine, test or approval"),
        ("Anastrozole is sometimes given with testosterone.", "a medicine, test or approval"),
        ("A blood test measures total testosterone.", "a medicine, test or approval"),
    ],
)
def test_sentences_that_state_a_fact_are_flagged(sentence, cue):
    assert cue in factual_cues(sentence)


# The claim heuristic: not flagged -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Hormones are chemical messengers.",
        "Is oxytocin really the love hormone?",
        "Talk to a clinician if your mood changes for weeks.",
        "If you notice a lasting change, ask for help.",
        "This section explains what each term means.",
        "Oxytocin is made in the hypothalamus.",
        "Your feelings deserve to be taken seriously.",
    ],
)
def test_sentences_that_state_no_fact_are_not_flagged(sentence):
    assert factual_cues(sentence) == []


# Coverage -------------------------------------------------------------------------------------


def test_a_citation_in_the_paragraph_covers_its_factual_sentences():
    check = check_section(
        "Menopause happens at about 51. Hot flushes are common [@nams-2022].\n\n"
        "Oxytocin reduces cortisol responses in some studies."
    )
    assert [sentence.text for sentence in check.unsourced] == [
        "Oxytocin reduces cortisol responses in some studies."
    ]
    assert check.coverage_label() == "1 of 2 factual sentences cite a source"


def test_a_list_shares_the_citation_of_its_lead_in():
    check = check_section(
        "Guidelines list three steps [@endocrine-society-2018]:\n\n"
        "- Measure testosterone twice in the morning.\n"
        "- Measure LH and FSH to find the cause.\n\n"
        "Treatment lowers sperm production."
    )
    assert [sentence.text for sentence in check.unsourced] == ["Treatment lowers sperm production."]


def test_citation_needed_is_unsourced_even_in_a_cited_paragraph():
    check = check_section("Hot flushes are common [@a]. The risk rises [citation needed].")
    assert [sentence.text for sentence in check.unsourced] == ["The risk rises [citation needed]."]
    assert check.citation_needed_count == 1


def test_citation_needed_in_code_is_not_a_mark():
    assert has_citation_needed("Editors write `[citation needed]` after a claim.") is False
    assert has_citation_needed("The risk rises [Citation Needed].") is True


def test_a_section_without_facts_says_so():
    assert check_section("Hormones are messengers.").coverage_label() == (
        "No factual sentences found"
    )
