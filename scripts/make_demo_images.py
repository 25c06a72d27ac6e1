"""Draw the demo figures (our own diagrams) into articles/demo/images/.

Run from the project folder:  .venv/bin/python scripts/make_demo_images.py

Drawn for phones first: most readers see a figure about 320 px wide, so every figure is laid
out on an 800-unit-wide canvas with labels of at least 34 units (about 13 px on a 360 px
screen) and few words; what the picture cannot say fits in the caption and alt text
(articles/demo/articles.py, which must describe what is drawn here). Saved 1600 px wide
(the widest rendition the site makes) as an optimized palette PNG, drawn at twice that and
scaled down to smooth lines and text. Labels use DejaVu Sans (or Liberation Sans) from
/usr/share/fonts when found, otherwise Pillow's built-in scalable font.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT_DIR = Path(__file__).resolve().parents[1] / "articles" / "demo" / "images"
WIDTH = 800  # drawing units; the saved PNG is OUTPUT_SCALE times this
OUTPUT_SCALE = 2
DRAW_SCALE = 4  # drawn at this scale, then downsampled to OUTPUT_SCALE
LABEL = 36
SMALL = 34  # the smallest type in any figure
TITLE = 42

BACKGROUND = "#faf8f3"
NAVY = "#1f3a5f"
TEAL = "#1f7a71"
TEAL_LIGHT = "#d4ece8"
SAND = "#efe4cc"
ORANGE = "#a8551c"
INK = "#1d252e"
MUTED = "#4a5561"
GRID = "#d6d1c6"
WHITE = "#ffffff"

FONT_NAMES = {
    False: ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"],
    True: ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"],
}
_fonts = {}


def font(size, bold=False):
    key = (size, bold)
    if key not in _fonts:
        path = None
        for name in FONT_NAMES[bold]:
            path = next(Path("/usr/share/fonts").rglob(name), None)
            if path:
                break
        pixels = size * DRAW_SCALE
        _fonts[key] = (
            ImageFont.truetype(str(path), pixels) if path else ImageFont.load_default(pixels)
        )
    return _fonts[key]


class Canvas:
    def __init__(self, height):
        self.height = height
        self.image = Image.new("RGB", (WIDTH * DRAW_SCALE, height * DRAW_SCALE), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def s(*values):
        return [round(v * DRAW_SCALE) for v in values]

    def text(self, x, y, text, size=LABEL, bold=False, color=INK, anchor="mm"):
        self.draw.text(self.s(x, y), text, font=font(size, bold), fill=color, anchor=anchor)

    def lines(self, cx, cy, lines, size=LABEL, bold=False, color=INK):
        """Centred lines around (cx, cy)."""
        step = size * 1.25
        top = cy - step * (len(lines) - 1) / 2
        for i, line in enumerate(lines):
            self.text(cx, top + i * step, line, size, bold, color)

    def box(self, x, y, w, h, lines, fill=WHITE, outline=NAVY, size=LABEL, bold=True, color=INK):
        self.draw.rounded_rectangle(
            self.s(x, y, x + w, y + h),
            radius=16 * DRAW_SCALE,
            fill=fill,
            outline=outline,
            width=3 * DRAW_SCALE,
        )
        self.lines(x + w / 2, y + h / 2, lines, size, bold, color)

    def line(self, points, color=NAVY, width=4, dashed=False):
        if not dashed:
            self.draw.line(
                [v for p in points for v in self.s(*p)], fill=color, width=width * DRAW_SCALE
            )
            return
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            length = math.hypot(x1 - x0, y1 - y0)
            steps = max(1, int(length // 22))
            for i in range(steps):
                a, b = i / steps, (i + 0.6) / steps
                self.draw.line(
                    self.s(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)
                    + self.s(x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
                    fill=color,
                    width=width * DRAW_SCALE,
                )

    def arrow(self, points, color=NAVY, width=5, head=22, dashed=False):
        (x0, y0), (x1, y1) = points[-2], points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        base = (x1 - head * 0.8 * math.cos(angle), y1 - head * 0.8 * math.sin(angle))
        self.line([*points[:-1], base], color, width, dashed)
        left = (x1 - head * math.cos(angle - 0.45), y1 - head * math.sin(angle - 0.45))
        right = (x1 - head * math.cos(angle + 0.45), y1 - head * math.sin(angle + 0.45))
        self.draw.polygon([v for p in [(x1, y1), left, right] for v in self.s(*p)], fill=color)

    def polygon(self, points, fill):
        self.draw.polygon([v for p in points for v in self.s(*p)], fill=fill)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=3):
        self.draw.ellipse(self.s(x0, y0, x1, y1), fill=fill, outline=outline, width=width * 4)

    def rect(self, x0, y0, x1, y1, fill):
        self.draw.rectangle(self.s(x0, y0, x1, y1), fill=fill)

    def title(self, text):
        self.text(40, 50, text, TITLE, True, NAVY, anchor="lm")

    def note(self, text, y=None):
        self.text(WIDTH - 30, y or self.height - 30, text, SMALL, False, MUTED, anchor="rm")

    def save(self, name):
        size = (WIDTH * OUTPUT_SCALE, self.height * OUTPUT_SCALE)
        final = self.image.resize(size, Image.Resampling.LANCZOS)
        final = final.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        final.save(OUT_DIR / name, optimize=True)
        return OUT_DIR / name


def chain(c, top, labels, arrows, x=170, w=460, h=84, gap=64):
    """Boxes top to bottom, with a label on each arrow between them; box centres."""
    centres = []
    for i, lines in enumerate(labels):
        y = top + i * (h + gap)
        c.box(x, y, w, h, lines, fill=TEAL_LIGHT if i == len(labels) - 1 else WHITE)
        centres.append(y + h / 2)
        if i < len(labels) - 1:
            c.arrow([(x + w / 2, y + h + 4), (x + w / 2, y + h + gap - 4)])
            if arrows[i]:
                c.text(x + w / 2 + 24, y + h + gap / 2, arrows[i], SMALL, True, TEAL, "lm")
    return centres, x, w, h


def feedback_arrow(c, x, from_y, to_y, label):
    c.arrow([(x, from_y), (x + 90, from_y), (x + 90, to_y), (x + 6, to_y)], ORANGE, dashed=True)
    c.text(x + 110, (from_y + to_y) / 2, label, SMALL, True, ORANGE, "lm")


def receptor_key_lock():
    c = Canvas(560)
    c.title("Key and lock")
    membrane = 330
    c.rect(20, membrane, WIDTH - 20, membrane + 40, SAND)
    c.text(400, membrane + 20, "Cell surface", SMALL, False, MUTED)
    for cx, fits in ((210, True), (590, False)):
        c.polygon(
            [
                (cx - 70, 250),
                (cx - 24, 250),
                (cx, 290),
                (cx + 24, 250),
                (cx + 70, 250),
                (cx + 70, 400),
                (cx - 70, 400),
            ],
            NAVY,
        )
        if fits:
            c.polygon([(cx - 24, 246), (cx + 24, 246), (cx, 286)], TEAL)
            c.ellipse(cx - 36, 160, cx + 36, 232, fill=TEAL)
            c.text(cx, 125, "Hormone", LABEL, True, TEAL)
            c.arrow([(cx, 408), (cx, 460)], TEAL)
            c.text(cx, 500, "Cell responds", LABEL, True, TEAL)
        else:
            c.draw.rectangle(c.s(cx - 34, 150, cx + 34, 218), fill=MUTED)
            c.text(cx, 125, "Wrong shape", LABEL, True, MUTED)
            c.text(cx, 500, "No response", LABEL, True, MUTED)
    return c.save("receptor-key-lock.png")


def hpg_axis_feedback():
    c = Canvas(640)
    c.title("The HPG axis")
    centres, x, w, _ = chain(
        c,
        100,
        [["Hypothalamus"], ["Pituitary"], ["Testes or ovaries"], ["Sex hormones"]],
        ["GnRH", "LH, FSH", ""],
        x=60,
        w=420,
        h=84,
        gap=60,
    )
    feedback_arrow(c, x + w + 8, centres[3], centres[1], "Feedback")
    c.arrow(
        [(x + w + 98, centres[1]), (x + w + 98, centres[0]), (x + w + 6, centres[0])],
        ORANGE,
        dashed=True,
    )
    c.text(x + w + 118, centres[2] + 44, "(slows", SMALL, False, ORANGE, "lm")
    c.text(x + w + 118, centres[2] + 88, "it down)", SMALL, False, ORANGE, "lm")
    return c.save("hpg-axis-feedback.png")


def hpa_axis_stress_loop():
    c = Canvas(760)
    c.title("The stress (HPA) axis")
    c.box(60, 90, 200, 70, ["Stress"], fill=SAND, outline=ORANGE)
    c.arrow([(160, 164), (160, 210)])
    centres, x, w, _ = chain(
        c,
        214,
        [["Hypothalamus"], ["Pituitary"], ["Adrenal glands"], ["Cortisol"]],
        ["CRH", "ACTH", ""],
        x=60,
        w=400,
        h=80,
        gap=52,
    )
    feedback_arrow(c, x + w + 8, centres[3], centres[0], "Feedback")
    c.box(500, 90, 280, 110, ["Oxytocin", "may calm it"], fill=TEAL_LIGHT, outline=TEAL)
    return c.save("hpa-axis-stress-loop.png")


def oxytocin_pathway():
    c = Canvas(620)
    c.title("Two routes for oxytocin")
    c.box(200, 100, 400, 90, ["Hypothalamus"], fill=TEAL_LIGHT, outline=TEAL)
    c.arrow([(300, 194), (200, 270)], TEAL)
    c.arrow([(500, 194), (600, 270)], TEAL)
    c.box(30, 274, 340, 90, ["Pituitary", "→ blood"])
    c.box(430, 274, 340, 90, ["Brain areas"])
    c.arrow([(200, 368), (200, 430)])
    c.box(30, 434, 340, 90, ["Womb, breast"], fill=SAND, outline=ORANGE)
    c.text(600, 400, "e.g. amygdala", SMALL, False, MUTED)
    c.text(600, 480, "(mood, social", SMALL, False, MUTED)
    c.text(600, 522, "behaviour)", SMALL, False, MUTED)
    return c.save("oxytocin-pathway.png")


def chart_axes(c, left, top, right, bottom, xlabels):
    c.line([(left, top), (left, bottom), (right, bottom)], INK, 3)
    for i, label in enumerate(xlabels):
        x = left + (right - left) * i / (len(xlabels) - 1)
        c.line([(x, bottom), (x, bottom + 10)], INK, 3)
        c.text(x, bottom + 36, label, SMALL, False, INK)


def curve(c, left, top, right, bottom, values, color, dashed=False):
    points = [
        (left + (right - left) * i / (len(values) - 1), bottom - (bottom - top) * v)
        for i, v in enumerate(values)
    ]
    c.line(points, color, 7, dashed)


def hormones_across_life():
    c = Canvas(600)
    c.title("Sex hormones across life")
    left, top, right, bottom = 60, 200, 760, 480
    chart_axes(c, left, top, right, bottom, ["0", "20", "40", "60", "80"])
    c.text(410, 548, "Age (years)", SMALL, False, MUTED)
    women = [0.05, 0.08, 0.75, 0.85, 0.7, 0.9, 0.72, 0.88, 0.6, 0.25, 0.15, 0.12, 0.1]
    men = [0.05, 0.08, 0.85, 0.92, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58, 0.53, 0.49, 0.45]
    curve(c, left, top, right, bottom, women, TEAL)
    curve(c, left, top, right, bottom, men, NAVY, dashed=True)
    menopause = left + (right - left) * 51 / 80
    c.line([(menopause, top - 10), (menopause, bottom)], ORANGE, 3, dashed=True)
    c.text(menopause + 10, top + 10, "Menopause", SMALL, True, ORANGE, "lm")
    c.line([(60, 112), (110, 112)], TEAL, 7)
    c.text(122, 112, "Estradiol (women)", SMALL, True, TEAL, "lm")
    c.line([(60, 156), (110, 156)], NAVY, 7, dashed=True)
    c.text(122, 156, "Testosterone (men)", SMALL, True, NAVY, "lm")
    c.note("Not to scale", 112)
    return c.save("hormones-across-life.png")


def cortisol_daily_rhythm():
    c = Canvas(600)
    c.title("A day of cortisol")
    left, top, right, bottom = 60, 200, 760, 480
    # Usual sleep: 11 p.m. to 7 a.m. on a 6 p.m. to 6 p.m. axis (24 h).
    sleep_from = left + (right - left) * 5 / 24
    sleep_to = left + (right - left) * 13 / 24
    c.rect(sleep_from, top - 10, sleep_to, bottom, "#e8e4f0")
    c.text((sleep_from + sleep_to) / 2, top + 16, "Sleep", SMALL, True, MUTED)
    chart_axes(c, left, top, right, bottom, ["6pm", "midnight", "6am", "noon", "6pm"])
    cortisol = [0.3, 0.22, 0.15, 0.1, 0.08, 0.12, 0.3, 0.65, 0.95, 0.85, 0.65, 0.5, 0.4, 0.33, 0.3]
    melatonin = [0.05, 0.1, 0.3, 0.6, 0.8, 0.75, 0.5, 0.2, 0.05, 0.03, 0.03, 0.03, 0.03, 0.04, 0.05]
    curve(c, left, top, right, bottom, cortisol, TEAL)
    curve(c, left, top, right, bottom, melatonin, NAVY, dashed=True)
    c.line([(60, 112), (110, 112)], TEAL, 7)
    c.text(122, 112, "Cortisol", SMALL, True, TEAL, "lm")
    c.line([(380, 112), (430, 112)], NAVY, 7, dashed=True)
    c.text(442, 112, "Melatonin", SMALL, True, NAVY, "lm")
    c.note("Illustrative", 50)
    return c.save("cortisol-daily-rhythm.png")


def sleep_stress_cycle():
    c = Canvas(700)
    c.title("A cycle you can break")
    boxes = [
        (250, 100, 300, ["Stress"]),
        (510, 300, 270, ["Alert brain"]),
        (250, 500, 300, ["Poor sleep"]),
        (20, 300, 270, ["More easily", "stressed"]),
    ]
    for x, y, w, lines in boxes:
        c.box(x, y, w, 100, lines, fill=SAND if lines == ["Stress"] else WHITE)
    c.arrow([(560, 200), (620, 296)], ORANGE)
    c.arrow([(620, 404), (560, 496)], ORANGE)
    c.arrow([(240, 550), (180, 404)], ORANGE)
    c.arrow([(180, 296), (240, 200)], ORANGE)
    c.lines(400, 350, ["Break it", "anywhere"], LABEL, True, TEAL)
    return c.save("sleep-stress-cycle.png")


def testosterone_results():
    c = Canvas(620)
    c.title("Three results, one person")
    left, bottom, top = 60, 460, 140
    c.rect(left, 220, 760, 330, TEAL_LIGHT)
    c.text(750, 246, "Lab's range", SMALL, True, TEAL, "rm")
    c.line([(left, top), (left, bottom), (760, bottom)], INK, 3)
    bars = [("Morning", 0.7), ("Repeat", 0.62), ("Afternoon", 0.3)]
    for i, (label, value) in enumerate(bars):
        x = 120 + i * 220
        c.rect(x, bottom - (bottom - top) * value, x + 140, bottom, NAVY if value > 0.4 else ORANGE)
        c.text(x + 70, bottom + 36, label, SMALL, True, INK)
    c.text(560, bottom + 80, "(after a meal)", SMALL, False, MUTED)
    c.note("Invented values", 96)
    return c.save("testosterone-results-illustrative.png")


def testosterone_testing_steps():
    c = Canvas(760)
    c.title("Testing for low testosterone")
    steps = ["Symptoms, exam", "Morning test", "Repeat test", "LH and FSH tests", "Discuss options"]
    for i, label in enumerate(steps):
        y = 100 + i * 130
        c.box(130, y, 540, 90, [label], fill=TEAL_LIGHT if i == len(steps) - 1 else WHITE)
        c.ellipse(60, y + 20, 110, y + 70, fill=NAVY)
        c.text(85, y + 45, str(i + 1), SMALL, True, WHITE)
        if i < len(steps) - 1:
            c.arrow([(400, y + 94), (400, y + 126)])
    return c.save("testosterone-testing-steps.png")


FIGURES = [
    receptor_key_lock,
    hpg_axis_feedback,
    hormones_across_life,
    hpa_axis_stress_loop,
    oxytocin_pathway,
    cortisol_daily_rhythm,
    sleep_stress_cycle,
    testosterone_results,
    testosterone_testing_steps,
]


if __name__ == "__main__":
    for draw in FIGURES:
        path = draw()
        print(f"{path.name}: {path.stat().st_size // 1024} KB")
