"""Draw the demo figures (original diagrams) into articles/demo/images/.

A developer's tool, not part of the site: the drawn PNGs are committed, and load_demo only
reads them. Run from the project folder:  .venv/bin/python scripts/make_demo_images.py

Everything is drawn at twice the final size and scaled down, which smooths lines and text,
then saved as an optimized palette PNG (each file well under 120 KB). Labels use a TrueType
font from /usr/share/fonts when one is found, otherwise Pillow's built-in scalable font.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT_DIR = Path(__file__).resolve().parent.parent / "articles" / "demo" / "images"
WIDTH, HEIGHT = 1200, 700
SCALE = 2  # draw at 2x, then downsample

# Calm palette: teal, navy and sand on off-white.
BACKGROUND = "#faf8f3"
NAVY = "#1f3a5f"
TEAL = "#2a8c82"
TEAL_LIGHT = "#d4ece8"
SAND = "#e9dcc0"
SAND_DARK = "#b89b68"
INK = "#26303b"
MUTED = "#5b6673"
GRID = "#dcd8cf"
WHITE = "#ffffff"

FONT_CANDIDATES = {
    False: ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "FreeSans.ttf"],
    True: ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "FreeSansBold.ttf"],
}
_font_paths = {}
_font_cache = {}


def find_font(bold):
    if bold not in _font_paths:
        _font_paths[bold] = None
        for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
            if not root.is_dir():
                continue
            for name in FONT_CANDIDATES[bold]:
                found = next(root.rglob(name), None)
                if found:
                    _font_paths[bold] = found
                    break
            if _font_paths[bold]:
                break
    return _font_paths[bold]


def font(size, bold=False):
    """A font at `size` final pixels (drawn at SCALE times that)."""
    key = (size, bold)
    if key not in _font_cache:
        path = find_font(bold)
        if path:
            _font_cache[key] = ImageFont.truetype(str(path), size * SCALE)
        else:
            _font_cache[key] = ImageFont.load_default(size=size * SCALE)
    return _font_cache[key]


class Canvas:
    """A drawing surface whose coordinates are in final pixels (0..1200, 0..700)."""

    def __init__(self, width=WIDTH, height=HEIGHT):
        self.width, self.height = width, height
        self.image = Image.new("RGB", (width * SCALE, height * SCALE), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def s(*values):
        return [round(v * SCALE) for v in values]

    def text_width(self, text, size, bold=False):
        return font(size, bold).getlength(text) / SCALE

    def wrap(self, text, size, max_width, bold=False):
        """Split text into lines no wider than max_width (explicit newlines are kept)."""
        lines = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}".strip()
                if current and self.text_width(candidate, size, bold) > max_width:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        return lines

    def text(self, x, y, text, size=20, bold=False, color=INK, anchor="la"):
        self.draw.text(self.s(x, y), text, font=font(size, bold), fill=color, anchor=anchor)

    def text_block(self, cx, cy, text, size=20, bold=False, color=INK, max_width=300, gap=1.25):
        """Centered, wrapped lines around the point (cx, cy)."""
        lines = self.wrap(text, size, max_width, bold)
        line_height = size * gap
        top = cy - line_height * len(lines) / 2 + line_height / 2
        for i, line in enumerate(lines):
            self.text(cx, top + i * line_height, line, size, bold, color, anchor="mm")

    def box(
        self,
        x,
        y,
        w,
        h,
        text="",
        fill=WHITE,
        outline=NAVY,
        size=20,
        bold=False,
        color=INK,
        radius=14,
        width=2,
        title=None,
    ):
        self.draw.rounded_rectangle(
            self.s(x, y, x + w, y + h),
            radius=radius * SCALE,
            fill=fill,
            outline=outline,
            width=width * SCALE,
        )
        if title:
            self.text(x + w / 2, y + 24, title, size + 2, True, color, anchor="mm")
            self.text_block(x + w / 2, y + (h + 32) / 2, text, size, bold, color, w - 28)
        elif text:
            self.text_block(x + w / 2, y + h / 2, text, size, bold, color, w - 28)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=1):
        self.draw.rectangle(self.s(x0, y0, x1, y1), fill=fill, outline=outline, width=width * SCALE)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=2):
        self.draw.ellipse(self.s(x0, y0, x1, y1), fill=fill, outline=outline, width=width * SCALE)

    def polygon(self, points, fill=None, outline=None, width=2):
        flat = [v for p in points for v in self.s(*p)]
        self.draw.polygon(flat, fill=fill, outline=outline, width=width * SCALE)

    def line(self, points, color=NAVY, width=3, dashed=False, dash=14, gap=9):
        if not dashed:
            flat = [v for p in points for v in self.s(*p)]
            self.draw.line(flat, fill=color, width=width * SCALE, joint="curve")
            return
        # Walk along the polyline, drawing dash-long pieces separated by gaps.
        on, left = True, dash
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            length = math.hypot(x1 - x0, y1 - y0)
            pos = 0.0
            while pos < length:
                step = min(left, length - pos)
                if on:
                    a, b = pos / length, (pos + step) / length
                    self.draw.line(
                        self.s(
                            x0 + (x1 - x0) * a,
                            y0 + (y1 - y0) * a,
                            x0 + (x1 - x0) * b,
                            y0 + (y1 - y0) * b,
                        ),
                        fill=color,
                        width=width * SCALE,
                    )
                pos += step
                left -= step
                if left <= 0:
                    on = not on
                    left = dash if on else gap

    def arrow(self, points, color=NAVY, width=3, dashed=False, head=14):
        """A polyline ending in a filled arrowhead at its last point."""
        (x0, y0), (x1, y1) = points[-2], points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        # Stop the shaft at the base of the head so the tip stays sharp.
        base = (x1 - head * 0.8 * math.cos(angle), y1 - head * 0.8 * math.sin(angle))
        self.line([*points[:-1], base], color, width, dashed)
        left = (x1 - head * math.cos(angle - 0.45), y1 - head * math.sin(angle - 0.45))
        right = (x1 - head * math.cos(angle + 0.45), y1 - head * math.sin(angle + 0.45))
        self.polygon([(x1, y1), left, right], fill=color, outline=color, width=1)

    def title(self, text, subtitle=None):
        self.text(48, 40, text, 30, True, NAVY)
        if subtitle:
            self.text(48, 84, subtitle, 19, False, MUTED)

    def legend(self, entries, right=WIDTH - 40, y=94):
        """A one-line legend in the header, right-aligned: entries are (label, color, dashed)."""
        widths = [60 + self.text_width(label, 17) + 28 for label, _, _ in entries]
        x = right - sum(widths)
        for (label, color, dashed), width in zip(entries, widths, strict=True):
            self.line([(x, y), (x + 46, y)], color=color, width=4, dashed=dashed, dash=10, gap=6)
            self.text(x + 56, y, label, 17, False, INK, anchor="lm")
            x += width

    def footnote(self, text):
        self.text(WIDTH - 40, HEIGHT - 26, text, 16, False, MUTED, anchor="rm")

    def save(self, name):
        final = self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)
        final = final.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / name
        final.save(path, optimize=True)
        return path


# --------------------------------------------------------------------------------------------
# The figures
# --------------------------------------------------------------------------------------------


def receptor_key_lock():
    c = Canvas()
    c.title(
        "Hormones and receptors: the key-and-lock picture",
        "Only cells with a matching receptor respond to a hormone.",
    )
    membrane_top, membrane_bottom = 380, 420
    # Outside / inside labels.
    c.text(60, 150, "Outside the cell", 18, True, MUTED)
    c.text(60, 450, "Inside the cell", 18, True, MUTED)
    # Cell membrane: a sand band of small "lipid heads".
    c.rect(40, membrane_top, 1160, membrane_bottom, fill=SAND)
    for x in range(50, 1160, 22):
        c.ellipse(x, membrane_top - 8, x + 16, membrane_top + 8, fill=SAND_DARK)
        c.ellipse(x, membrane_bottom - 8, x + 16, membrane_bottom + 8, fill=SAND_DARK)
    c.text(1150, 400, "cell membrane", 16, False, INK, anchor="rm")

    def receptor(cx):
        # A navy "lock" sitting in the membrane with a V-shaped notch on top.
        c.polygon(
            [
                (cx - 70, 300),
                (cx - 22, 300),
                (cx, 336),
                (cx + 22, 300),
                (cx + 70, 300),
                (cx + 70, 470),
                (cx - 70, 470),
            ],
            fill=NAVY,
        )

    # Left: matching hormone fits.
    left = 330
    receptor(left)
    c.polygon([(left - 22, 296), (left + 22, 296), (left, 332)], fill=TEAL)
    c.ellipse(left - 34, 222, left + 34, 290, fill=TEAL)
    c.text(left + 50, 240, "hormone (key)", 19, True, TEAL, anchor="lm")
    c.text(left - 86, 338, "receptor (lock)", 19, True, NAVY, anchor="rm")
    c.arrow([(left, 478), (left, 540)], color=TEAL, width=4)
    c.box(
        left - 200,
        550,
        400,
        90,
        "It fits: the cell responds (for example, it releases a substance or switches genes on)",
        fill=TEAL_LIGHT,
        outline=TEAL,
        size=17,
    )

    # Right: a differently shaped molecule does not fit.
    right = 850
    receptor(right)
    c.polygon(
        [(right - 30, 200), (right + 30, 200), (right + 30, 260), (right - 30, 260)], fill=SAND_DARK
    )
    c.text(right + 48, 230, "other molecule", 19, True, SAND_DARK, anchor="lm")
    c.line([(right - 14, 272), (right + 14, 292)], color="#a0522d", width=4)
    c.line([(right + 14, 272), (right - 14, 292)], color="#a0522d", width=4)
    c.text(right + 26, 282, "does not fit", 17, False, MUTED, anchor="lm")
    c.box(
        right - 150,
        550,
        300,
        90,
        "No fit: no response in this cell",
        fill=WHITE,
        outline=SAND_DARK,
        size=17,
    )
    c.footnote("Simplified: real receptors can also be partly activated or blocked.")
    return c.save("receptor-key-lock.png")


def axis_chain(c, boxes, labels, x, top, w, h, gap):
    """Draw boxes in a vertical chain joined by labeled arrows; return box centers."""
    centers = []
    for i, (text, fill, outline) in enumerate(boxes):
        y = top + i * (h + gap)
        c.box(x, y, w, h, text, fill=fill, outline=outline, size=21, bold=True)
        centers.append((x + w / 2, y, y + h))
    for i, label in enumerate(labels):
        cx, _, bottom = centers[i]
        next_top = centers[i + 1][1]
        c.arrow([(cx, bottom + 4), (cx, next_top - 4)], color=NAVY, width=4)
        c.text(cx + 16, (bottom + next_top) / 2, label, 18, True, TEAL, anchor="lm")
    return centers


def hpg_axis():
    c = Canvas()
    c.title("The HPG axis and its feedback", "How the brain controls the sex hormones")
    x, w, h, gap = 150, 360, 78, 56
    boxes = [
        ("Hypothalamus", TEAL_LIGHT, TEAL),
        ("Anterior pituitary", TEAL_LIGHT, TEAL),
        ("Testes or ovaries", SAND, SAND_DARK),
        ("Testosterone, estradiol, progesterone", WHITE, NAVY),
    ]
    centers = axis_chain(c, boxes, ["GnRH (in pulses)", "LH and FSH", "make"], x, 130, w, h, gap)
    # Negative feedback from the bottom box to the top two, on the right side.
    right = x + w
    bottom_mid = (centers[3][1] + centers[3][2]) / 2
    rail = right + 80
    c.line(
        [(right + 4, bottom_mid), (rail, bottom_mid), (rail, (centers[0][1] + centers[0][2]) / 2)],
        color=SAND_DARK,
        width=3,
        dashed=True,
    )
    for i in (0, 1):
        mid = (centers[i][1] + centers[i][2]) / 2
        c.arrow([(rail, mid), (right + 6, mid)], color=SAND_DARK, width=3, dashed=True)
    c.text(
        rail + 14,
        (centers[1][2] + centers[2][1]) / 2 + 10,
        "negative feedback (-)",
        18,
        True,
        SAND_DARK,
        anchor="lm",
    )
    c.text(
        rail + 14,
        (centers[1][2] + centers[2][1]) / 2 + 36,
        "usually turns GnRH, LH",
        16,
        False,
        MUTED,
        anchor="lm",
    )
    c.text(
        rail + 14,
        (centers[1][2] + centers[2][1]) / 2 + 58,
        "and FSH down",
        16,
        False,
        MUTED,
        anchor="lm",
    )
    # Side note about oxytocin.
    c.box(
        830,
        130,
        330,
        180,
        "Made in the hypothalamus and released from the posterior pituitary: it sits beside "
        "this chain, not inside it.",
        fill=WHITE,
        outline=TEAL,
        size=17,
        title="Where is oxytocin?",
    )
    c.box(
        830,
        340,
        330,
        150,
        "Around ovulation, rising estradiol briefly triggers an LH surge instead.",
        fill=WHITE,
        outline=SAND_DARK,
        size=17,
        title="One exception",
    )
    c.footnote("Simplified diagram. Illustration: Health Library")
    return c.save("hpg-axis-feedback.png")


def hpa_axis():
    c = Canvas()
    c.title("The stress (HPA) axis", "A chain of signals that switches itself off")
    x, w, h, gap = 150, 340, 64, 40
    boxes = [
        ("Stressor (physical or psychological)", SAND, SAND_DARK),
        ("Hypothalamus", TEAL_LIGHT, TEAL),
        ("Pituitary", TEAL_LIGHT, TEAL),
        ("Adrenal glands", TEAL_LIGHT, TEAL),
        ("Cortisol", WHITE, NAVY),
    ]
    centers = axis_chain(c, boxes, ["signals", "CRH", "ACTH", "release"], x, 125, w, h, gap)
    right = x + w
    rail = right + 80
    cortisol_mid = (centers[4][1] + centers[4][2]) / 2
    hyp_mid = (centers[1][1] + centers[1][2]) / 2
    pit_mid = (centers[2][1] + centers[2][2]) / 2
    c.line(
        [(right + 4, cortisol_mid), (rail, cortisol_mid), (rail, hyp_mid)],
        color=SAND_DARK,
        width=3,
        dashed=True,
    )
    c.arrow([(rail, hyp_mid), (right + 6, hyp_mid)], color=SAND_DARK, width=3, dashed=True)
    c.arrow([(rail, pit_mid), (right + 6, pit_mid)], color=SAND_DARK, width=3, dashed=True)
    c.text(
        rail + 14,
        (centers[3][1] + centers[3][2]) / 2 - 12,
        "negative feedback (-)",
        18,
        True,
        SAND_DARK,
        anchor="lm",
    )
    c.text(
        rail + 14,
        (centers[3][1] + centers[3][2]) / 2 + 14,
        "ends the response",
        16,
        False,
        MUTED,
        anchor="lm",
    )
    c.box(
        820,
        125,
        340,
        170,
        "Raises blood sugar, helps the body use energy, adjusts immune activity and blood "
        "pressure.",
        fill=WHITE,
        outline=NAVY,
        size=17,
        title="What cortisol does",
    )
    c.box(
        820,
        320,
        340,
        170,
        "In animal studies, oxytocin released in the brain can damp this response. Human "
        "results are mixed.",
        fill=TEAL_LIGHT,
        outline=TEAL,
        size=17,
        title="Where oxytocin fits",
    )
    c.footnote(
        "Simplified diagram. CRH: corticotropin-releasing hormone. "
        "ACTH: adrenocorticotropic hormone."
    )
    return c.save("hpa-axis-stress-loop.png")


def oxytocin_pathway():
    c = Canvas()
    c.title("Two routes for oxytocin", "Into the blood, and directly to brain regions")
    # Brain outline (simplified side view, facing left) with cerebellum and brainstem.
    c.polygon([(372, 420), (414, 420), (404, 545), (382, 545)], fill=SAND, outline=SAND_DARK)
    c.ellipse(100, 150, 620, 450, fill=SAND, outline=SAND_DARK, width=3)
    c.ellipse(440, 352, 570, 440, fill=SAND, outline=SAND_DARK, width=3)
    c.text(150, 200, "brain (simplified side view)", 16, False, MUTED)
    # Hypothalamus (teal) near the base, posterior pituitary (navy) below it.
    c.ellipse(262, 330, 342, 380, fill=TEAL, outline=TEAL)
    c.text(252, 352, "hypothalamus", 18, True, TEAL, anchor="rm")
    c.line([(298, 378), (292, 430)], color=TEAL, width=6)
    c.ellipse(268, 428, 316, 470, fill=NAVY, outline=NAVY)
    c.text(258, 452, "posterior pituitary", 18, True, NAVY, anchor="rm")
    # Amygdala and other brain areas.
    c.ellipse(360, 284, 410, 319, fill=NAVY, outline=NAVY)
    c.text(420, 290, "amygdala and", 17, True, NAVY, anchor="lm")
    c.text(420, 312, "other brain areas", 17, True, NAVY, anchor="lm")
    c.arrow([(334, 338), (360, 314)], color=TEAL, width=4, head=12)
    # Route 2: within the brain.
    c.box(
        700,
        150,
        460,
        130,
        "Nerve fibers from the hypothalamus release oxytocin inside the brain, where it acts "
        "more like a neurotransmitter.",
        fill=WHITE,
        outline=TEAL,
        size=17,
        title="Route 2: within the brain",
    )
    c.line([(590, 300), (700, 250)], color=TEAL, width=2, dashed=True)
    # Route 1: into the blood, then to the uterus and breast.
    c.arrow([(292, 474), (292, 588), (436, 588)], color=NAVY, width=4)
    c.box(440, 560, 250, 56, "Bloodstream", fill=WHITE, outline=NAVY, size=20, bold=True)
    c.text(
        300,
        640,
        "Route 1: from the posterior pituitary into the blood",
        17,
        True,
        NAVY,
        anchor="lm",
    )
    c.arrow([(690, 588), (730, 588), (730, 440), (766, 440)], color=NAVY, width=3)
    c.arrow([(690, 588), (766, 588)], color=NAVY, width=3)
    c.box(
        770,
        400,
        330,
        80,
        "Uterus: contractions during labor",
        fill=TEAL_LIGHT,
        outline=TEAL,
        size=18,
    )
    c.box(
        770,
        548,
        330,
        80,
        "Breast: milk let-down in breastfeeding",
        fill=TEAL_LIGHT,
        outline=TEAL,
        size=18,
    )
    c.footnote("Schematic, not anatomically exact.")
    return c.save("oxytocin-pathway.png")


def chart_frame(c, left, top, right, bottom):
    c.line([(left, top), (left, bottom), (right, bottom)], color=INK, width=2)


def hormones_across_life():
    c = Canvas()
    c.title(
        "Sex hormones across life (schematic)", "Average patterns; individual levels vary widely"
    )
    left, top, right, bottom = 110, 150, 1140, 590
    chart_frame(c, left, top, right, bottom)
    max_age = 80

    def x_of(age):
        return left + (right - left) * age / max_age

    def y_of(level):
        return bottom - (bottom - top) * level

    # Shaded periods.
    c.rect(x_of(10), top, x_of(16), bottom - 1, fill="#eef3f2")
    c.rect(x_of(45), top, x_of(51), bottom - 1, fill="#f4ecdc")
    c.text(x_of(13), top + 14, "puberty", 16, True, MUTED, anchor="mm")
    c.text(x_of(48), top + 14, "perimenopause", 16, True, SAND_DARK, anchor="mm")
    c.line([(x_of(51), top + 30), (x_of(51), bottom)], color=SAND_DARK, width=2, dashed=True)
    c.text(x_of(51) + 8, top + 44, "menopause (about 51)", 16, True, SAND_DARK)

    def estradiol(age):
        if age < 10:
            return 0.06
        if age < 16:
            return 0.06 + 0.60 * (age - 10) / 6
        if age < 45:
            return 0.66 + 0.04 * math.sin((age - 16) * 1.3)  # cycles, shown schematically
        if age < 51:
            base = 0.66 + 0.04 * math.sin((45 - 16) * 1.3)
            return base + 0.13 * math.sin((age - 45) * math.pi / 1.5)  # wide fluctuations
        return 0.08 + (0.66 + 0.04 * math.sin((45 - 16) * 1.3) - 0.08) * math.exp(-(age - 51) / 2.0)

    def testosterone(age):
        # A smooth rise at puberty, a plateau, then a slow decline from middle age.
        rise = 1 / (1 + math.exp(-(age - 14.5) * 0.9))
        decline = 0.0055 * max(0.0, age - 35)
        return 0.05 + 0.70 * rise - decline

    for fn, color in ((estradiol, TEAL), (testosterone, NAVY)):
        points = [(x_of(a / 4), y_of(fn(a / 4))) for a in range(0, max_age * 4 + 1)]
        c.line(points, color=color, width=4)
    # Axes labels.
    for age in range(0, max_age + 1, 10):
        c.line([(x_of(age), bottom), (x_of(age), bottom + 8)], color=INK, width=2)
        c.text(x_of(age), bottom + 22, str(age), 16, False, INK, anchor="mm")
    c.text((left + right) / 2, bottom + 50, "Age (years)", 18, True, INK, anchor="mm")
    c.text(left - 16, top + 10, "higher", 16, False, MUTED, anchor="rm")
    c.text(left - 16, bottom - 10, "lower", 16, False, MUTED, anchor="rm")
    c.legend([("Estradiol in women", TEAL, False), ("Testosterone in men", NAVY, False)])
    c.footnote(
        "Illustrative, not to scale; each line on its own scale. Monthly cycles are "
        "drawn as slow waves."
    )
    return c.save("hormones-across-life.png")


def cortisol_daily_rhythm():
    c = Canvas()
    c.title(
        "A typical day of cortisol and melatonin", "In someone who sleeps at night (illustrative)"
    )
    left, top, right, bottom = 110, 150, 1140, 590
    hours = 24

    def x_of(h):  # h = hours after 6 p.m.
        return left + (right - left) * h / hours

    def y_of(level):
        return bottom - (bottom - top) * level

    # Sleep band from 11 p.m. (5) to 7 a.m. (13).
    c.rect(x_of(5), top, x_of(13), bottom - 1, fill="#efe6d2")
    c.text(x_of(9), top + 18, "usual sleep", 17, True, MUTED, anchor="mm")
    chart_frame(c, left, top, right, bottom)

    peak = 7.5

    def decay(clock):
        return 0.08 + 0.82 * math.exp(-((clock - peak) % 24) / 4.2)

    def cortisol(h):
        # Lowest around midnight, a slow then steep rise to a peak after waking, then a decline.
        clock = (h + 18) % 24
        if clock < peak:
            start = decay(0)
            return start + (0.90 - start) * (clock / peak) ** 2.5
        return decay(clock)

    def melatonin(h):
        clock = (h + 18) % 24
        center = 3.0
        distance = min(abs(clock - center), 24 - abs(clock - center))
        return 0.05 + 0.62 * math.exp(-((distance / 2.6) ** 2))

    cortisol_points = [(x_of(i / 10), y_of(cortisol(i / 10))) for i in range(0, hours * 10 + 1)]
    melatonin_points = [(x_of(i / 10), y_of(melatonin(i / 10))) for i in range(0, hours * 10 + 1)]
    c.line(melatonin_points, color=NAVY, width=3, dashed=True)
    c.line(cortisol_points, color=TEAL, width=5)
    labels = ["6 pm", "9 pm", "midnight", "3 am", "6 am", "9 am", "noon", "3 pm", "6 pm"]
    for i, label in enumerate(labels):
        x = x_of(i * 3)
        c.line([(x, bottom), (x, bottom + 8)], color=INK, width=2)
        c.text(x, bottom + 24, label, 16, False, INK, anchor="mm")
    c.text(left - 16, top + 10, "higher", 16, False, MUTED, anchor="rm")
    c.text(left - 16, bottom - 10, "lower", 16, False, MUTED, anchor="rm")
    # Annotations.
    c.text(x_of(14) + 12, y_of(0.9) - 6, "cortisol peaks soon after waking", 17, True, TEAL)
    c.text(x_of(2.2), y_of(0.36), "cortisol lowest", 16, True, TEAL, anchor="mm")
    c.text(x_of(2.2), y_of(0.36) + 20, "around midnight", 16, True, TEAL, anchor="mm")
    c.arrow(
        [(x_of(3.2), y_of(0.28)), (x_of(5.9), y_of(cortisol(6)) - 5)], color=TEAL, width=2, head=10
    )
    c.text(x_of(9), y_of(0.74), "melatonin", 16, True, NAVY, anchor="mm")
    c.legend([("Cortisol", TEAL, False), ("Melatonin", NAVY, True)])
    c.footnote("Illustrative shapes, not measured values. Timing shifts with sleep schedule.")
    return c.save("cortisol-daily-rhythm.png")


def sleep_stress_cycle():
    c = Canvas()
    c.title("How stress and poor sleep can feed each other")
    cx, cy, rx, ry = 600, 390, 330, 200
    w, h = 300, 88

    def on_ellipse(degrees):
        a = math.radians(degrees)
        return (cx + rx * math.cos(a), cy - ry * math.sin(a))

    # The faint loop, then clockwise arrows between the boxes.
    loop = [on_ellipse(d) for d in range(0, 361, 3)]
    c.line(loop, color=GRID, width=3)
    for start in (64, -26, -116, 154):
        arc = [on_ellipse(start - d) for d in range(0, 37, 3)]
        c.arrow(arc, color=TEAL, width=4, head=18)
    steps = [
        (90, "Stress and worry"),
        (0, "An alert, wakeful brain"),
        (-90, "Shorter or broken sleep"),
        (180, "More sensitive to stress the next day"),
    ]
    for angle, text in steps:
        x, y = on_ellipse(angle)
        fill, outline = (SAND, SAND_DARK) if angle == 90 else (TEAL_LIGHT, TEAL)
        c.box(x - w / 2, y - h / 2, w, h, text, fill=fill, outline=outline, size=20, bold=True)
    c.text_block(cx, cy, "The cycle can be interrupted at any point", 19, True, NAVY, 230)
    c.footnote("Simplified. Illustration: Health Library")
    return c.save("sleep-stress-cycle.png")


def testosterone_results():
    c = Canvas()
    c.title(
        "One person, three testosterone results",
        "Illustrative values only: not for interpreting real results",
    )
    left, top, right, bottom = 130, 150, 1100, 560
    # Reference range band.
    band_low, band_high = 0.38, 0.82

    def y_of(level):
        return bottom - (bottom - top) * level

    c.rect(left + 1, y_of(band_high), right, y_of(band_low), fill="#e3f0ee")
    c.line([(left, y_of(band_high)), (right, y_of(band_high))], color=TEAL, width=2, dashed=True)
    c.line([(left, y_of(band_low)), (right, y_of(band_low))], color=TEAL, width=2, dashed=True)
    c.text(
        right - 10, y_of(band_high) + 20, "this lab's reference range", 18, True, TEAL, anchor="rm"
    )
    chart_frame(c, left, top, right, bottom)
    bars = [
        ("Morning, fasting", 0.55, NAVY),
        ("Morning repeat, fasting", 0.50, NAVY),
        ("Afternoon, after a meal", 0.22, SAND_DARK),
    ]
    slot = (right - left) / len(bars)
    for i, (label, value, color) in enumerate(bars):
        x0 = left + slot * i + slot * 0.28
        x1 = left + slot * (i + 1) - slot * 0.28
        c.rect(x0, y_of(value), x1, bottom - 1, fill=color)
        c.text((x0 + x1) / 2, bottom + 24, label, 18, True, INK, anchor="mm")
    c.text(
        left + slot * 2.5, y_of(band_low) + 20, "below the range:", 16, True, SAND_DARK, anchor="mm"
    )
    c.text(
        left + slot * 2.5,
        y_of(band_low) + 40,
        "timing and meals matter",
        16,
        True,
        SAND_DARK,
        anchor="mm",
    )
    c.text(left - 16, top + 10, "higher", 16, False, MUTED, anchor="rm")
    c.text(left - 16, bottom - 10, "lower", 16, False, MUTED, anchor="rm")
    c.text(
        left,
        bottom + 70,
        "No units or numbers: reference ranges differ between laboratories and methods.",
        17,
        False,
        MUTED,
    )
    c.footnote("ILLUSTRATIVE - invented values")
    return c.save("testosterone-results-illustrative.png")


def testosterone_testing_steps():
    c = Canvas()
    c.title(
        "Checking for low testosterone: the usual steps",
        "A diagnosis needs symptoms and confirmed low results",
    )
    steps = [
        "Symptoms and examination",
        "Morning, fasting testosterone test",
        "Repeat test to confirm a low result",
        "LH and FSH tests to find the cause",
        "Discuss options with a clinician",
    ]
    w, h, gap, top = 190, 200, 42, 230
    x = (WIDTH - (len(steps) * w + (len(steps) - 1) * gap)) / 2
    for i, text in enumerate(steps):
        fill = TEAL_LIGHT if i < 4 else SAND
        outline = TEAL if i < 4 else SAND_DARK
        bx = x + i * (w + gap)
        c.box(bx, top, w, h, text, fill=fill, outline=outline, size=19, bold=True)
        c.ellipse(bx + w / 2 - 24, top - 24, bx + w / 2 + 24, top + 24, fill=NAVY, outline=NAVY)
        c.text(bx + w / 2, top, str(i + 1), 22, True, WHITE, anchor="mm")
        if i < len(steps) - 1:
            c.arrow(
                [(bx + w + 6, top + h / 2), (bx + w + gap - 6, top + h / 2)],
                color=NAVY,
                width=4,
                head=14,
            )
    c.text(
        WIDTH / 2,
        510,
        "If a result is borderline or the picture is unclear, "
        "tests are repeated before any decision.",
        19,
        False,
        INK,
        anchor="mm",
    )
    c.footnote("Based on the general approach of clinical guidelines; your clinician may differ.")
    return c.save("testosterone-testing-steps.png")


FIGURES = [
    receptor_key_lock,
    hpg_axis,
    hpa_axis,
    oxytocin_pathway,
    hormones_across_life,
    cortisol_daily_rhythm,
    sleep_stress_cycle,
    testosterone_results,
    testosterone_testing_steps,
]


def main():
    for make in FIGURES:
        path = make()
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
