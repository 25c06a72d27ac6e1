"""Demo articles, written by us in the shape of the source article (layered reading levels,
question-style headings, take-away sentences, figures, tables and citations).

The content explains; it never sells a treatment. It says what the evidence does and does not
show, gives no dosing, and sends readers to a clinician for decisions about their own health.

Each article is a dict with the Article fields plus `tags` and `sections`; each section has
`level`, `heading`, `anchor`, `body` (Markdown, cite with [@key] or [@key1; @key2]),
`takeaway` and `figures` (files in `images/`, drawn by scripts/make_demo_images.py).
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
            Hormones are chemical messengers. Glands and specialized cells release them,
            usually into the bloodstream, and they act on tissues that may be far away from
            where they were made. The thyroid, the adrenal glands, the pituitary gland, the
            pancreas and the ovaries or testes all belong to the endocrine system, the body's
            network of hormone-producing tissues [@guyton-2016].

            A hormone affects only the cells that carry a matching receptor. A common way to
            picture this is a key and a lock: the hormone is the key, the receptor is the lock,
            and only cells fitted with the right lock respond. When the key turns, the cell
            changes what it is doing. It might release a substance, switch genes on or off, or
            contract. The picture is simplified, because real receptors can be partly
            activated, blocked, or made more or less sensitive, but it explains why one
            hormone can have very different effects in different organs [@boron-2017].

            Hormones come in different chemical families. Steroid hormones, such as cortisol,
            estradiol and testosterone, are made from cholesterol and can pass into cells to
            reach receptors inside them. Peptide hormones, such as insulin and oxytocin, are
            short chains of amino acids that act on receptors on the cell surface.
            """
        ),
        "takeaway": (
            "A hormone acts only on cells that carry its receptor, which is why one messenger "
            "can do different jobs in different tissues."
        ),
        "figures": [
            figure(
                "receptor-key-lock.png",
                "Diagram of a cell with a receptor on its surface shaped like a lock. A "
                "hormone shaped like a matching key fits the receptor and triggers a response "
                "inside the cell, while a differently shaped molecule does not fit and "
                "produces no response.",
                "The key-and-lock picture: only cells with a matching receptor respond to a "
                "hormone.",
            )
        ],
    },
    {
        "level": "fundamentals",
        "heading": "What is oxytocin, and is it really the love hormone?",
        "anchor": "what-is-oxytocin",
        "body": md(
            """
            Oxytocin is a small peptide hormone made in the hypothalamus, a region at the base
            of the brain. It has two well-established jobs in the body. It makes the muscle of
            the uterus contract during labor, and it triggers the flow of milk during
            breastfeeding (the "let-down" reflex). A synthetic version is a standard hospital
            medicine, used to start or strengthen labor and to reduce bleeding after birth.

            Oxytocin is also released inside the brain, where it acts more like a
            neurotransmitter. Animal research, especially in rodents and prairie voles, links
            it to the bond between parents and their young, to partner bonds, and to how
            animals respond to social cues [@insel-2010; @neal-2018]. Findings like these
            earned it nicknames such as "love hormone" and "cuddle hormone".

            The nickname oversimplifies. In people, oxytocin seems to make social information
            more noticeable rather than simply making us kinder or happier, and its effects
            depend on the person and the situation. Some experiments even found that it can
            sharpen feelings such as envy, or favoritism toward one's own group. Oxytocin is
            one signal among many in social life, not a switch for love or trust.
            """
        ),
        "takeaway": (
            "Oxytocin has clear roles in birth and breastfeeding; its role in human social "
            "life is real but more modest and context-dependent than the nickname suggests."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "How does the body keep hormone levels in range?",
        "anchor": "feedback-loops",
        "body": md(
            """
            Most hormone systems regulate themselves through negative feedback. The brain and
            the pituitary gland sense how much of a hormone is circulating and adjust their own
            signals: when the level is high, they send less of the "make more" signal, and when
            it is low, they send more. A heating system controlled by a thermostat works in a
            similar way.

            Feedback has a practical consequence. Taking a hormone from outside the body
            changes how much the body makes itself. When a man takes testosterone, for
            example, the pituitary senses the higher level and turns down the signals that tell
            the testes to make testosterone and sperm. This is one reason hormone medicines
            need medical supervision: they rarely act on only one thing.

            Levels also change naturally. Many hormones follow a daily rhythm, rise and fall
            across the menstrual cycle, or shift over the lifespan, so a single blood test is
            a snapshot rather than a verdict. Oxytocin is a partial exception to the rule of
            negative feedback: during labor and breastfeeding it works through positive
            feedback, in which the response (the cervix stretching, a baby suckling) triggers
            more release until the event ends [@guyton-2016].
            """
        ),
        "takeaway": (
            "Because hormone systems regulate themselves through feedback, adding a hormone "
            "from outside usually turns down the body's own production."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "Can hormones explain changes in mood or closeness?",
        "anchor": "hormones-and-mood",
        "body": md(
            """
            Hormones can influence mood, energy, sleep and sexual desire. Thyroid disorders,
            the weeks after giving birth, the years around menopause and clearly low
            testosterone are recognized situations in which hormone changes and mood changes
            can go together.

            Feeling low, irritable or disconnected from other people has many possible causes,
            though: depression and anxiety, grief, relationship strain, poor sleep, pain, other
            illnesses, alcohol, and the side effects of medicines. Hormones are one piece of a
            larger picture and are rarely the whole explanation.

            If you notice a lasting change in your mood, energy or desire, a clinician can help
            you sort through the possible causes, which may include blood tests. If you have
            thoughts of harming yourself, contact emergency services or a crisis line straight
            away.
            """
        ),
        "takeaway": (
            "Hormones are one possible contributor to changes in mood or connection, and a "
            "clinician can help you look at all the likely causes together."
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
            The hypothalamic-pituitary-gonadal axis (HPG axis) is the control system for the
            sex hormones. It works in three steps [@boron-2017]:

            1. The hypothalamus releases gonadotropin-releasing hormone (GnRH) in pulses.
            2. GnRH tells the anterior (front) part of the pituitary gland to release
               luteinizing hormone (LH) and follicle-stimulating hormone (FSH).
            3. LH and FSH act on the testes or ovaries, which make testosterone, estradiol and
               progesterone and support the development of sperm or eggs.

            The sex hormones then feed back to the hypothalamus and pituitary, usually damping
            down GnRH, LH and FSH. Around ovulation, rising estradiol briefly does the opposite
            and triggers a surge of LH.

            Oxytocin is not part of this chain, but it lives in the same neighborhood. It is
            made by nerve cells in the hypothalamus and released from the posterior (back)
            part of the pituitary, and sex hormones can change how many oxytocin receptors some
            tissues carry. That is the main reason researchers ask whether changes in the HPG
            axis, at puberty, in pregnancy, at menopause or with low testosterone, might alter
            oxytocin signaling.
            """
        ),
        "takeaway": (
            "The HPG axis controls the sex hormones through feedback; oxytocin sits beside it "
            "in the hypothalamus and pituitary rather than inside the chain."
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
                "feedback from the sex hormones.",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "How do estrogen, progesterone and testosterone relate to oxytocin?",
        "anchor": "sex-hormones-and-oxytocin",
        "body": md(
            """
            The clearest example comes from pregnancy. In the last weeks before birth, the
            number of oxytocin receptors in the muscle of the uterus rises steeply, which lets
            the uterus respond strongly to oxytocin during labor. Estrogens help drive this
            increase, while progesterone helps keep the uterus relatively quiet earlier in
            pregnancy [@guyton-2016].

            In the brain, most of what we know comes from animal studies. In rodents, estradiol
            increases oxytocin receptors in some brain regions involved in social and sexual
            behavior. Testosterone can have similar effects, partly because an enzyme called
            aromatase converts testosterone into estradiol inside brain cells. Whether the same
            happens, and to the same degree, in the human brain is much less certain, because
            receptor levels in living human brains are very hard to measure.
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
                    "Increases oxytocin receptors in the uterus and in some brain regions",
                    "Uterine studies in humans; brain studies mainly in animals",
                ],
                [
                    "Progesterone",
                    "Ovaries, placenta, adrenal glands",
                    "Keeps the pregnant uterus relatively quiet; converted to the neurosteroid "
                    "allopregnanolone",
                    "Pregnancy physiology; animal studies",
                ],
                [
                    "Testosterone",
                    "Testes, ovaries, adrenal glands",
                    "Acts partly after conversion to estradiol, partly through androgen receptors",
                    "Mainly animal studies; few human studies",
                ],
                [
                    "Cortisol (HPA axis)",
                    "Adrenal glands",
                    "Oxytocin can damp stress responses; long-term stress may alter oxytocin "
                    "signaling",
                    "Animal studies; mixed human results",
                ],
                [
                    "Vasopressin",
                    "Hypothalamus",
                    "A close chemical cousin that can act on oxytocin receptors, and vice versa",
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
            "Sex hormones clearly regulate oxytocin receptors in the uterus; effects in the "
            "human brain are plausible but mostly inferred from animal research."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How do hormone levels change over a lifetime?",
        "anchor": "hormones-across-life",
        "body": md(
            """
            Sex hormone levels rise at puberty. During the reproductive years, estradiol and
            progesterone follow a monthly cycle in women. In perimenopause, the years leading
            up to the last period, ovarian hormones fluctuate widely before falling after
            menopause, which on average happens around the age of 51. Hot flashes, disturbed
            sleep and mood changes are common during this transition, and for some women the
            risk of depression rises during it.

            In men, testosterone tends to decline slowly and gradually with age rather than
            suddenly. Much of the difference between men of the same age is linked to body
            weight, long-term illness, medicines and sleep, not age alone. The word
            "andropause" is sometimes used, but many endocrinologists avoid it because there is
            no sudden, universal drop comparable to menopause.

            When testosterone is truly low and causes symptoms, the condition is called
            hypogonadism. Guidelines recommend making this diagnosis only in people with
            consistent symptoms and signs and unequivocally low testosterone on at least two
            morning blood tests, measured with a reliable method [@endocrine-society-2018].
            """
        ),
        "takeaway": (
            "Menopause is a distinct transition, while the decline of testosterone with age in "
            "men is gradual and often tied to general health."
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
                "menopause, a gradual average decline in men.",
            )
        ],
    },
    {
        "level": "intermediate",
        "heading": "Which treatments exist, and what do they aim to do?",
        "anchor": "treatments-overview",
        "body": md(
            """
            Several hormone-related treatments come up in discussions of mood, energy and
            relationships. This section explains what each one is. It is not a recommendation,
            and every one of them needs an assessment and follow-up by a qualified prescriber.

            - **Testosterone replacement therapy (TRT)** treats confirmed hypogonadism. In men
              who truly have it, it can improve sexual function and, modestly, mood and
              energy. It suppresses sperm production, so guidelines advise against it for men
              who hope to father a child soon, and it needs regular monitoring, including blood
              counts [@endocrine-society-2018].
            - **Gonadorelin** is a synthetic form of GnRH. Given in pulses it stimulates LH and
              FSH; given continuously it has the opposite effect. Some clinics add it to
              testosterone in the hope of preserving testicular function, but the evidence for
              that use is limited.
            - **Aromatase inhibitors** block the conversion of testosterone to estradiol. They
              are established medicines for breast cancer. Using them in men who take
              testosterone is off-label, and pushing estradiol too low can harm bone health
              and sexual function.
            - **Menopausal hormone therapy** (estrogen, combined with progesterone or a similar
              progestogen for anyone who has a uterus) is the most effective treatment for hot
              flashes. The progestogen protects the lining of the uterus.
            - **Testosterone for women** is supported by international position statements
              mainly for one use: distressing low sexual desire after menopause. It is not
              recommended for mood or energy on its own.
            - **Growth hormone secretagogues** and other "peptides" are promoted online for
              anti-aging, muscle or sleep. Apart from a few narrow approved uses, good evidence
              of benefit in healthy adults is lacking, and products sold outside pharmacies
              may not contain what the label says.

            No treatment has been shown to improve social connection by boosting oxytocin
            signaling. Popular books about hormone balance [@gottfried-2013] can help people
            put questions into words, but they are written for general readers and do not
            replace clinical trials or individual advice.
            """
        ),
        "takeaway": (
            "Hormone treatments have specific, proven uses; none is an evidence-based way to "
            "tune oxytocin or social connection."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How do stress hormones and oxytocin interact?",
        "anchor": "stress-and-oxytocin",
        "body": md(
            """
            The body's main stress system is the hypothalamic-pituitary-adrenal axis (HPA
            axis). In response to a physical or psychological challenge, the hypothalamus
            releases corticotropin-releasing hormone (CRH), the pituitary releases
            adrenocorticotropic hormone (ACTH), and the adrenal glands release cortisol.
            Cortisol mobilizes energy and, through negative feedback, switches the response
            off again [@boron-2017].

            Oxytocin and the HPA axis influence each other. In animal studies, oxytocin
            released in the brain tends to damp the stress response, and social contact can
            soften the rise in stress hormones. In people the results are less consistent:
            some experiments found that oxytocin given as a nasal spray reduced cortisol
            responses to a stressful task, while others found no effect.

            Short bursts of cortisol are normal and useful. Problems arise when stress is
            intense and long-lasting, when sleep is persistently poor, or in medical conditions
            in which cortisol is too high or too low. Long-term stress affects many brain
            systems at once, and there is no blood test that measures "oxytocin balance" in a
            clinically useful way.
            """
        ),
        "takeaway": (
            "Oxytocin and the stress axis influence each other, but the human evidence is mixed "
            "and no test measures a person's oxytocin balance."
        ),
        "figures": [
            figure(
                "hpa-axis-stress-loop.png",
                "Flow diagram of the HPA axis. A stressor acts on the hypothalamus, which "
                "releases CRH; the pituitary then releases ACTH; the adrenal glands release "
                "cortisol. A return arrow labeled negative feedback runs from cortisol to the "
                "hypothalamus and pituitary, and a side box notes that oxytocin can damp the "
                "response in animal studies.",
                "The stress (HPA) axis switches itself off through cortisol feedback; oxytocin "
                "is one of several signals that can modulate it.",
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
                "Simplified side view of the brain. Oxytocin-producing neurons in the "
                "hypothalamus send fibers to the posterior pituitary, which releases oxytocin "
                "into the bloodstream toward the uterus and breast. Separate fibers carry "
                "oxytocin to brain areas such as the amygdala.",
                "Two routes for one peptide: into the blood from the posterior pituitary, and "
                "directly to brain regions.",
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

            The links with oxytocin are less direct. In pregnant rats, allopregnanolone
            strengthens GABA inhibition of oxytocin neurons, which may help prevent premature
            oxytocin release; around birth this restraint is lifted. Beyond pregnancy, both
            systems influence stress responses, but there is little direct evidence that
            neurosteroids change oxytocin signaling in people.
            """
        ),
        "takeaway": (
            "Allopregnanolone shows that steroid metabolites can act quickly on brain "
            "receptors; its link with oxytocin is clearest in animal pregnancy."
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
            - **Clinical trials.** Larger randomized trials of repeated intranasal oxytocin,
              for example in autism, have not shown clear benefit over placebo.

            None of this means oxytocin is unimportant. It means that results from rodents, or
            from single-dose laboratory studies, should not be presented as proven treatments
            for loneliness, low mood or relationship problems.
            """
        ),
        "takeaway": (
            "Single-dose laboratory studies and animal research do not add up to an "
            "evidence-based oxytocin treatment for social or emotional problems."
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
                    "Consistent increases in the uterus and in some rodent brain regions",
                    "Strong in animals and the uterus; limited for the human brain",
                ],
                [
                    "Does one dose of intranasal oxytocin change trust or empathy?",
                    "Small randomized laboratory experiments",
                    "Early positive findings, followed by many failed replications",
                    "Low",
                ],
                [
                    "Does repeated intranasal oxytocin help autism or social anxiety?",
                    "Randomized controlled trials",
                    "No clear benefit over placebo in the larger trials",
                    "Moderate evidence of little or no benefit",
                ],
                [
                    "Does testosterone therapy help men with confirmed low testosterone?",
                    "Randomized controlled trials; guideline review",
                    "Improves sexual function; small average gains in mood",
                    "Moderate, for modest effects",
                ],
                [
                    "Does testosterone therapy change social behavior through oxytocin?",
                    "Animal studies; no direct human trials",
                    "A plausible mechanism that has not been tested in people",
                    "Very low",
                ],
                [
                    "Do neurosteroid medicines help postpartum depression?",
                    "Randomized controlled trials",
                    "Faster improvement than placebo",
                    "Moderate; approved for this use",
                ],
                [
                    "Do growth hormone secretagogues improve mood, sleep or aging in healthy "
                    "adults?",
                    "Few small studies; marketing claims",
                    "No reliable evidence of these benefits",
                    "Very low",
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
            "evidence."
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

            Some references are listed without a DOI or PubMed ID. We show them as they were
            published in the sources we drew on and never add an identifier we could not
            verify. Treat an entry without a link as a pointer to look up, and weigh it by the
            kind of source it is.
            """
        ),
        "takeaway": (
            "Textbooks, guidelines, studies and popular books carry different weight, and a "
            "missing identifier is shown honestly rather than guessed."
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
            Knowing how hormones and oxytocin work can make some experiences easier to name:
            why mood may shift across the menstrual cycle or around menopause, why stress and
            poor sleep can leave you feeling less connected, or why a hormone medicine can have
            effects beyond its main target. It can also make it easier to notice when a claim
            goes further than the science does.

            Some habits are good for mood and for the stress system in general, whether or not
            a hormone problem is involved: regular sleep, physical activity, time with people
            you trust, and help for stress, anxiety or depression when you need it. These are
            not hormone "hacks". They are the unglamorous basics that appear in almost every
            sound treatment plan.

            It is also worth being gentle with yourself. Feeling distant or flat is a common
            human experience, not a personal failing, and it is reason enough to ask for
            support.
            """
        ),
        "takeaway": (
            "Knowing how these signals work can help you describe what you notice and question "
            "claims that overreach."
        ),
        "figures": [],
    },
    {
        "level": "reflection",
        "heading": "What questions could you bring to a clinician?",
        "anchor": "questions-for-your-clinician",
        "body": md(
            """
            If you think a hormone change may be affecting how you feel, questions like these
            can help you get the most from an appointment:

            - What else could explain these symptoms, and how will we check?
            - Which tests make sense for me, and when should they be done (for example, in the
              morning, or on a particular day of my cycle)?
            - If a result is abnormal, will it be repeated before we decide anything?
            - What benefits can someone like me realistically expect from treatment, and how
              large are they?
            - What are the risks, including effects on fertility, and how will they be
              monitored?
            - What would happen if I wait, or try other approaches first?

            Bring a list of every medicine and supplement you take, including anything bought
            online. Do not start, stop or change a hormone treatment without talking to the
            person who prescribes it.
            """
        ),
        "takeaway": (
            "A good consultation looks for all the causes, confirms results before acting, and "
            "weighs realistic benefits against risks."
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
            The hypothalamic-pituitary-adrenal axis, or HPA axis, is the hormone system that
            helps the body respond to challenges. When the brain detects a stressor, the
            hypothalamus signals the pituitary gland, which in turn signals the adrenal glands
            above the kidneys to release cortisol [@guyton-2016].

            Cortisol raises blood sugar, helps the body use energy, and adjusts the immune
            system and blood pressure. It is essential to life. When enough cortisol is
            circulating, it signals back to the brain to turn the response down again, so a
            healthy stress response has both an accelerator and a brake.
            """
        ),
        "takeaway": (
            "The HPA axis releases cortisol to meet challenges and then switches itself off "
            "through feedback."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "Why does cortisol follow a daily rhythm?",
        "anchor": "daily-cortisol-rhythm",
        "body": md(
            """
            Cortisol is not released at a steady rate. In people who sleep at night, it is
            lowest around midnight, starts to rise in the early hours of the morning, and
            peaks shortly after waking. It then falls, with smaller bumps after meals or
            stressful moments, through the afternoon and evening.

            This daily pattern is an example of a circadian rhythm. It is timed by the body's
            internal clock in the hypothalamus, which is set mainly by light. Melatonin, a
            hormone that signals darkness, follows roughly the opposite pattern: it rises in
            the evening and falls toward morning.
            """
        ),
        "takeaway": (
            "Cortisol normally peaks soon after waking and is lowest around midnight, guided by "
            "the body's light-set clock."
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
                "night (illustrative, not to scale).",
            )
        ],
    },
    {
        "level": "fundamentals",
        "heading": "How can poor sleep and stress feed each other?",
        "anchor": "sleep-stress-cycle",
        "body": md(
            """
            Stress can make it harder to fall asleep and stay asleep. Worry keeps the mind
            alert, and stress hormones promote wakefulness. Poor sleep, in turn, can leave
            people more reactive to stress the next day, with lower mood, less patience and
            more difficulty concentrating.

            This can become a cycle, but it is one that can often be interrupted. Keeping
            regular sleep and wake times, getting daylight in the morning, limiting caffeine
            and alcohol, and setting aside time to wind down are simple starting points. If
            poor sleep lasts for weeks, talk to a clinician.
            """
        ),
        "takeaway": (
            "Stress and poor sleep can reinforce each other, and small, regular habits are a "
            "reasonable first step in breaking the cycle."
        ),
        "figures": [
            figure(
                "sleep-stress-cycle.png",
                "Circular diagram with four boxes joined by arrows: stress leads to a more "
                "alert, wakeful brain; that leads to shorter or broken sleep; poor sleep leads "
                "to greater sensitivity to stress the next day; and that leads back to stress. "
                "A note in the center says the cycle can be interrupted at any point.",
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
            In laboratory studies, a night of restricted or no sleep often raises cortisol the
            following evening, when it would normally be falling. Repeated short sleep and
            working night shifts can also flatten or shift the daily cortisol curve. These
            changes are usually modest and vary a great deal between people and studies.

            Most of this research is short-term and done in healthy volunteers, so it shows
            that sleep and the HPA axis are linked rather than proving that poor sleep causes
            long-term hormone disease. Sleep loss also affects appetite hormones, blood sugar
            control and mood, which is one reason sleep matters for health in general
            [@boron-2017].
            """
        ),
        "takeaway": (
            "Short-term sleep loss can shift the cortisol rhythm, but the changes are modest "
            "and do not by themselves mean a hormone disorder."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "Can a cortisol test show whether I have adrenal fatigue?",
        "anchor": "adrenal-fatigue",
        "body": md(
            """
            "Adrenal fatigue" is not a recognized medical diagnosis. The idea that everyday
            stress wears out the adrenal glands has not been supported by research, and
            endocrinology societies advise against tests and supplements sold on that basis.
            Tiredness is real and worth investigating, but its usual causes include poor sleep,
            sleep apnea, depression, anemia, thyroid problems and many others.

            Cortisol tests are used to look for specific diseases: Cushing's syndrome, in which
            the body is exposed to too much cortisol, and adrenal insufficiency, in which it
            makes too little. These tests follow set protocols, such as a late-night saliva
            sample, a dexamethasone suppression test or an ACTH stimulation test, because a
            single random cortisol level is hard to interpret.
            """
        ),
        "takeaway": (
            "Cortisol tests diagnose specific adrenal diseases; they cannot confirm "
            "'adrenal fatigue', which is not a recognized condition."
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
            Consider seeing a clinician if poor sleep lasts more than a few weeks, if you snore
            loudly or someone notices pauses in your breathing at night, if daytime sleepiness
            affects driving or work, or if stress or low mood is hard to manage. For long-term
            insomnia, cognitive behavioral therapy for insomnia (CBT-I) is the recommended
            first treatment and works without medicines.

            Some symptoms deserve prompt attention because they can point to a cortisol
            disorder: unexplained weight gain with a rounder face, easy bruising and wide
            purple stretch marks, or, at the other extreme, weight loss, dizziness on standing
            and severe tiredness. These are uncommon, and a clinician can decide whether
            testing is needed.
            """
        ),
        "takeaway": (
            "Persistent poor sleep, loud snoring or unusual body changes are good reasons to "
            "ask a clinician for help."
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
            Testosterone is a steroid hormone present in everyone. In men it is made mainly by
            the testes; in women smaller amounts come from the ovaries and the adrenal glands.
            In men it drives the changes of puberty and, in adulthood, supports sexual desire
            and erections, sperm production, muscle and bone strength, red blood cell
            production and body hair [@guyton-2016].

            Some of testosterone's effects happen after the body converts it to estradiol, a
            form of estrogen. That is why estradiol matters for men's bones too.
            """
        ),
        "takeaway": (
            "Testosterone supports sexual function, sperm production, muscle, bone and blood "
            "in men, and is present in smaller amounts in women."
        ),
        "figures": [],
    },
    {
        "level": "fundamentals",
        "heading": "What is low testosterone, and what symptoms can it cause?",
        "anchor": "low-testosterone-symptoms",
        "body": md(
            """
            Clinicians call a lasting shortage of testosterone with symptoms hypogonadism. The
            most specific symptoms are reduced sexual desire, fewer spontaneous or morning
            erections, erectile difficulties, breast discomfort or enlargement, loss of body
            hair and, in some cases, small testes or low sperm counts. Less specific symptoms
            include tiredness, low mood, poor concentration and reduced muscle strength.

            Because the less specific symptoms are so common, they are not enough on their own
            to diagnose low testosterone. Hypogonadism can start in the testes (primary) or in
            the pituitary gland or hypothalamus that control them (secondary), and finding
            which is the case is part of the assessment.
            """
        ),
        "takeaway": (
            "Low testosterone is diagnosed from specific symptoms plus confirmed low blood "
            "levels, not from tiredness or low mood alone."
        ),
        "figures": [],
    },
    {
        "level": "intermediate",
        "heading": "How is testosterone measured, and what can skew a result?",
        "anchor": "how-testosterone-is-measured",
        "body": md(
            """
            Guidelines recommend measuring total testosterone in a blood sample taken in the
            morning, after fasting, and repeating the test to confirm a low result before any
            diagnosis [@endocrine-society-2018]. Many factors can make a single result
            misleading:
            """
        )
        + "\n\n"
        + table(
            "What can make a single testosterone result misleading",
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
            Each laboratory reports its own reference range, and a result just outside it is
            not automatically a problem, or just inside it automatically fine. The result has
            to be read together with symptoms and the other tests.
            """
        ),
        "takeaway": (
            "Testosterone should be tested in the morning, fasting, and confirmed with a repeat "
            "test, because one result can easily mislead."
        ),
        "figures": [
            figure(
                "testosterone-results-illustrative.png",
                "Bar chart of three invented testosterone results for one person, with no "
                "units: a first morning sample and a repeat morning sample sit inside a "
                "shaded band labeled 'this lab's reference range', while an afternoon sample "
                "after a meal falls below it. The chart is labeled illustrative, not "
                "for interpreting real results.",
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
            Luteinizing hormone (LH) and follicle-stimulating hormone (FSH) are the pituitary
            signals that tell the testes to make testosterone and sperm. Measuring them helps
            locate the problem [@boron-2017]:

            - Low testosterone with **high** LH and FSH suggests the testes are not responding
              (primary hypogonadism).
            - Low testosterone with **low or normal** LH and FSH suggests the signal from the
              brain is reduced (secondary hypogonadism). Causes include obesity, opioid
              medicines, serious illness, high prolactin and, less often, pituitary disease,
              so further tests may follow.

            The distinction matters because it changes what else is investigated, and because
            some causes of secondary hypogonadism can be treated directly.
            """
        ),
        "takeaway": (
            "LH and FSH show whether low testosterone starts in the testes or in the brain "
            "signals that control them."
        ),
        "figures": [
            figure(
                "testosterone-testing-steps.png",
                "Flow chart with five steps from left to right: symptoms and examination; a "
                "morning fasting testosterone test; a repeat test to confirm; LH and FSH "
                "tests to find the cause; and a discussion of options with a clinician.",
                "The usual order of steps when low testosterone is suspected.",
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
            for some men.

            A large placebo-controlled trial published in 2023, in men with hypogonadism and
            high cardiovascular risk, found no overall increase in major cardiovascular events,
            though some problems, including atrial fibrillation and blood clots in the lungs,
            were more common with testosterone.
            """
        ),
        "takeaway": (
            "Guidelines support testosterone therapy for confirmed hypogonadism with symptoms, "
            "with clear exclusions and regular monitoring."
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
            "context; it is not a mood treatment for men with normal levels."
        ),
        "figures": [],
    },
    {
        "level": "reflection",
        "heading": "What should you ask before starting treatment?",
        "anchor": "before-starting-treatment",
        "body": md(
            """
            If you are offered testosterone, or are considering asking for it, it can help to
            ask: Has my low level been confirmed with repeat morning tests? Do we know the
            cause, and can it be treated directly? How would treatment affect my fertility?
            What will be monitored, and how often? What would tell us that treatment is not
            helping, and when would we stop?

            Be cautious about clinics or websites that offer testosterone, or combinations of
            hormones and "peptides", without a confirmed diagnosis and a plan for monitoring.
            Hormone treatment is a long-term medical decision best made with a clinician who
            knows your history.
            """
        ),
        "takeaway": (
            "Before treatment, make sure low testosterone is confirmed, its cause is known, and "
            "fertility and monitoring have been discussed."
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
