"""The ten references printed at the end of the source article, as structured data.

They are loaded exactly as printed. The source gives no DOI, PubMed ID or URL for any of
them, and some could not be found in public indexes, so `doi`, `pmid` and `url` stay empty:
never add an identifier that has not been verified against the publisher or PubMed.

Two small, deliberate clean-ups of the printed text:
- the source page shows "∞" where a title separator (colon) was lost in its typesetting;
  we print a colon instead;
- "et al." is kept where the source truncates the author list (stored as a last "author").
"""

from . import tags as t

REFERENCES = [
    {
        "key": "neal-2018",
        "kind": "journal",
        "authors": "Neal, J. M.; Wagner, J. J.",
        "year": 2018,
        "title": "Oxytocin and Social Behavior: A Review of the Literature",
        "container": "Journal of Neuroendocrinology",
        "volume": "30",
        "issue": "3",
        "pages": "e12569",
        "tags": [t.OXYTOCIN, t.NEUROSCIENCE],
    },
    {
        "key": "de-wied-1977",
        "kind": "chapter",
        "authors": "De Wied, D.; Gispen, W. H.",
        "year": 1977,
        "title": "Behavioral effects of peptides",
        "container": "Peptides in Neurobiology",
        "pages": "397-448",
        "tags": [t.NEUROSCIENCE, t.HORMONES],
    },
    {
        "key": "genazzani-2019",
        "kind": "journal",
        "authors": "Genazzani, A. R.; et al.",
        "year": 2019,
        "title": "The Role of Neurosteroids in Mood and Cognition",
        "container": "Frontiers in Endocrinology",
        "volume": "10",
        "pages": "60",
        "tags": [t.NEUROSCIENCE, t.MENTAL_HEALTH, t.ENDOCRINOLOGY],
    },
    {
        "key": "roney-2007",
        "kind": "journal",
        "authors": "Roney, J. R.; Maestripieri, D.",
        "year": 2007,
        "title": "The effect of testosterone on emotional reactions and social behavior in men",
        "container": "Hormones and Behavior",
        "volume": "52",
        "issue": "1",
        "pages": "1-11",
        "tags": [t.TESTOSTERONE, t.MENS_HEALTH],
    },
    {
        "key": "insel-2010",
        "kind": "journal",
        "authors": "Insel, T. R.",
        "year": 2010,
        "title": (
            "The Challenge of Translation in Social Neuroscience: A Review of Oxytocin, "
            "Vasopressin, and Affiliative Behavior"
        ),
        "container": "Neuron",
        "volume": "65",
        "issue": "6",
        "pages": "768-778",
        "tags": [t.OXYTOCIN, t.NEUROSCIENCE, t.EVIDENCE],
    },
    {
        "key": "resnick-2006",
        "kind": "journal",
        "authors": "Resnick, S. M.; et al.",
        "year": 2006,
        "title": (
            "Testosterone Replacement in Older Men: Effects on Mood, Cognition, and Quality of Life"
        ),
        "container": "Journal of Clinical Endocrinology & Metabolism",
        "volume": "91",
        "issue": "10",
        "pages": "3826-3833",
        "tags": [t.TESTOSTERONE, t.MENS_HEALTH, t.MENTAL_HEALTH],
    },
    {
        "key": "gottfried-2013",
        "kind": "book",
        "authors": "Gottfried, S.",
        "year": 2013,
        "title": (
            "The Hormone Cure: Reclaim Your Body, Youth and Sexual Desire Through the New "
            "Science of Hormonal Balance"
        ),
        "publisher": "HarperOne",
        "tags": [t.HORMONES, t.WOMENS_HEALTH],
    },
    {
        "key": "boron-2017",
        "kind": "book",
        "authors": "Boron, W. F.; Boulpaep, E. L.",
        "year": 2017,
        "title": "Medical Physiology: A Cellular and Molecular Approach",
        "edition": "3rd",
        "publisher": "Elsevier",
        "tags": [t.PHYSIOLOGY, t.ENDOCRINOLOGY],
    },
    {
        "key": "guyton-2016",
        "kind": "book",
        "authors": "Guyton, A. C.; Hall, J. E.",
        "year": 2016,
        "title": "Textbook of Medical Physiology",
        "edition": "13th",
        "publisher": "Elsevier",
        "tags": [t.PHYSIOLOGY, t.ENDOCRINOLOGY],
    },
    {
        "key": "endocrine-society-2018",
        "kind": "guideline",
        "authors": "The Endocrine Society",
        "year": 2018,
        "title": "Clinical Practice Guideline: Testosterone Therapy in Men with Hypogonadism",
        "tags": [t.TESTOSTERONE, t.MENS_HEALTH, t.ENDOCRINOLOGY, t.EVIDENCE],
    },
]
