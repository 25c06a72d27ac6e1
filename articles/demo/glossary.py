"""Demo glossary terms.

Each term: name, slug, aliases (abbreviations, synonyms and plurals that should link to the
term), short_definition (plain text, the hover popover), body (Markdown), related (other
slugs), tags, case_sensitive.

About case sensitivity: `case_sensitive` applies to a term's name and all its aliases. The
abbreviations used here (LH, FSH, OXTR, TRT, HPA axis, SHBG, ...) are not ordinary English
words, so matching them case-insensitively is harmless, and it lets the full names match at
the start of a sentence too. They are therefore aliases of case-insensitive terms. The one
exception is GABA, a short all-caps name on its own term, kept case-sensitive to show the
option.

Aliases must not repeat another term's name or alias (a test checks this), so every
abbreviation points to exactly one term.
"""

import textwrap

from . import tags as t


def md(text):
    return textwrap.dedent(text).strip()


def term(name, slug, aliases, short_definition, body, related=(), tags=(), case_sensitive=False):
    return {
        "name": name,
        "slug": slug,
        "aliases": list(aliases),
        "short_definition": short_definition,
        "body": md(body),
        "related": list(related),
        "tags": list(tags),
        "case_sensitive": case_sensitive,
    }


TERMS = [
    # Basic ideas ------------------------------------------------------------------------------
    term(
        "hormone",
        "hormone",
        ["hormones"],
        "A chemical messenger released by a gland or specialized cells, usually into the blood, "
        "that changes the activity of cells elsewhere in the body.",
        """
        Hormones carry instructions between organs. Each one acts only on cells that have a
        matching receptor, so the same hormone can have different effects in different
        tissues.

        Most hormones are either **steroids**, made from cholesterol (for example cortisol and
        testosterone), or **peptides and proteins**, made from amino acids (for example insulin
        and oxytocin).
        """,
        related=["endocrine-system", "receptor", "peptide"],
        tags=[t.HORMONES, t.PHYSIOLOGY],
    ),
    term(
        "endocrine system",
        "endocrine-system",
        ["endocrine glands"],
        "The network of glands and tissues that make hormones, including the hypothalamus, "
        "pituitary, thyroid, adrenal glands, pancreas, ovaries and testes.",
        """
        The endocrine system works closely with the nervous and immune systems. Many of its
        glands are controlled by the hypothalamus and pituitary gland through feedback loops.

        Endocrinology is the branch of medicine that studies and treats disorders of this
        system.
        """,
        related=["hormone", "hypothalamus", "pituitary-gland"],
        tags=[t.ENDOCRINOLOGY, t.PHYSIOLOGY],
    ),
    term(
        "receptor",
        "receptor",
        ["receptors"],
        "A protein on or inside a cell that recognizes a specific signaling molecule and "
        "changes the cell's activity in response.",
        """
        Receptors are often compared to locks that only the right key can open. Some sit in
        the cell membrane and act within seconds; others sit inside the cell and change which
        genes are active over hours.

        A cell's sensitivity to a hormone depends partly on how many receptors it carries,
        which can itself change over time.
        """,
        related=["hormone", "oxytocin-receptor", "gaba-a-receptor"],
        tags=[t.PHYSIOLOGY],
    ),
    term(
        "neurotransmitter",
        "neurotransmitter",
        ["neurotransmitters"],
        "A chemical that nerve cells release to pass a signal to another nerve cell or to a "
        "muscle or gland, usually across a synapse.",
        """
        Classic neurotransmitters include glutamate, GABA, dopamine and serotonin. Some
        molecules, such as oxytocin, act as hormones in the blood and as neurotransmitter-like
        signals (neuromodulators) in the brain.
        """,
        related=["gaba", "oxytocin", "receptor"],
        tags=[t.NEUROSCIENCE],
    ),
    term(
        "peptide",
        "peptide",
        ["peptides"],
        "A short chain of amino acids. Many hormones, including oxytocin, vasopressin and "
        "insulin, are peptides.",
        """
        Peptides are smaller than proteins. Peptide hormones usually act on receptors on the
        cell surface because they cannot easily cross cell membranes.

        "Peptides" is also a marketing word for a range of products sold online for muscle,
        sleep or anti-aging. Most of these are not approved medicines, and their quality and
        benefits are often unknown.
        """,
        related=["hormone", "oxytocin", "growth-hormone-secretagogue"],
        tags=[t.HORMONES, t.PHYSIOLOGY],
    ),
    term(
        "negative feedback",
        "negative-feedback",
        ["negative feedback loop"],
        "A control loop in which the result of a process switches the process down, keeping "
        "a hormone level within a range.",
        """
        Most hormone systems use negative feedback: for example, cortisol reduces the release
        of CRH and ACTH, and testosterone reduces the release of GnRH, LH and FSH.

        A consequence is that taking a hormone from outside the body usually reduces the
        body's own production of it.
        """,
        related=["hypothalamic-pituitary-adrenal-axis", "hypothalamic-pituitary-gonadal-axis"],
        tags=[t.PHYSIOLOGY, t.ENDOCRINOLOGY],
    ),
    term(
        "circadian rhythm",
        "circadian-rhythm",
        ["circadian rhythms", "body clock"],
        "A roughly 24-hour cycle in the body's physiology and behavior, set by an internal "
        "clock in the brain and adjusted mainly by light.",
        """
        Sleep and wakefulness, body temperature, cortisol and melatonin all follow circadian
        rhythms. The master clock is the suprachiasmatic nucleus of the hypothalamus.

        Shift work and jet lag disturb these rhythms, which is one reason they can affect
        sleep, mood and metabolism.
        """,
        related=["suprachiasmatic-nucleus", "melatonin", "cortisol"],
        tags=[t.SLEEP, t.PHYSIOLOGY],
    ),
    term(
        "randomized controlled trial",
        "randomized-controlled-trial",
        ["randomized controlled trials", "randomised controlled trial", "RCT"],
        "A study in which participants are assigned by chance to a treatment or a comparison, "
        "such as a placebo, so that differences in outcome can be attributed to the treatment.",
        """
        Randomization balances known and unknown differences between groups. Trials that are
        large, blinded and pre-registered give the most reliable answers about whether a
        treatment works.

        Small or short trials, or those that measure many outcomes, can produce chance
        findings that later studies fail to repeat.
        """,
        related=[],
        tags=[t.EVIDENCE],
    ),
    # Brain and glands -------------------------------------------------------------------------
    term(
        "hypothalamus",
        "hypothalamus",
        [],
        "A small region at the base of the brain that links the nervous system to the "
        "endocrine system and controls the pituitary gland.",
        """
        The hypothalamus regulates body temperature, hunger, thirst, sleep and the stress
        response. It makes releasing hormones such as GnRH and CRH that control the anterior
        pituitary, and it makes oxytocin and vasopressin, which are released from the
        posterior pituitary.
        """,
        related=["pituitary-gland", "paraventricular-nucleus", "suprachiasmatic-nucleus"],
        tags=[t.NEUROSCIENCE, t.ENDOCRINOLOGY],
    ),
    term(
        "pituitary gland",
        "pituitary-gland",
        ["pituitary"],
        "A pea-sized gland below the hypothalamus that releases hormones controlling many "
        "other glands; it has an anterior and a posterior part.",
        """
        The **anterior pituitary** makes hormones such as LH, FSH, ACTH, thyroid-stimulating
        hormone and growth hormone, under the control of releasing hormones from the
        hypothalamus.

        The **posterior pituitary** stores and releases oxytocin and vasopressin, which are
        made by hypothalamic nerve cells whose fibers end there.
        """,
        related=["hypothalamus", "luteinizing-hormone", "adrenocorticotropic-hormone"],
        tags=[t.ENDOCRINOLOGY],
    ),
    term(
        "paraventricular nucleus",
        "paraventricular-nucleus",
        ["PVN"],
        "A cluster of nerve cells in the hypothalamus that makes oxytocin, vasopressin and "
        "CRH and helps coordinate the stress response.",
        """
        Its large (magnocellular) neurons send oxytocin and vasopressin to the posterior
        pituitary. Its smaller (parvocellular) neurons release CRH to the anterior pituitary
        and send fibers to other parts of the brain and spinal cord.
        """,
        related=["hypothalamus", "oxytocin", "corticotropin-releasing-hormone"],
        tags=[t.NEUROSCIENCE],
    ),
    term(
        "suprachiasmatic nucleus",
        "suprachiasmatic-nucleus",
        ["SCN"],
        "The brain's master clock: a small group of cells in the hypothalamus that sets "
        "circadian rhythms using light signals from the eyes.",
        """
        The suprachiasmatic nucleus times daily rhythms such as sleep, melatonin release and
        the morning rise in cortisol.
        """,
        related=["circadian-rhythm", "melatonin", "hypothalamus"],
        tags=[t.SLEEP, t.NEUROSCIENCE],
    ),
    term(
        "amygdala",
        "amygdala",
        ["amygdalae"],
        "A pair of almond-shaped brain structures involved in detecting threats, processing "
        "emotions and learning from emotional experiences.",
        """
        The amygdala carries receptors for oxytocin, vasopressin and steroid hormones. Many
        studies of oxytocin's effects on emotion and social perception look at changes in
        amygdala activity.
        """,
        related=["oxytocin-receptor", "neurotransmitter"],
        tags=[t.NEUROSCIENCE, t.MENTAL_HEALTH],
    ),
    term(
        "adrenal gland",
        "adrenal-gland",
        ["adrenal glands", "adrenals"],
        "One of two small glands on top of the kidneys that make cortisol, aldosterone, "
        "adrenaline and small amounts of sex hormone precursors.",
        """
        The outer layer (cortex) makes steroid hormones such as cortisol under the control of
        ACTH from the pituitary. The inner part (medulla) makes adrenaline as part of the fast
        stress response.
        """,
        related=["cortisol", "adrenocorticotropic-hormone", "hypothalamic-pituitary-adrenal-axis"],
        tags=[t.ENDOCRINOLOGY, t.STRESS],
    ),
    # Axes -------------------------------------------------------------------------------------
    term(
        "hypothalamic-pituitary-gonadal axis",
        "hypothalamic-pituitary-gonadal-axis",
        ["HPG axis"],
        "The hormone chain from the hypothalamus (GnRH) to the pituitary (LH and FSH) to the "
        "testes or ovaries, which controls the sex hormones and fertility.",
        """
        The sex hormones made by the gonads feed back to the hypothalamus and pituitary,
        usually reducing GnRH, LH and FSH. Taking testosterone suppresses this axis, which is
        why it reduces sperm production.
        """,
        related=[
            "gonadotropin-releasing-hormone",
            "luteinizing-hormone",
            "follicle-stimulating-hormone",
            "negative-feedback",
        ],
        tags=[t.ENDOCRINOLOGY, t.HORMONES],
    ),
    term(
        "hypothalamic-pituitary-adrenal axis",
        "hypothalamic-pituitary-adrenal-axis",
        ["HPA axis", "stress axis"],
        "The body's main stress hormone system: the hypothalamus releases CRH, the pituitary "
        "releases ACTH, and the adrenal glands release cortisol.",
        """
        Cortisol feeds back on the hypothalamus and pituitary to end the response. The axis
        also follows a daily rhythm, with cortisol highest soon after waking.

        Long-lasting stress, poor sleep and some illnesses can change how the axis behaves.
        """,
        related=[
            "cortisol",
            "corticotropin-releasing-hormone",
            "adrenocorticotropic-hormone",
            "negative-feedback",
        ],
        tags=[t.STRESS, t.ENDOCRINOLOGY],
    ),
    # Releasing and pituitary hormones -------------------------------------------------------
    term(
        "gonadotropin-releasing hormone",
        "gonadotropin-releasing-hormone",
        ["GnRH"],
        "A hormone released in pulses by the hypothalamus that tells the pituitary to release "
        "LH and FSH.",
        """
        The pulse pattern matters: pulses stimulate the pituitary, while a constant level
        switches it off. Medicines that mimic GnRH use both effects for different purposes.
        """,
        related=["gonadorelin", "luteinizing-hormone", "hypothalamic-pituitary-gonadal-axis"],
        tags=[t.ENDOCRINOLOGY],
    ),
    term(
        "luteinizing hormone",
        "luteinizing-hormone",
        ["LH"],
        "A pituitary hormone that stimulates testosterone production in the testes and "
        "triggers ovulation in the ovaries.",
        """
        In men, a high LH with low testosterone suggests a problem in the testes; a low or
        normal LH with low testosterone suggests a problem in the pituitary or hypothalamus.
        In women, a surge of LH mid-cycle triggers ovulation.
        """,
        related=["follicle-stimulating-hormone", "hypothalamic-pituitary-gonadal-axis"],
        tags=[t.ENDOCRINOLOGY, t.LAB_TESTS],
    ),
    term(
        "follicle-stimulating hormone",
        "follicle-stimulating-hormone",
        ["FSH"],
        "A pituitary hormone that supports sperm production in the testes and the growth of "
        "egg-containing follicles in the ovaries.",
        """
        FSH is measured alongside LH to work out the cause of low testosterone or of fertility
        problems. FSH levels rise after menopause because the ovaries no longer respond.
        """,
        related=["luteinizing-hormone", "hypothalamic-pituitary-gonadal-axis"],
        tags=[t.ENDOCRINOLOGY, t.LAB_TESTS],
    ),
    term(
        "corticotropin-releasing hormone",
        "corticotropin-releasing-hormone",
        ["CRH"],
        "A hormone from the hypothalamus that starts the stress response by telling the "
        "pituitary to release ACTH.",
        """
        Besides its hormonal role, CRH acts in the brain to promote alertness and wakefulness,
        which is one link between stress and poor sleep.
        """,
        related=["adrenocorticotropic-hormone", "hypothalamic-pituitary-adrenal-axis"],
        tags=[t.STRESS, t.ENDOCRINOLOGY],
    ),
    term(
        "adrenocorticotropic hormone",
        "adrenocorticotropic-hormone",
        ["ACTH", "corticotropin"],
        "A pituitary hormone that tells the adrenal glands to make cortisol.",
        """
        ACTH is part of the HPA axis. An ACTH stimulation test, in which a synthetic form is
        injected and cortisol is measured, is used to check whether the adrenal glands can
        make enough cortisol.
        """,
        related=["cortisol", "corticotropin-releasing-hormone", "adrenal-gland"],
        tags=[t.STRESS, t.ENDOCRINOLOGY, t.LAB_TESTS],
    ),
    # Oxytocin and vasopressin ---------------------------------------------------------------
    term(
        "oxytocin",
        "oxytocin",
        [],
        "A peptide hormone made in the hypothalamus that drives contractions in labor and milk "
        "release in breastfeeding, and also acts in the brain on social behavior.",
        """
        Oxytocin is released into the blood from the posterior pituitary and also within the
        brain. Synthetic oxytocin is a hospital medicine used in labor and to reduce bleeding
        after birth.

        Its popular label as the "love hormone" oversimplifies: in people its effects on
        social behavior are modest, depend on context, and are still being studied.
        """,
        related=["oxytocin-receptor", "vasopressin", "hypothalamus", "peptide"],
        tags=[t.OXYTOCIN, t.HORMONES],
    ),
    term(
        "oxytocin receptor",
        "oxytocin-receptor",
        ["OXTR", "oxytocin receptors"],
        "The receptor through which oxytocin acts, found in the uterus, breast and brain; OXTR "
        "is also the name of its gene.",
        """
        The oxytocin receptor is a G protein-coupled receptor. Its numbers change with
        hormonal state: estrogens increase it in the uterus before labor, and in animals
        estradiol and testosterone increase it in some brain regions.

        Vasopressin can also activate this receptor, and oxytocin can activate vasopressin
        receptors.
        """,
        related=["oxytocin", "estradiol", "receptor"],
        tags=[t.OXYTOCIN, t.NEUROSCIENCE],
    ),
    term(
        "vasopressin",
        "vasopressin",
        ["arginine vasopressin", "AVP", "antidiuretic hormone", "ADH"],
        "A peptide hormone closely related to oxytocin that helps the kidneys retain water and "
        "also acts in the brain on social behavior.",
        """
        Vasopressin and oxytocin differ at only two of their nine amino acids and can act on
        each other's receptors, which makes their effects hard to separate in experiments.
        """,
        related=["oxytocin", "oxytocin-receptor", "pituitary-gland"],
        tags=[t.OXYTOCIN, t.HORMONES],
    ),
    # Sex hormones -----------------------------------------------------------------------------
    term(
        "testosterone",
        "testosterone",
        [],
        "The main male sex hormone, made mostly by the testes in men and in smaller amounts by "
        "the ovaries and adrenal glands in women.",
        """
        Testosterone supports sexual desire and function, sperm production, muscle, bone and
        red blood cell production. Some of its effects happen after it is converted to
        estradiol by the enzyme aromatase.

        In blood, most testosterone is bound to proteins such as SHBG; total testosterone is
        the usual first test.
        """,
        related=["hypogonadism", "testosterone-replacement-therapy", "aromatization"],
        tags=[t.TESTOSTERONE, t.HORMONES, t.MENS_HEALTH],
    ),
    term(
        "estradiol",
        "estradiol",
        ["17β-estradiol", "oestradiol"],
        "The most potent natural estrogen, made mainly by the ovaries before menopause and, in "
        "all sexes, from testosterone by the enzyme aromatase.",
        """
        Estradiol regulates the menstrual cycle, maintains bone, and acts in many brain
        regions. In men it is needed for healthy bones and sexual function.

        In animal studies, estradiol increases the number of oxytocin receptors in some brain
        regions.
        """,
        related=["estrogen", "aromatase", "oxytocin-receptor"],
        tags=[t.HORMONES, t.WOMENS_HEALTH],
    ),
    term(
        "estrogen",
        "estrogen",
        ["estrogens", "oestrogen"],
        "A group of steroid hormones, including estradiol, estrone and estriol, that "
        "regulate the female reproductive system and act on bone, brain and blood vessels.",
        """
        Estrogen levels vary across the menstrual cycle, rise greatly in pregnancy, fluctuate
        in perimenopause and fall after menopause.
        """,
        related=["estradiol", "menopause", "menopausal-hormone-therapy"],
        tags=[t.HORMONES, t.WOMENS_HEALTH],
    ),
    term(
        "progesterone",
        "progesterone",
        [],
        "A steroid hormone made after ovulation and by the placenta that prepares the lining "
        "of the uterus and helps maintain pregnancy.",
        """
        In menopausal hormone therapy, progesterone or a similar progestogen protects the
        lining of the uterus in people who take estrogen and still have a uterus.

        In the brain, progesterone is converted to the neurosteroid allopregnanolone.
        """,
        related=["progestogen", "allopregnanolone", "menopausal-hormone-therapy"],
        tags=[t.HORMONES, t.WOMENS_HEALTH],
    ),
    term(
        "progestogen",
        "progestogen",
        ["progestogens", "progestin", "progestins"],
        "Any hormone that acts like progesterone, including natural progesterone and "
        "synthetic versions used in contraception and menopausal hormone therapy.",
        """
        Different progestogens have somewhat different side effects and risks, which a
        prescriber weighs when choosing a treatment.
        """,
        related=["progesterone", "menopausal-hormone-therapy"],
        tags=[t.HORMONES, t.MEDICINES],
    ),
    term(
        "sex hormone-binding globulin",
        "sex-hormone-binding-globulin",
        ["SHBG"],
        "A blood protein that binds testosterone and estradiol tightly, affecting how much "
        "of these hormones is free to act on tissues.",
        """
        SHBG levels change with age, body weight, thyroid and liver conditions and some
        medicines. When SHBG is unusually high or low, total testosterone can be misleading,
        and free testosterone may be calculated or measured.
        """,
        related=["testosterone", "estradiol"],
        tags=[t.LAB_TESTS, t.TESTOSTERONE],
    ),
    # Enzymes and steroids in the brain -----------------------------------------------------
    term(
        "aromatase",
        "aromatase",
        ["estrogen synthase"],
        "The enzyme that converts testosterone into estradiol and androstenedione into "
        "estrone, in fat, bone, brain and other tissues.",
        """
        Aromatase activity explains why men also have estradiol and why body fat can affect
        hormone balance.
        """,
        related=["aromatization", "aromatase-inhibitor", "estradiol"],
        tags=[t.ENDOCRINOLOGY],
    ),
    term(
        "aromatization",
        "aromatization",
        ["aromatisation"],
        "The conversion of androgens such as testosterone into estrogens such as estradiol by "
        "the enzyme aromatase.",
        """
        Through aromatization, some effects of testosterone, including on bone and on parts of
        the brain, are actually carried out by estradiol.
        """,
        related=["aromatase", "testosterone", "estradiol"],
        tags=[t.ENDOCRINOLOGY, t.TESTOSTERONE],
    ),
    term(
        "aromatase inhibitor",
        "aromatase-inhibitor",
        ["aromatase inhibitors"],
        "A medicine that blocks aromatase and lowers estrogen levels; an established treatment "
        "for some breast cancers.",
        """
        Examples include anastrozole and letrozole. Use in men taking testosterone is
        off-label; lowering estradiol too far can harm bone density and sexual function.
        These medicines should only be used under a prescriber's supervision.
        """,
        related=["aromatase", "estradiol", "testosterone-replacement-therapy"],
        tags=[t.MEDICINES, t.ENDOCRINOLOGY],
    ),
    term(
        "neurosteroid",
        "neurosteroid",
        ["neurosteroids"],
        "A steroid made in the brain or nervous system, or one that acts on it quickly, "
        "often by modulating receptors such as the GABA-A receptor.",
        """
        Neurosteroids can be made from cholesterol in the brain or from hormones such as
        progesterone that reach it from the blood. They are studied in relation to mood,
        anxiety, sleep and postpartum depression.
        """,
        related=["allopregnanolone", "gaba-a-receptor", "progesterone"],
        tags=[t.NEUROSCIENCE],
    ),
    term(
        "allopregnanolone",
        "allopregnanolone",
        ["brexanolone"],
        "A neurosteroid made from progesterone that strengthens the calming effect of GABA at "
        "GABA-A receptors.",
        """
        Allopregnanolone rises in pregnancy and falls sharply after birth. Brexanolone, a
        medicine form of allopregnanolone given by infusion, was approved in the United States
        for postpartum depression in 2019. The approval was withdrawn in 2025, after the maker
        stopped selling it.
        """,
        related=["neurosteroid", "progesterone", "gaba-a-receptor"],
        tags=[t.NEUROSCIENCE, t.MENTAL_HEALTH, t.PREGNANCY],
    ),
    term(
        "GABA",
        "gaba",
        ["gamma-aminobutyric acid"],
        "The brain's main inhibitory neurotransmitter, which reduces the activity of the nerve "
        "cells it acts on.",
        """
        GABA acts mainly through GABA-A and GABA-B receptors. Many calming and sedative
        medicines, and neurosteroids such as allopregnanolone, increase its effects.
        """,
        related=["gaba-a-receptor", "neurotransmitter"],
        tags=[t.NEUROSCIENCE],
        # A short all-caps name: match it only as written.
        case_sensitive=True,
    ),
    term(
        "GABA-A receptor",
        "gaba-a-receptor",
        ["GABA-A receptors", "GABAA receptor"],
        "A receptor that opens a chloride channel when GABA binds, calming nerve cell activity; "
        "neurosteroids and some medicines make it more responsive.",
        """
        The receptor is built from five subunits, and the mix of subunits decides how it
        responds to neurosteroids and medicines. Its subunit makeup changes in pregnancy and
        after birth.
        """,
        related=["gaba", "allopregnanolone", "neurosteroid"],
        tags=[t.NEUROSCIENCE],
    ),
    # Stress and sleep -------------------------------------------------------------------------
    term(
        "cortisol",
        "cortisol",
        ["hydrocortisone"],
        "The main stress hormone, made by the adrenal glands; it raises blood sugar, adjusts "
        "immune activity and follows a daily rhythm that peaks after waking.",
        """
        Cortisol is essential to life. Too much, as in Cushing's syndrome, or too little, as
        in adrenal insufficiency, causes illness. Hydrocortisone is the name used for cortisol
        given as a medicine.
        """,
        related=["hypothalamic-pituitary-adrenal-axis", "adrenal-gland", "circadian-rhythm"],
        tags=[t.STRESS, t.HORMONES],
    ),
    term(
        "melatonin",
        "melatonin",
        [],
        "A hormone made by the pineal gland in darkness that signals night-time to the body "
        "and helps time sleep.",
        """
        Bright light in the evening suppresses melatonin. Melatonin products are sold as
        supplements in some countries and as prescription medicines in others; their
        benefits are mostly for specific timing problems such as jet lag.
        """,
        related=["circadian-rhythm", "suprachiasmatic-nucleus"],
        tags=[t.SLEEP, t.HORMONES],
    ),
    term(
        "Cushing's syndrome",
        "cushings-syndrome",
        ["Cushing syndrome"],
        "An uncommon condition caused by long-term exposure to too much cortisol, from "
        "medicines or from the body's own overproduction.",
        """
        Signs can include weight gain around the trunk and face, easy bruising, wide purple
        stretch marks, muscle weakness and high blood pressure. Diagnosis uses specific tests
        such as late-night saliva cortisol or a dexamethasone suppression test.
        """,
        related=["cortisol", "adrenal-insufficiency"],
        tags=[t.ENDOCRINOLOGY, t.LAB_TESTS],
    ),
    term(
        "adrenal insufficiency",
        "adrenal-insufficiency",
        ["adrenal failure"],
        "A condition in which the adrenal glands do not make enough cortisol, because of "
        "adrenal disease or a lack of ACTH from the pituitary.",
        """
        Symptoms include severe tiredness, weight loss, dizziness on standing and, in some
        forms, salt craving and darkened skin. It is diagnosed with tests such as the ACTH
        stimulation test and treated with hormone replacement.

        It is different from "adrenal fatigue", which is not a recognized diagnosis.
        """,
        related=["cortisol", "adrenocorticotropic-hormone", "cushings-syndrome"],
        tags=[t.ENDOCRINOLOGY, t.LAB_TESTS],
    ),
    # Conditions and treatments --------------------------------------------------------------
    term(
        "hypogonadism",
        "hypogonadism",
        ["male hypogonadism", "low testosterone"],
        "A condition in which the testes or ovaries make too little sex hormone; in men, "
        "symptoms plus confirmed low testosterone.",
        """
        **Primary** hypogonadism starts in the testes or ovaries (LH and FSH are high).
        **Secondary** hypogonadism starts in the pituitary or hypothalamus (LH and FSH are low
        or normal).

        In men, guidelines recommend diagnosing it only with consistent symptoms and
        unequivocally low testosterone on repeated morning tests.
        """,
        related=["testosterone", "luteinizing-hormone", "testosterone-replacement-therapy"],
        tags=[t.TESTOSTERONE, t.MENS_HEALTH, t.ENDOCRINOLOGY],
    ),
    term(
        "testosterone replacement therapy",
        "testosterone-replacement-therapy",
        ["TRT", "testosterone therapy"],
        "Prescribed testosterone for people with confirmed hypogonadism, given as gels, "
        "injections or other forms under medical supervision.",
        """
        Testosterone therapy suppresses the body's own LH and FSH and therefore sperm
        production. It needs monitoring of testosterone levels, red blood cell counts and,
        for some men, prostate health.

        It is not recommended for men with normal testosterone or for those trying to
        conceive soon.
        """,
        related=["hypogonadism", "testosterone", "gonadorelin"],
        tags=[t.TESTOSTERONE, t.MEDICINES, t.MENS_HEALTH],
    ),
    term(
        "gonadorelin",
        "gonadorelin",
        ["gonadorelin acetate"],
        "A synthetic form of GnRH. Given in pulses it stimulates LH and FSH release; given "
        "continuously it suppresses them.",
        """
        Gonadorelin has been used to test pituitary function and to treat some forms of
        infertility. Some clinics add it to testosterone therapy to try to preserve testicular
        function; the evidence for that use is limited, and it requires a prescriber.
        """,
        related=["gonadotropin-releasing-hormone", "luteinizing-hormone"],
        tags=[t.MEDICINES, t.ENDOCRINOLOGY],
    ),
    term(
        "growth hormone secretagogue",
        "growth-hormone-secretagogue",
        ["growth hormone secretagogues", "GH secretagogue"],
        "A substance that makes the pituitary release growth hormone; several are sold online "
        "as 'peptides' without approval or good evidence of benefit.",
        """
        A few have narrow approved uses in some countries. Claims that they slow aging,
        improve sleep or build muscle in healthy adults are not supported by reliable trials,
        and unregulated products may be contaminated or mislabeled.
        """,
        related=["peptide", "pituitary-gland"],
        tags=[t.MEDICINES, t.EVIDENCE],
    ),
    term(
        "perimenopause",
        "perimenopause",
        ["menopausal transition", "perimenopausal"],
        "The years before the last menstrual period, when ovarian hormones fluctuate and "
        "periods become irregular.",
        """
        Perimenopause often begins in the 40s and can last several years. Hot flashes, sleep
        disturbance and mood changes are common, and for some the risk of depression rises.
        """,
        related=["menopause", "estrogen", "menopausal-hormone-therapy"],
        tags=[t.MENOPAUSE, t.WOMENS_HEALTH],
    ),
    term(
        "menopause",
        "menopause",
        [],
        "The permanent end of menstrual periods, confirmed after 12 months without a period; "
        "on average it happens around age 51.",
        """
        After menopause, the ovaries make very little estradiol and progesterone, and FSH and
        LH levels rise. Menopause can also be caused earlier by surgery or medical treatment.
        """,
        related=["perimenopause", "estradiol", "menopausal-hormone-therapy"],
        tags=[t.MENOPAUSE, t.WOMENS_HEALTH],
    ),
    term(
        "menopausal hormone therapy",
        "menopausal-hormone-therapy",
        ["MHT", "hormone replacement therapy", "HRT"],
        "Prescribed estrogen, with a progestogen for those who have a uterus, used to relieve "
        "menopausal symptoms such as hot flashes.",
        """
        It is the most effective treatment for hot flashes and night sweats. Benefits and
        risks depend on age, time since menopause, the type of hormones and personal history,
        so the decision is made individually with a prescriber.
        """,
        related=["menopause", "estrogen", "progestogen"],
        tags=[t.MENOPAUSE, t.MEDICINES, t.WOMENS_HEALTH],
    ),
]
