"""Demo articles, written by us in the shape of the source article (layered reading levels,
question-style headings, take-away sentences, figures, tables and citations).

The content explains; it never sells a treatment. It says what the evidence does and does not
show, gives no dosing, and sends readers to a clinician for decisions about their own health.

Each article is a dict with the Article fields plus `tags` and `sections`; each section has
`level`, `heading`, `anchor`, `body` (Markdown, cite with [@key] or [@key1; @key2]),
`takeaway` and `figures` (files in `images/`, drawn by `scripts/make_demo_images.py`).
"""

import datetime
import textwrap

from . import tags as t

CREDIT = "Illustration: Health Library editorial team"


def md(text):
    """Markdown written as an indented triple-quoted string, without the indentation."""
    return textwrap.dedent(text).strip()


def table(caption, header, rows):
    """A Markdown pipe table with a header row, captioned by the paragraph above it."""
    lines = [f"Table: {caption}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figure(image, alt_text, caption):
    return {"image": image, "alt_text": alt_text, "caption": caption, "credit": CREDIT}


# --------------------------------------------------------------------------------------------
# Main article: hormones and oxytocin signaling, in all four reading levels
# --------------------------------------------------------------------------------------------

OXYTOCIN_SECTIONS = [
    # Fundamentals ----------------------------------------------------------------------------
    {
        "level": "fundamentals",
        "heading": "What are hormones and how do they signal?",
        "anchor": "what-are-hormones",
        "body": md(
            """
            Hormones are the body's chemical messages. Glands make them and let them out into
            the blood. The blood carries them all over the body, so a hormone can act far from
            where it was made. Together, the glands that make hormones are called the endocrine
            system. They include the thyroid in the neck, the adrenal glands on top of the
            kidneys, and the ovaries or testes [@boron-2017].

            A hormone only acts on cells that have the right receptor for it. You can think of a
            key and a lock. The hormone is the key and the receptor is the lock. Only cells with
            the right lock respond. When the key turns, the cell changes what it does. It may
            let out a substance, turn genes on or off, or squeeze. Real receptors are not quite
            so simple. They can be partly switched on, blocked, or made more or less keen. But
            the picture shows why one hormone can do quite a few jobs in the body [@boron-2017].

            Hormones come in two main kinds. Steroid hormones, such as cortisol and
            testosterone, are made from cholesterol. They can pass into a cell and find their
            lock inside it. Other hormones, such as insulin and oxytocin, are small proteins.
            They fit locks on the outside of the cell [@boron-2017].
            """
        ),
        "takeaway": (
            "A hormone acts only on cells that have its receptor, so one hormone can do quite"
            " a few jobs in the body [@boron-2017]."
        ),
        "figures": [
            figure(
                "receptor-key-lock.png",
                "Diagram of the cell surface with two receptors shaped like locks. On the "
                "left a hormone with a matching point fits its notch and the cell responds; "
                "on the right a molecule of the wrong shape does not fit and there is no "
                "response.",
                "The key-and-lock picture: only cells with a matching receptor respond to a "
                "hormone [@boron-2017].",
            )
        ],
    },
    {
        "level": "fundamentals",
        "heading": "What is oxytocin, and is it really the love hormone?",
        "anchor": "what-is-oxytocin",
        "body": md(
            """
            Oxytocin is a hormone made in a small part of the brain. It has two well-known jobs.
            It makes the womb squeeze during labor. It also makes milk flow when a baby feeds.
            Doctors use a man-made form of it in hospital. They give it to start or speed up
            labor, and to cut bleeding after birth [@boron-2017].

            Oxytocin also works inside the brain, where it acts on nerve cells. Studies in rats,
            mice and voles link it to the bond between a parent and its young. They also link it
            to bonds between mates, and to how animals react to each other
            [@insel-2010; @neal-2018]. This is why it got nicknames like "love hormone" and
            "cuddle hormone".

            The nickname goes too far. Most studies in people give one dose as a nose spray.
            They suggest that oxytocin may make social cues, such as faces, stand out more. They
            do not show that it simply makes us kind or happy, and many small studies have not
            held up when repeated [@insel-2010]. Oxytocin is one signal among many in our social
            lives. It is not a switch for love or trust.
            """
        ),
        "takeaway": (
            "Oxytocin has clear jobs in birth and feeding a baby; its part in our social "
            "lives is real but smaller than the nickname says [@insel-2010]."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "How does the body keep hormone levels in range?",
        "anchor": "feedback-loops",
        "body": md(
            """
            Most hormone systems keep themselves in check. The brain and the pituitary gland
            sense how much of a hormone is in the blood. When the level is high, they send less
            of the "make more" signal. When it is low, they send more. This is called negative
            feedback. A heating system with a thermostat works in much the same way
            [@boron-2017].

            Feedback has a practical side. When you take a hormone as a drug, your body makes
            less of its own. Take a man who uses testosterone. His brain senses the high level.
            It then turns down the signals that tell the testes to make testosterone and sperm.
            This is one reason hormone drugs need a doctor to keep watch. They rarely do just
            one thing [@endocrine-society-2018].

            Hormone levels also change on their own. Many rise and fall through the day or
            across the monthly cycle. They shift across the years, too. So one blood test is a
            snapshot, not the full story. Oxytocin in labor is a rare case of the other kind of
            loop. As the baby presses down, more oxytocin is let out. This makes the womb
            squeeze harder, which lets out still more, until the baby is born [@boron-2017].
            """
        ),
        "takeaway": (
            "Hormone systems keep themselves in check with feedback, so a hormone taken as a "
            "drug turns down the body's own supply [@boron-2017]."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "Can hormones explain changes in mood or closeness?",
        "anchor": "hormones-and-mood",
        "body": md(
            """
            Hormones can affect mood, sleep and sex drive, and how tired you feel. At some times
            of life, a shift in hormones and a shift in mood can go hand in hand. Thyroid
            problems are one case. The weeks after giving birth and the years around the last
            period are others. So is testosterone that is truly low in men
            [@boron-2017; @endocrine-society-2018].

            Still, feeling low, cross or cut off from others has lots of causes. Stress, grief,
            worry, poor sleep, pain, drink, illness and the side effects of drugs can all play a
            part. So can low mood that is an illness in itself. Hormones are one piece of a
            bigger picture [@endocrine-society-2018].

            If your mood, sleep or sex drive has changed and stays changed, talk to a doctor or
            nurse. They can help you sort out what is going on. If you have thoughts of harming
            yourself, call your local crisis line or go to the nearest hospital straight away.
            """
        ),
        "takeaway": (
            "Hormones can play a part in how you feel, but they are one piece of a bigger picture."
        ),
        "figures": [],
    },
    # Intermediate ----------------------------------------------------------------------------
    {
        "level": "intermediate",
        "heading": "What is the HPG axis, and where does oxytocin fit?",
        "anchor": "hpg-axis",
        "body": md(
            """
            The hypothalamic-pituitary-gonadal axis (HPG axis) is the control system for the sex
            hormones. It works in three steps [@boron-2017]:

            1. The hypothalamus, at the base of the brain, sends out gonadotropin-releasing
               hormone (GnRH). It does so in pulses.
            2. GnRH acts on the front part of the pituitary gland. This gland then releases two
               hormones: luteinizing hormone (LH) and follicle-stimulating hormone (FSH).
            3. LH and FSH act on the testes or ovaries. These make the sex hormones. They also
               help sperm or eggs to grow.

            The sex hormones then report back to the brain. Most of the time they damp down
            GnRH, LH and FSH. Once a month, just before an egg is released, the rise in
            estradiol does the reverse for a short time. It sets off a surge of LH
            [@boron-2017].

            Oxytocin is not part of this chain, but it lives close by. Nerve cells in the
            hypothalamus make it. It is released from the back part of the pituitary. Sex
            hormones can change how many oxytocin receptors some tissues carry. So it is fair to
            ask if changes in the HPG axis might change how oxytocin works. Such changes come at
            puberty, in pregnancy, at menopause, or when testosterone is low
            [@boron-2017; @insel-2010].
            """
        ),
        "takeaway": (
            "The HPG axis controls the sex hormones through feedback; oxytocin sits beside "
            "it, not inside the chain [@boron-2017]."
        ),
        "figures": [
            figure(
                "hpg-axis-feedback.png",
                "Flow diagram of the HPG axis. The hypothalamus releases GnRH, which "
                "stimulates the anterior pituitary to release LH and FSH, which stimulate the "
                "testes or ovaries to make testosterone, estradiol and progesterone. Arrows "
                "from the sex hormones back to the hypothalamus and pituitary are labeled "
                "negative feedback.",
                "The HPG axis: a chain of signals from brain to gonads, kept in range by "
                "feedback from the sex hormones [@boron-2017].",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "How do estrogen, progesterone and testosterone relate to oxytocin?",
        "anchor": "sex-hormones-and-oxytocin",
        "body": md(
            """
            The clearest case comes from pregnancy. In the last weeks before birth, the muscle
            of the womb (uterus) gains many more oxytocin receptors. This lets it respond
            strongly in labor. Estrogens help drive this change. Before that, progesterone helps
            keep the womb calm [@boron-2017].

            In the brain, most of what we know comes from tests in rats and mice. In these,
            estradiol adds oxytocin receptors in some parts of the brain that take part in sex
            and social life [@neal-2018]. Testosterone can act in a like way. This is partly
            because an enzyme called aromatase turns testosterone into estradiol inside brain
            cells [@boron-2017]. We do not know how far the same is true in the human brain. It
            is very hard to count receptors in a living human brain [@insel-2010].
            """
        )
        + "\n\n"
        + table(
            "How other hormones may shape oxytocin signaling",
            [
                "Hormone or system",
                "Main source",
                "Proposed link with oxytocin signaling",
                "Main source of evidence",
            ],
            [
                [
                    "Estradiol",
                    "Ovaries; also made from testosterone in many tissues",
                    "Increases oxytocin receptors in the uterus [@boron-2017] and in some "
                    "rodent brain regions [@neal-2018]",
                    "Uterine studies in humans; brain studies mainly in animals",
                ],
                [
                    "Progesterone",
                    "Ovaries, placenta, adrenal glands",
                    "Keeps the pregnant uterus relatively quiet; converted to the neurosteroid "
                    "allopregnanolone [@boron-2017; @genazzani-2019]",
                    "Pregnancy physiology; animal studies",
                ],
                [
                    "Testosterone",
                    "Testes, ovaries, adrenal glands",
                    "Acts partly after conversion to estradiol, partly through androgen "
                    "receptors [@boron-2017; @neal-2018]",
                    "Mainly animal studies; few human studies",
                ],
                [
                    "Cortisol (HPA axis)",
                    "Adrenal glands",
                    "Oxytocin can damp stress responses in animals; results in people are "
                    "mixed [@insel-2010]",
                    "Animal studies; mixed human results",
                ],
                [
                    "Vasopressin",
                    "Hypothalamus",
                    "A close chemical cousin that can act on oxytocin receptors, and vice "
                    "versa [@insel-2010]",
                    "Pharmacology and animal studies",
                ],
            ],
        )
        + "\n\n"
        + md(
            """
            The table lists proposed links, not proven effects in people. It is a map of where
            researchers are looking, not a list of things to adjust.
            """
        ),
        "takeaway": (
            "Sex hormones clearly control oxytocin receptors in the womb; in the human brain,"
            " their role is mostly inferred from work in rats and mice "
            "[@boron-2017; @insel-2010]."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How do hormone levels change over a lifetime?",
        "anchor": "hormones-across-life",
        "body": md(
            """
            Sex hormone levels rise at puberty. In the years when a woman can become pregnant,
            estradiol and progesterone go up and down each month. In perimenopause, the years
            before the last period, these hormones swing more widely. They then fall after
            menopause, which on average comes at about age 51. Hot flushes and broken sleep are
            common at this stage [@boron-2017].

            In men, testosterone tends to fall slowly with age, not all at once. Men of the same
            age can have quite different levels. Much of the gap is linked to weight, long-term
            illness, drugs and sleep, not to age alone [@endocrine-society-2018]. Some people
            call this "andropause". Many hormone doctors avoid the word. Men do not go through a
            sudden drop, as women do at menopause.

            When testosterone is truly low and causes symptoms, the condition is called
            hypogonadism. Guidelines say doctors should only make this diagnosis in men with
            clear symptoms and signs. The men should also have low testosterone on at least two
            morning blood tests, done by a good lab method [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "Menopause is a clear change, while testosterone in men falls slowly with age and"
            " is often tied to general health [@boron-2017; @endocrine-society-2018]."
        ),
        "figures": [
            figure(
                "hormones-across-life.png",
                "Schematic line chart from birth to age 80. A teal line for estradiol in women "
                "rises at puberty, stays high with monthly ups and downs, fluctuates in "
                "perimenopause and falls after menopause around 51. A navy line for "
                "testosterone in men rises at puberty and then declines slowly from middle "
                "age. The chart is marked as illustrative and not to scale.",
                "Sex hormones across life (schematic, not to scale): a distinct transition at "
                "menopause, a gradual average decline in men "
                "[@boron-2017; @endocrine-society-2018].",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "Which treatments exist, and what do they aim to do?",
        "anchor": "treatments-overview",
        "body": md(
            """
            Some hormone treatments come up when people talk about mood, energy and close bonds.
            This section explains what each one is. It is not advice to use any of them. Each
            one needs a doctor who knows what they are doing, to check you first and to follow
            you up [@endocrine-society-2018].

            - **Testosterone replacement therapy (TRT)** treats confirmed hypogonadism. In men
              who truly have it, it can help sexual function. It may also help mood and energy a
              little. It stops the testes making sperm, so guidelines advise against it for men
              who hope to father a child soon. It needs regular checks, such as blood counts
              [@endocrine-society-2018].
            - **Gonadorelin** is a man-made form of GnRH. Given in pulses, it makes the
              pituitary release LH and FSH. Given without a break, it shuts them down
              [@boron-2017].
            - **Aromatase inhibitors** block the step that turns testosterone into estradiol.
              They are standard drugs for some breast cancers. Men need some estradiol for
              strong bones. So pushing it too low can do harm [@boron-2017].
            - **Menopausal hormone therapy** gives estrogen. Anyone who still has a womb also
              takes a second hormone (a progestogen). Estrogen alone can make the lining of the
              womb grow too thick [@boron-2017].

            Other "peptides" are sold online with claims about aging, muscle or sleep. Some are
            sold outside of pharmacies, where no one checks what is in the bottle.

            No treatment has been shown to improve social bonds by boosting oxytocin
            [@insel-2010]. Popular books about hormone balance [@gottfried-2013] can help people
            put their questions into words. But they are written for the general reader. They do
            not replace trials, or advice for you.
            """
        ),
        "takeaway": (
            "Hormone treatments have set uses backed by evidence; none is a proven way to "
            "tune oxytocin or social bonds [@endocrine-society-2018; @insel-2010]."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How do stress hormones and oxytocin interact?",
        "anchor": "stress-and-oxytocin",
        "body": md(
            """
            The body's main stress system is the hypothalamic-pituitary-adrenal axis (HPA axis).
            It starts when we face a threat to body or mind. The hypothalamus then releases
            corticotropin-releasing hormone (CRH). CRH makes the pituitary release ACTH. ACTH
            makes the adrenal glands release cortisol. Cortisol frees up fuel for the body. It
            also tells the brain to switch the response off again. This is called negative
            feedback [@boron-2017].

            Oxytocin and the HPA axis act on each other. In tests in animals, oxytocin in the
            brain tends to calm the stress response. In people, the results of nose-spray
            studies are less clear, and many have not been repeated [@insel-2010].

            Short bursts of cortisol are normal and help us cope. Problems arise when stress is
            strong and goes on for a long time. They also arise when sleep is poor for weeks, or
            in rare diseases in which the body makes too much or too little cortisol
            [@boron-2017]. No blood test can tell a person's "oxytocin balance" in a way that
            helps in the clinic [@insel-2010].
            """
        ),
        "takeaway": (
            "Oxytocin and the stress system act on each other, but the evidence in people is "
            "mixed and no test measures a person's oxytocin balance [@insel-2010]."
        ),
        "figures": [
            figure(
                "hpa-axis-stress-loop.png",
                "Flow diagram of the HPA axis, top to bottom. Stress acts on the "
                "hypothalamus, which releases CRH; the pituitary then releases ACTH; the "
                "adrenal glands release cortisol. A dashed return arrow labeled feedback runs "
                "from cortisol back to the hypothalamus, and a side box says that oxytocin "
                "may calm the response.",
                "The stress (HPA) axis switches itself off through cortisol feedback; oxytocin "
                "is one of several signals that can modulate it [@boron-2017; @insel-2010].",
            )
        ],
    },
    # Academic --------------------------------------------------------------------------------
    {
        "level": "academic",
        "heading": "Where is oxytocin made, and how does it reach its targets?",
        "anchor": "oxytocin-synthesis-and-release",
        "body": md(
            """
            Oxytocin is a nonapeptide (nine amino acids) closed into a ring by a disulfide
            bond. It is produced mainly by magnocellular neurons of the paraventricular and
            supraoptic nuclei of the hypothalamus, whose axons run to the posterior pituitary,
            from where the peptide is secreted into the blood. Parvocellular neurons of the
            paraventricular nucleus project to other brain regions and to the spinal cord, and
            oxytocin is also released from dendrites, so release into the brain and into the
            blood can be partly independent [@boron-2017; @guyton-2016].

            Oxytocin acts on a single known receptor, the oxytocin receptor (OXTR), a G
            protein-coupled receptor that signals mainly through Gq proteins, phospholipase C
            and a rise in intracellular calcium. OXTR is found in the uterus, the breast, and
            brain regions such as the hypothalamus and the amygdala. Vasopressin differs from
            oxytocin at only two amino acid positions, and each peptide can act on the other's
            receptors, which complicates the interpretation of many experiments
            [@insel-2010].

            Interest in the behavioral effects of peptides is not new. Work in the 1970s showed
            that pituitary peptides and their fragments could change learning and memory in
            rats, which helped establish the study of neuropeptides and behavior
            [@de-wied-1977].
            """
        ),
        "takeaway": (
            "Oxytocin is released both into the blood and within the brain, and it acts "
            "through one receptor that it partly shares with its chemical cousin vasopressin."
        ),
        "figures": [
            figure(
                "oxytocin-pathway.png",
                "Diagram of two routes from the hypothalamus. One arrow leads to the "
                "pituitary, which releases oxytocin into the blood, and on to the womb and "
                "breast. The other arrow leads to brain areas such as the amygdala, involved "
                "in mood and social behaviour.",
                "Two routes for one peptide: into the blood from the posterior pituitary, and "
                "directly to brain regions [@boron-2017].",
            )
        ],
    },
    {
        "level": "academic",
        "heading": "How do sex steroids regulate the oxytocin receptor?",
        "anchor": "steroids-and-oxtr",
        "body": md(
            """
            Sex steroids regulate OXTR in ways that depend on the tissue and the species. In
            the rodent hypothalamus, estradiol acting through estrogen receptor alpha increases
            OXTR binding in the ventromedial nucleus, an effect linked to female sexual
            behavior. In the uterus, a rising ratio of estrogen to progesterone increases
            receptor density before labor. In male rodents, testosterone can raise OXTR binding
            in some regions, partly after aromatization to estradiol and partly through
            androgen receptors [@neal-2018].

            Translating this to people is difficult. Human receptor maps come mainly from
            post-mortem tissue, and imaging cannot yet measure OXTR reliably in the living
            brain. Human studies therefore rely on indirect markers: behavior after intranasal
            oxytocin in different hormonal states, variants of the OXTR gene (many early
            genetic associations did not replicate), or oxytocin levels in blood.

            Research on testosterone and social behavior in men shows that testosterone
            responds to social situations and can shift emotional reactions, but the effects
            are small and depend on context [@roney-2007]. Trials of testosterone replacement
            in older men have examined mood, cognition and quality of life, with modest or
            inconsistent effects on mood and cognition [@resnick-2006]. None of these studies
            shows that testosterone acts on social behavior through oxytocin in people.
            """
        ),
        "takeaway": (
            "Steroid control of the oxytocin receptor is well documented in animals, but in "
            "humans it is mostly inferred from indirect measures."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "What are neurosteroids such as allopregnanolone doing in this picture?",
        "anchor": "neurosteroids",
        "body": md(
            """
            Neurosteroids are steroids that are made in the nervous system, or that act on it
            quickly, often through receptors in the cell membrane rather than by changing gene
            activity. Allopregnanolone, a metabolite of progesterone formed by the enzymes
            5α-reductase and 3α-hydroxysteroid dehydrogenase, is a positive allosteric modulator
            of the GABA-A receptor: it does not open the receptor's channel by itself but
            strengthens the effect of GABA, the brain's main inhibitory neurotransmitter. In
            animal models this gives it calming, anti-anxiety and sedative effects
            [@genazzani-2019].

            Allopregnanolone levels rise greatly during pregnancy and fall sharply after birth.
            That fall, together with changes in GABA-A receptor subunits, is one hypothesis for
            why some people develop postpartum depression. Brexanolone, an intravenous
            infusion of allopregnanolone, was approved for postpartum depression in the United
            States in 2019; that approval was withdrawn in April 2025, at the maker's request,
            after it stopped selling the medicine [@fda-2025-zulresso].

            The links with oxytocin are less direct. Both systems take part in pregnancy, birth
            and the stress response, but there is little direct evidence that neurosteroids
            change oxytocin signaling in people.
            """
        ),
        "takeaway": (
            "Allopregnanolone shows that steroid metabolites can act quickly on brain "
            "receptors [@genazzani-2019]; its link with oxytocin in people is unproven."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "Why is oxytocin research so hard to translate to people?",
        "anchor": "translation-challenges",
        "body": md(
            """
            Enthusiasm for oxytocin as a social medicine grew quickly in the 2000s, after small
            studies reported that a single intranasal dose increased trust or improved the
            recognition of emotions. Later work exposed several problems [@insel-2010]:

            - **Reaching the brain.** It is unclear how much oxytocin given by nasal spray
              reaches the brain; some effects may come from the part absorbed into the blood.
            - **Measuring it.** Blood oxytocin values differ greatly between laboratory methods,
              especially between immunoassays run with and without an extraction step, and
              blood levels may not reflect levels in the brain.
            - **Small studies.** Many early experiments had a few dozen participants, which
              makes false positives and inflated effects likely. Several headline findings did
              not replicate, and publication bias favors positive results.
            - **Context.** Effects can depend on sex, hormonal state, personality, early-life
              experience and who the other person in the experiment is.
            - **Clinical trials.** Single-dose findings had not been tested as treatments:
              that needs large randomized trials of repeated doses against placebo.

            None of this means oxytocin is unimportant. It means that results from rodents, or
            from single-dose laboratory studies, should not be presented as proven treatments
            for loneliness, low mood or relationship problems [@insel-2010].
            """
        ),
        "takeaway": (
            "Single-dose laboratory studies and animal research do not add up to an "
            "evidence-based oxytocin treatment for social or emotional problems [@insel-2010]."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "What does the evidence actually show?",
        "anchor": "evidence-summary",
        "body": md(
            """
            The table below summarizes, in plain terms, how strong the evidence is for the main
            claims discussed in this article. It is an editorial overview, not a formal
            systematic review.
            """
        )
        + "\n\n"
        + table(
            "How strong the evidence is for the main claims in this article",
            ["Question", "Main study types", "What was found", "Strength of evidence"],
            [
                [
                    "Does estradiol increase oxytocin receptors?",
                    "Animal studies; human uterine tissue",
                    "Consistent increases in the uterus and in some rodent brain regions "
                    "[@boron-2017; @neal-2018]",
                    "Strong in animals and the uterus; limited for the human brain",
                ],
                [
                    "Does one dose of intranasal oxytocin change trust or empathy?",
                    "Small randomized laboratory experiments",
                    "Early positive findings, then failed replications [@insel-2010]",
                    "Low",
                ],
                [
                    "Does testosterone therapy help men with confirmed low testosterone?",
                    "Randomized controlled trials; guideline review",
                    "Improves sexual function; small average gains in mood "
                    "[@endocrine-society-2018]",
                    "Moderate, for modest effects",
                ],
                [
                    "Does testosterone therapy change social behavior through oxytocin?",
                    "Animal studies; no direct human trials",
                    "A plausible mechanism that has not been tested in people",
                    "Very low",
                ],
                [
                    "Is brexanolone (an allopregnanolone infusion) still approved for "
                    "postpartum depression in the US?",
                    "Regulatory record",
                    "No: the approval was withdrawn in 2025, at the maker's request "
                    "[@fda-2025-zulresso]",
                    "Not a question of evidence strength",
                ],
            ],
        )
        + "\n\n"
        + md(
            """
            "Strength" here follows the spirit of the evidence grading used in clinical
            guidelines [@endocrine-society-2018]: it reflects how consistent, direct and well
            designed the studies are, not how exciting the idea is. A plausible mechanism in
            animals is a reason to run human trials, not a substitute for them.
            """
        ),
        "takeaway": (
            "The firmest evidence concerns oxytocin in childbirth and hormone effects on "
            "receptors in animals; claims about improving human connection rest on weak "
            "evidence [@boron-2017; @insel-2010]."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "How should you read the references for this article?",
        "anchor": "reading-the-references",
        "body": md(
            """
            The reference list mixes different kinds of source, and they deserve different
            weight:

            - Physiology textbooks [@boron-2017; @guyton-2016] summarize well-established
              mechanisms, such as how receptors and feedback loops work.
            - A clinical practice guideline [@endocrine-society-2018] reflects an expert
              panel's reading of the evidence on specific clinical questions.
            - Reviews and individual studies [@insel-2010; @roney-2007; @genazzani-2019]
              describe what particular investigators found in particular groups of people or
              animals.
            - A book chapter from the 1970s [@de-wied-1977] is of historical interest: it shows
              where the field started, not where it stands.
            - A popular book [@gottfried-2013] offers one clinician's perspective for general
              readers and is not a primary source of evidence.

            Each entry in the list says how we checked it. *Verified* means an editor found the
            work in a public record (the publisher's page, a library catalogue or the printed
            book) and compared its details; where that record gave a DOI, the entry links to it.
            *Could not be found* means we searched and found no record of the work as printed,
            so what it is cited for deserves extra caution. We never add an identifier we have
            not seen in a record.
            """
        ),
        "takeaway": (
            "Textbooks, guidelines, studies and popular books carry different weight, and each "
            "reference says whether we could find and check it."
        ),
        "figures": [],
    },
    # Reflection ------------------------------------------------------------------------------
    {
        "level": "reflection",
        "heading": "What might this mean for your daily life?",
        "anchor": "daily-life",
        "body": md(
            """
            Knowing how hormones and oxytocin work can help you put a name to some things. It
            can help you see why mood may shift across the monthly cycle or around the last
            period. It can help you see why stress and poor sleep can leave you feeling less
            close to others. It can also explain why a hormone drug may do more than one thing
            [@boron-2017]. And it can help you spot when a claim goes further than the science
            [@insel-2010].

            Some habits are good for mood and for the stress system, with or without a hormone
            problem. They include regular sleep, moving your body, time with people you trust,
            and help for stress or low mood when you need it. These are not hormone "hacks".
            They are the plain basics of good care.

            It is also worth being kind to yourself. Feeling flat or far from others is a common
            human feeling. It is not a personal failing, and it is reason enough to ask for
            support.
            """
        ),
        "takeaway": (
            "Knowing how these signals work can help you name what you notice and question "
            "claims that go too far."
        ),
        "figures": [],
    },
    {
        "level": "reflection",
        "heading": "What questions could you bring to a clinician?",
        "anchor": "questions-for-your-clinician",
        "body": md(
            """
            If you think a change in hormones may be affecting how you feel, questions like
            these can help you get the most from a visit:

            - What else could explain how I feel, and how will we check?
            - Which tests make sense for me, and when should they be done? (Some need to be in
              the morning, or on a set day of the monthly cycle.)
            - If a result is not normal, will we repeat the test before we decide?
            - How much could a treatment help someone like me?
            - What are the risks, and how will we keep an eye on them? Could it affect my chance
              of having children?
            - What would happen if I wait, or try something else first?

            Bring a list of all the drugs and supplements you take, including anything you
            bought online. Talk to the person who prescribes a hormone before you start, stop or
            change it.
            """
        ),
        "takeaway": (
            "A good visit looks at the whole picture, checks results before acting, and "
            "weighs what you could gain against the risks."
        ),
        "figures": [],
    },
]

OXYTOCIN_ARTICLE = {
    "title": "How hormones shape oxytocin signaling: what we know and what we don't",
    "slug": "hormones-and-oxytocin-signaling",
    "summary": (
        "A layered guide to oxytocin and the hormones around it: how the signals work, how sex "
        "and stress hormones may change them, and what the research does and does not show."
    ),
    "authors": "Dr Ana Ruiz, Sam Patel",
    "reviewed_by": "Dr Lena Okafor, MD, endocrinologist",
    "reviewed_at": datetime.date(2026, 1, 14),
    "disclaimer_note": (
        "This article explains general science. It does not replace individual medical advice, "
        "and hormone treatments should only be started, changed or stopped under the "
        "supervision of a prescriber."
    ),
    "tags": [
        t.HORMONES,
        t.OXYTOCIN,
        t.ENDOCRINOLOGY,
        t.NEUROSCIENCE,
        t.MENTAL_HEALTH,
        t.EVIDENCE,
        t.WOMENS_HEALTH,
        t.MENS_HEALTH,
    ],
    "sections": OXYTOCIN_SECTIONS,
}


# --------------------------------------------------------------------------------------------
# Sleep and the HPA axis
# --------------------------------------------------------------------------------------------

SLEEP_SECTIONS = [
    {
        "level": "fundamentals",
        "heading": "What is the HPA axis?",
        "anchor": "what-is-the-hpa-axis",
        "body": md(
            """
            The HPA axis is the hormone system that helps the body deal with a threat or a
            strain. HPA is short for three parts of the body: the hypothalamus in the brain, the
            pituitary gland just below it, and the adrenal glands on top of the kidneys. When
            the brain senses stress, it sends a signal to the gland just below it. That gland
            then signals the glands on the kidneys. They let out a hormone called cortisol. It
            all happens in minutes [@boron-2017].

            Cortisol raises blood sugar and helps the body use fuel. It also tunes the immune
            system and blood pressure. We cannot live without it. When there is enough of it in
            the blood, it tells the brain to turn the stress signal down. So a healthy stress
            response has a pedal to speed up and a brake to slow down. Both are needed
            [@boron-2017].
            """
        ),
        "takeaway": (
            "The HPA axis lets out cortisol to meet a challenge, then turns itself off "
            "through feedback [@boron-2017]."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "Why does cortisol follow a daily rhythm?",
        "anchor": "daily-cortisol-rhythm",
        "body": md(
            """
            Cortisol is not let out at a steady rate. In people who sleep at night, it is lowest
            around midnight. It starts to rise in the small hours and peaks soon after waking.
            Then it falls through the day. There are small bumps after meals or at tense moments
            [@boron-2017].

            This daily pattern is called a circadian rhythm. It is timed by the body's inner
            clock, deep in the brain. Light is the main thing that sets the clock. Melatonin is
            a hormone that signals the dark. It does roughly the reverse of cortisol. It rises
            at night and falls toward morning [@boron-2017].
            """
        ),
        "takeaway": (
            "Cortisol is highest soon after waking and lowest around midnight, timed by a "
            "body clock that light sets [@boron-2017]."
        ),
        "figures": [
            figure(
                "cortisol-daily-rhythm.png",
                "Line chart over 24 hours, from 6 p.m. to 6 p.m. the next day. A teal curve "
                "for cortisol is lowest around midnight, rises through the early morning, "
                "peaks shortly after waking, at about 7:30 a.m., then declines through the day. A "
                "dashed navy curve for melatonin rises in the evening, peaks in the middle of "
                "the night and falls by morning. A shaded band marks the usual sleep period. "
                "The chart is labeled illustrative.",
                "A typical daily rhythm of cortisol and melatonin in someone who sleeps at "
                "night (illustrative, not to scale) [@boron-2017].",
            )
        ],
    },
    {
        "level": "fundamentals",
        "heading": "How can poor sleep and stress feed each other?",
        "anchor": "sleep-stress-cycle",
        "body": md(
            """
            Stress can make it hard to fall asleep and to stay asleep. Worry keeps the mind
            busy, and stress hormones keep the brain alert [@boron-2017]. A bad night can then
            leave you tired, short-tempered and less able to cope the next day.

            This can turn into a cycle, but it is one you can often break. Simple steps are a
            good place to start. Go to bed and get up at about the same times each day. Get some
            daylight in the morning. Cut down on caffeine and alcohol, and give yourself time to
            wind down. If poor sleep lasts for weeks, talk to a doctor or nurse.
            """
        ),
        "takeaway": (
            "Stress and poor sleep can feed each other, and small, regular habits are a good "
            "first step to break the cycle."
        ),
        "figures": [
            figure(
                "sleep-stress-cycle.png",
                "Circular diagram with four boxes joined by arrows: stress leads to an alert "
                "brain; that leads to poor sleep; poor sleep leaves a person more easily "
                "stressed; and that leads back to stress. A note in the center says the "
                "cycle can be broken anywhere.",
                "A cycle that can be interrupted: stress, wakefulness, poor sleep and "
                "heightened stress sensitivity.",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "What does research show about sleep loss and cortisol?",
        "anchor": "sleep-loss-and-cortisol",
        "body": md(
            """
            Sleep and the stress system are closely tied. In a classic laboratory study, healthy
            young men slept for only four hours, or not at all. The next evening, their cortisol
            was higher than after a normal night, at a time of day when it should have been
            falling [@leproult-1997]. Studies like this are small and short. They show a link,
            but they do not show that poor sleep causes long-term hormone disease.

            The timing of cortisol also follows the sleep cycle. The stress axis is quietest in
            the first part of the night, when deep sleep is most common. Cortisol then rises in
            the second half of the night, ready for waking [@boron-2017].
            """
        ),
        "takeaway": (
            "Losing sleep can shift the cortisol rhythm for a day or so, but that by itself "
            "is not a hormone disorder [@leproult-1997]."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "Can a cortisol test show whether I have adrenal fatigue?",
        "anchor": "adrenal-fatigue",
        "body": md(
            """
            "Adrenal fatigue" is a term you may see online. The idea is that daily stress wears
            out the adrenal glands. Then, it is said, they make too little cortisol. A review of
            the published studies found no proof that this happens [@cadegiani-2016]. Hormone
            doctors do not use the term. Tests and pills sold for it are not backed by good
            studies [@cadegiani-2016].

            Feeling tired all the time is real and worth looking into. A doctor can look for the
            usual culprits, such as poor sleep, sleep apnea, low mood, low iron or thyroid
            problems.

            Cortisol tests are used to look for two rare kinds of disease. In Cushing's
            syndrome, the body has too much cortisol. In Addison's disease and related problems,
            it makes too little. These tests follow set steps. One random cortisol level is hard
            to read. Doctors may test spit taken late at night. Or they may give a drug first,
            then check how cortisol responds [@boron-2017].
            """
        ),
        "takeaway": (
            "Cortisol tests look for real adrenal diseases; they cannot confirm 'adrenal "
            "fatigue', which has not been shown to exist [@cadegiani-2016]."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "How does the HPA axis interact with sleep regulation?",
        "anchor": "hpa-and-sleep-regulation",
        "body": md(
            """
            The suprachiasmatic nucleus of the hypothalamus sets the timing of the cortisol
            rhythm, both through its connections with CRH neurons in the paraventricular
            nucleus and through the autonomic nerves that supply the adrenal glands. CRH
            itself promotes wakefulness, and HPA activity is lowest in the first part of the
            night, when deep (slow-wave) sleep is most common. Cortisol rises during the second
            half of the night, as rapid eye movement (REM) sleep becomes more frequent
            [@boron-2017; @guyton-2016].

            Cortisol acts on two receptor types in the brain: high-affinity mineralocorticoid
            receptors, which are largely occupied even at the daily low point, and
            lower-affinity glucocorticoid receptors, which are recruited at the peak and during
            stress and carry most of the negative feedback. Changes in this balance, as seen
            with aging, depression and some sleep disorders, are an active research area, and
            neurosteroids that act on GABA-A receptors add a further layer of regulation
            [@genazzani-2019].
            """
        ),
        "takeaway": (
            "The brain's clock times the cortisol rhythm, and deep sleep coincides with the "
            "quietest part of the stress axis."
        ),
        "figures": [],
    },
    {
        "level": "reflection",
        "heading": "When should you talk to a clinician about sleep or stress?",
        "anchor": "when-to-seek-help",
        "body": md(
            """
            Think about seeing a doctor or nurse if poor sleep goes on for weeks. The same goes
            if you snore loudly, or someone sees you stop breathing for a moment in your sleep.
            Feeling sleepy in the day when you drive or work is a reason too. So is stress or
            low mood that is hard to manage. Ask about a talking treatment called CBT-I, made
            for sleep problems that last.

            Some signs need prompt care, because they can point to a cortisol disease. These
            include weight gain with a rounder face, bruises that come up with little cause, and
            wide purple stretch marks. At the other end, they include weight loss, feeling dizzy
            when you stand up, and severe tiredness [@boron-2017]. These diseases are rare, and
            a doctor can decide whether you need tests.
            """
        ),
        "takeaway": (
            "Poor sleep that lasts, loud snoring or unusual changes in your body are good "
            "reasons to ask for help."
        ),
        "figures": [],
    },
]

SLEEP_ARTICLE = {
    "title": "Sleep and the stress hormone system (HPA axis)",
    "slug": "sleep-and-the-hpa-axis",
    "summary": (
        "How cortisol's daily rhythm and the stress hormone system interact with sleep, what "
        "research on sleep loss shows, and why 'adrenal fatigue' is not a diagnosis."
    ),
    "authors": "Sam Patel, Dr Ana Ruiz",
    "reviewed_by": "Dr Lena Okafor, MD, endocrinologist",
    "reviewed_at": datetime.date(2026, 2, 3),
    "disclaimer_note": "",
    "tags": [t.SLEEP, t.STRESS, t.HORMONES, t.ENDOCRINOLOGY, t.MENTAL_HEALTH],
    "sections": SLEEP_SECTIONS,
}


# --------------------------------------------------------------------------------------------
# Testosterone tests and low testosterone
# --------------------------------------------------------------------------------------------

TESTOSTERONE_SECTIONS = [
    {
        "level": "fundamentals",
        "heading": "What does testosterone do?",
        "anchor": "what-testosterone-does",
        "body": md(
            """
            Testosterone is a steroid hormone that both men and women have. In men, most of it
            is made by the testes. In women, small amounts come from the ovaries and the adrenal
            glands. In boys, it drives the changes that turn a boy into a man. In adult men, it
            helps with sex drive and sex. It also helps make sperm. It keeps muscle and bone
            strong, and helps the body make red blood cells and grow body hair [@boron-2017].

            Some of what it does happens after the body turns it into estradiol, a form of
            estrogen. That is why estradiol matters for men's bones too [@boron-2017].
            """
        ),
        "takeaway": (
            "Testosterone supports sex, sperm, muscle, bone and blood in men, and women have "
            "it in smaller amounts [@boron-2017]."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "What is low testosterone, and what symptoms can it cause?",
        "anchor": "low-testosterone-symptoms",
        "body": md(
            """
            When a man has too little testosterone for a long time, and it causes symptoms,
            doctors call it hypogonadism. Some symptoms point to it more clearly than others
            [@endocrine-society-2018]:

            - less interest in sex
            - fewer erections at night or on waking
            - trouble getting or keeping an erection
            - sore or larger breasts
            - loss of body hair
            - in some men, small testes or a low sperm count

            Other symptoms are much less clear. They include feeling tired, low mood, poor focus
            and weak muscles. These are so common that they are not enough on their own to show
            low testosterone [@endocrine-society-2018].

            The problem can start in the testes. Or it can start in the parts of the brain that
            control them. Finding out which is part of the check-up [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "Low testosterone is diagnosed from clear symptoms plus low blood levels that are"
            " confirmed, not from tiredness or low mood alone [@endocrine-society-2018]."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How is testosterone measured, and what can skew a result?",
        "anchor": "how-testosterone-is-measured",
        "body": md(
            """
            Guidelines advise a blood test for total testosterone, taken in the morning before
            you eat. A low result should be checked with a second test before any diagnosis is
            made [@endocrine-society-2018]. Many things can throw off a single result
            [@endocrine-society-2018]:
            """
        )
        + "\n\n"
        + table(
            "What can throw off a single testosterone result [@endocrine-society-2018]",
            ["Factor", "Why it matters", "What clinicians usually do"],
            [
                [
                    "Time of day",
                    "Levels are highest in the morning, especially in younger men",
                    "Take the sample in the morning",
                ],
                [
                    "Recent meal",
                    "Eating, especially sugar, can lower testosterone for a while",
                    "Take a fasting sample",
                ],
                [
                    "Short-term illness or poor sleep",
                    "Can lower levels temporarily",
                    "Repeat the test once recovered",
                ],
                [
                    "Binding protein (SHBG)",
                    "Obesity, aging, thyroid and liver conditions change how much testosterone "
                    "is bound",
                    "Measure SHBG and estimate free testosterone when needed",
                ],
                [
                    "Laboratory method",
                    "Some methods are less accurate at low levels, and reference ranges differ "
                    "between labs",
                    "Use an accurate, reliable method and compare with that lab's range",
                ],
                [
                    "Medicines",
                    "Opioids, glucocorticoids and anabolic steroids can suppress the system",
                    "Review all medicines and supplements",
                ],
            ],
        )
        + "\n\n"
        + md(
            """
            Each lab gives its own normal range. A result just outside it is not always a
            problem. A result just inside it is not always fine. The result has to be read
            with your symptoms and the other tests [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "Test testosterone in the morning, before eating, and repeat a low result: one "
            "test alone can easily mislead [@endocrine-society-2018]."
        ),
        "figures": [
            figure(
                "testosterone-results-illustrative.png",
                "Bar chart of three invented testosterone results for one person, with no "
                "units: the tops of a morning bar and a repeat morning bar sit inside a "
                "shaded band labeled 'Lab's range', while an afternoon sample after a meal "
                "falls below it. The chart is labeled invented values, not for interpreting "
                "real results.",
                "Why one result is not the whole story: the same person can give different "
                "results at different times (illustrative values only).",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "Why are LH and FSH measured too?",
        "anchor": "lh-and-fsh",
        "body": md(
            """
            Luteinizing hormone (LH) and follicle-stimulating hormone (FSH) come from the
            pituitary gland. They tell the testes to make testosterone and sperm. A test of LH
            and FSH helps show where the problem starts [@boron-2017; @endocrine-society-2018]:

            - Low testosterone with **high** LH and FSH means the testes do not respond as they
              should. The brain is calling, but the testes do not answer. This is called primary
              hypogonadism.
            - Low testosterone with **low or normal** LH and FSH means the call from the brain
              is weak. This is called secondary hypogonadism. Causes include a lot of body fat,
              opioid drugs, severe illness, and too much of a hormone called prolactin. Less
              often, the cause is a growth in the pituitary gland. So more tests may follow.

            The two kinds need different next steps. Some causes of the second kind can be
            treated at their root [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "LH and FSH show whether low testosterone starts in the testes or in the brain "
            "signals that control them [@endocrine-society-2018]."
        ),
        "figures": [
            figure(
                "testosterone-testing-steps.png",
                "Flow chart with five numbered steps from top to bottom: symptoms and "
                "examination; a morning testosterone test; a repeat test; LH and FSH tests; "
                "and a discussion of options.",
                "The usual order of steps when low testosterone is suspected "
                "[@endocrine-society-2018].",
            )
        ],
    },
    {
        "level": "academic",
        "heading": "What does the guideline say about treatment?",
        "anchor": "guideline-on-treatment",
        "body": md(
            """
            The Endocrine Society's guideline recommends testosterone therapy for men with
            consistent symptoms and signs and unequivocally low testosterone, to induce and
            maintain secondary sex characteristics and to correct symptoms
            [@endocrine-society-2018]. For older men with low levels, it suggests an
            individual decision after an explicit discussion of benefits and risks, rather
            than treating everyone over a certain age.

            The guideline advises against starting testosterone in men planning fertility in
            the near term, and in men with conditions such as breast or prostate cancer, an
            elevated red blood cell count, untreated severe sleep apnea, uncontrolled heart
            failure or a recent heart attack or stroke. Treatment is monitored with regular
            checks of symptoms, testosterone levels and red cell counts, and prostate checks
            for some men [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "Guidelines support testosterone therapy for confirmed hypogonadism with symptoms, "
            "with clear exclusions and regular monitoring [@endocrine-society-2018]."
        ),
        "figures": [],
    },
    {
        "level": "academic",
        "heading": "What do studies show about testosterone, mood and behavior?",
        "anchor": "testosterone-mood-and-behavior",
        "body": md(
            """
            Testosterone both influences and responds to social situations. Studies in men
            show that levels can change after competition or social encounters and that
            testosterone can shift emotional reactions, but these effects are small, variable
            and depend strongly on context [@roney-2007]. The popular image of testosterone
            as simply driving aggression or confidence is not supported.

            Trials of testosterone replacement in older men have measured mood, cognition and
            quality of life. Benefits for mood are modest and mostly seen in men with clearly
            low levels, and there is no consistent benefit for memory or thinking
            [@resnick-2006]. Testosterone is not a treatment for depression in men with normal
            levels.
            """
        ),
        "takeaway": (
            "Testosterone's effects on mood and behavior are real but modest and depend on "
            "context; it is not a mood treatment for men with normal levels "
            "[@roney-2007; @resnick-2006]."
        ),
        "figures": [],
    },
    {
        "level": "reflection",
        "heading": "What should you ask before starting treatment?",
        "anchor": "before-starting-treatment",
        "body": md(
            """
            If you are offered testosterone, or are thinking of asking for it, these questions
            can help. Has my low level been shown on two morning tests? Do we know the cause?
            Can we treat the cause itself? How would this affect my chance of having children?
            What will be checked, and how often? How will we know if it is not working, and when
            would we stop?

            Be wary of clinics or websites that sell testosterone, or mixes of hormones and
            "peptides", to men who have not had a proper check-up. Guidelines call for a firm
            diagnosis first, and for checks at set times after that [@endocrine-society-2018].
            Taking a hormone is a long-term choice. It is best made with a doctor who knows you
            well.
            """
        ),
        "takeaway": (
            "Make sure low testosterone is confirmed, its cause is known, and your fertility "
            "and follow-up checks have been talked through."
        ),
        "figures": [],
    },
]

TESTOSTERONE_ARTICLE = {
    "title": "Understanding testosterone tests and low testosterone",
    "slug": "testosterone-tests-and-low-testosterone",
    "summary": (
        "What testosterone does, how low testosterone is diagnosed, why one blood test is not "
        "enough, and what the guideline says about treatment."
    ),
    "authors": "Dr Ana Ruiz",
    "reviewed_by": "Dr Lena Okafor, MD, endocrinologist",
    "reviewed_at": datetime.date(2026, 2, 20),
    "disclaimer_note": (
        "Testosterone is a prescription medicine. Decisions about testing and treatment belong "
        "with a clinician who knows your history."
    ),
    "tags": [t.TESTOSTERONE, t.MENS_HEALTH, t.LAB_TESTS, t.HORMONES, t.ENDOCRINOLOGY],
    "sections": TESTOSTERONE_SECTIONS,
}


ARTICLES = [OXYTOCIN_ARTICLE, SLEEP_ARTICLE, TESTOSTERONE_ARTICLE]
