"""The topic tags used by the demo content.

Every tag named in `articles.py`, `glossary.py` or `references.py` must be in this list, so
a typo does not quietly create a new topic (a test checks this).
"""

HORMONES = "hormones"
OXYTOCIN = "oxytocin"
ENDOCRINOLOGY = "endocrinology"
MENTAL_HEALTH = "mental health"
STRESS = "stress"
SLEEP = "sleep"
MENS_HEALTH = "men's health"
WOMENS_HEALTH = "women's health"
MENOPAUSE = "menopause"
NEUROSCIENCE = "neuroscience"
TESTOSTERONE = "testosterone"
EVIDENCE = "evidence"
LAB_TESTS = "lab tests"
MEDICINES = "medicines"
PHYSIOLOGY = "physiology"
PREGNANCY = "pregnancy"

ALL_TAGS = [
    HORMONES,
    OXYTOCIN,
    ENDOCRINOLOGY,
    MENTAL_HEALTH,
    STRESS,
    SLEEP,
    MENS_HEALTH,
    WOMENS_HEALTH,
    MENOPAUSE,
    NEUROSCIENCE,
    TESTOSTERONE,
    EVIDENCE,
    LAB_TESTS,
    MEDICINES,
    PHYSIOLOGY,
    PREGNANCY,
]
