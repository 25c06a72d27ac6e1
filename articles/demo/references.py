"""The ten references printed at the end of the source article, as structured data, checked
against public bibliographic records.

Each entry records what the check found (`verification`, `verified_against`,
`verification_note`): readers see whether a work was verified or could not be found. Entries
are corrected where a record showed the printed details were wrong, and a DOI or PubMed ID is
added only where we read it in a record named in the note. Four journal articles, one book
chapter and the 13th edition of the physiology textbook could not be found in any record we
searched: they stay as printed, marked as such.

One clean-up of the printed text: the source page shows "∞" where a title separator (colon)
was lost in its typesetting; we print a colon instead. "et al." is kept where the source
truncates the author list (stored as a last "author").

Also here: the Federal Register notice withdrawing brexanolone's US approval, which the main
article cites, and two papers the sleep article cites (not from the source article), checked
against their public records like the rest.
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
        "verification": "not-found",
        "verification_note": (
            "No record found: searched the title, authors, journal, volume and article number "
            "e12569 in journal and bibliographic pages (December 2026)."
        ),
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
        "verification": "not-found",
        "verification_note": (
            "No record of this chapter found: searches found other de Wied papers on peptides "
            "and behaviour from the 1970s, not this one (December 2026)."
        ),
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
        "verification": "not-found",
        "verification_note": (
            "No record found in Frontiers in Endocrinology volume 10 or bibliographic pages "
            "for this title (December 2026)."
        ),
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
        "verification": "not-found",
        "verification_note": (
            "No record found for this title in Hormones and Behavior 52(1) or bibliographic "
            "pages (December 2026)."
        ),
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
        "pages": "768-779",
        "doi": "10.1016/j.neuron.2010.03.005",
        "verification": "verified",
        "verified_against": "publisher",
        "verification_note": (
            "Neuron full text on the publisher's site (article S0896-6273(10)00176-5) and the "
            "NIH author manuscript: Neuron 65(6), 768-779, doi:10.1016/j.neuron.2010.03.005. "
            "Corrected the printed page range (768-778)."
        ),
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
        "verification": "not-found",
        "verification_note": (
            "No record found for this title in J Clin Endocrinol Metab 91(10) or "
            "bibliographic pages (December 2026)."
        ),
        "tags": [t.TESTOSTERONE, t.MENS_HEALTH, t.MENTAL_HEALTH],
    },
    {
        "key": "gottfried-2013",
        "kind": "book",
        "authors": "Gottfried, S.",
        "year": 2013,
        "title": (
            "The Hormone Cure: Reclaim Balance, Sleep, Sex Drive and Vitality Naturally with "
            "the Gottfried Protocol"
        ),
        "publisher": "Scribner",
        "verification": "verified",
        "verified_against": "printed",
        "verification_note": (
            "Library catalogue record (Iowa City Public Library) and the book's contents pages: "
            "New York, Scribner, 2013, ISBN 9781451666946. Corrected the subtitle and the "
            "publisher (printed as HarperOne)."
        ),
        "tags": [t.HORMONES, t.WOMENS_HEALTH],
    },
    {
        "key": "boron-2017",
        "kind": "book",
        "authors": "Boron, W. F.; Boulpaep, E. L.",
        "year": 2017,
        "title": "Medical Physiology",
        "edition": "3rd",
        "publisher": "Elsevier",
        "verification": "verified",
        "verified_against": "printed",
        "verification_note": (
            "Copyright page of the third edition: “Medical Physiology, Third Edition”, "
            "copyright 2017 by Elsevier, W. F. Boron and E. L. Boulpaep. The subtitle printed "
            "in the source (“A Cellular and Molecular Approach”) is not on it: removed."
        ),
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
        "verification": "not-found",
        "verification_note": (
            "No record of a 13th edition dated 2016 was found. The records read were the 11th "
            "(2006, Guyton and Hall), 12th (2011) and 14th (2021) editions; from the 12th on "
            "the book is titled “Guyton and Hall Textbook of Medical Physiology” with John E. "
            "Hall as author, so the printed authors and title are probably out of date. Kept "
            "as printed until the 13th edition's copyright page is read."
        ),
        "tags": [t.PHYSIOLOGY, t.ENDOCRINOLOGY],
    },
    {
        "key": "endocrine-society-2018",
        "kind": "journal",
        "authors": (
            "Bhasin, S.; Brito, J. P.; Cunningham, G. R.; Hayes, F. J.; Hodis, H. N.; "
            "Matsumoto, A. M.; Snyder, P. J.; Swerdloff, R. S.; Wu, F. C.; Yialamas, M. A."
        ),
        "year": 2018,
        "title": (
            "Testosterone Therapy in Men With Hypogonadism: An Endocrine Society Clinical "
            "Practice Guideline"
        ),
        "container": "Journal of Clinical Endocrinology & Metabolism",
        "volume": "103",
        "issue": "5",
        "pages": "1715-1744",
        "verification": "verified",
        "verified_against": "publisher",
        "verification_note": (
            "The guideline as published (J Clin Endocrinol Metab 103(5), starting page 1715, "
            "the journal's article 4939465; 30 pages) and its NHS Evidence record (published 1 "
            "March 2018): authors are the task force led by S. Bhasin. Corrected the kind, "
            "authors, title and journal. No DOI or PMID was seen in a record, so none is given."
        ),
        "tags": [t.TESTOSTERONE, t.MENS_HEALTH, t.ENDOCRINOLOGY, t.EVIDENCE],
    },
    {
        "key": "fda-2025-zulresso",
        "kind": "web",
        "authors": "Food and Drug Administration",
        "year": 2025,
        "title": (
            "Sage Therapeutics, Inc.; Withdrawal of Approval of a New Drug Application for "
            "ZULRESSO (Brexanolone) Solution, 100 Milligrams/20 Milliliters"
        ),
        "container": "Federal Register",
        "verification_note": (
            "Read in a summary of Federal Register document 2025-04101 (withdrawal effective "
            "14 April 2025, at Sage's request, the product no longer marketed); the notice "
            "itself is still to be read and its address added."
        ),
        "tags": [t.MENTAL_HEALTH, t.PREGNANCY],
    },
    {
        "key": "leproult-1997",
        "kind": "journal",
        "authors": "Leproult, R.; Copinschi, G.; Buxton, O.; Van Cauter, E.",
        "year": 1997,
        "title": "Sleep loss results in an elevation of cortisol levels the next evening",
        "container": "Sleep",
        "volume": "20",
        "issue": "10",
        "pages": "865-870",
        "verification": "verified",
        "verified_against": "publisher",
        "verification_note": (
            "Bibliographic records of the journal article (title, four authors, Sleep 20(10), "
            "865-870, 1997) and its abstract read; no DOI or PMID was read there, so none is "
            "given."
        ),
        "tags": [t.SLEEP, t.STRESS],
    },
    {
        "key": "cadegiani-2016",
        "kind": "journal",
        "authors": "Cadegiani, F. A.; Kater, C. E.",
        "year": 2016,
        "title": "Adrenal fatigue does not exist: a systematic review",
        "container": "BMC Endocrine Disorders",
        "volume": "16",
        "pages": "48",
        "doi": "10.1186/s12902-016-0128-4",
        "pmid": "27557747",
        "verification": "verified",
        "verified_against": "pubmed",
        "verification_note": (
            "PubMed record 27557747 and the publisher's page: BMC Endocrine Disorders 16, "
            "article 48 (24 August 2016), doi:10.1186/s12902-016-0128-4. An erratum was "
            "published on 16 November 2016."
        ),
        "tags": [t.STRESS, t.ENDOCRINOLOGY, t.EVIDENCE],
    },
]
