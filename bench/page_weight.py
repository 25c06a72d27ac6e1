"""Page weight: bytes a phone downloads for the demo article's first view.

    .venv/bin/python bench/page_weight.py [--budget-kb 150]

Builds a throwaway site in a temporary folder (SQLite, static files collected with gzip and
Brotli as in production, `load_demo`, which makes the figure renditions), starts gunicorn
on 127.0.0.1 as `make run` does (DEBUG=0, WhiteNoise, uploads served by Django), and opens
the demo article in Debian's chromium (Playwright, never a downloaded browser) at 390 x 844
CSS px, without scrolling, on an empty cache. Every response is counted as transferred
(headers plus body as sent on the wire, i.e. compressed when the server compressed it), by
kind: the HTML, CSS, JavaScript, images, anything else. Run once at device pixel ratio 2
(most phones) and once at 1. Exits non-zero when a run is over the budget (150 KB).
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import GunicornServer, manage, site_env  # noqa: E402

ARTICLE = "/articles/hormones-and-oxytocin-signaling/"
VIEWPORT = {"width": 390, "height": 844}
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "image": "images"}


def measure(url, scale):
    """Bytes by kind for one first view of `url` (a fresh browser context)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    totals = {}
    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport=VIEWPORT, device_scale_factor=scale, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        for request in requests:
            sizes = request.sizes()
            kind = KINDS.get(request.resource_type, "other")
            sent = sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
            totals[kind] = totals.get(kind, 0) + sent
        encoding = page.evaluate(
            "() => performance.getEntriesByType('navigation')[0].encodedBodySize"
        )
        decoded = page.evaluate(
            "() => performance.getEntriesByType('navigation')[0].decodedBodySize"
        )
        browser.close()
    return totals, len(requests), encoding, decoded


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budget-kb", type=float, default=150)
    options = parser.parse_args()
    if not Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")).exists():
        sys.exit("chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)")

    folder = Path(tempfile.mkdtemp(prefix="healthlib-weight-"))
    try:
        env = site_env(
            DATABASE_URL=f"sqlite:///{folder / 'weight.sqlite3'}",
            MEDIA_ROOT=folder / "media",
            STATIC_ROOT=folder / "static",
            SERVE_MEDIA="1",
        )
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("load_demo", env=env, timeout=900)
        rows = []
        with GunicornServer(env, log_path=folder / "gunicorn.log") as server:
            for scale in (2, 1):
                rows.append((scale, *measure(server.url + ARTICLE, scale)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    budget = options.budget_kb * 1024
    print(f"Demo article {ARTICLE}, first view at 390 x 844 CSS px, empty cache:")
    print()
    print("| pixel ratio | HTML | CSS | JS | images | other | total | requests | budget |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    over = False
    for scale, totals, count, _, _ in rows:
        total = sum(totals.values())
        over = over or total > budget
        cells = [f"{totals.get(kind, 0) / 1024:.1f}" for kind in (*KINDS.values(), "other")]
        verdict = "ok" if total <= budget else "OVER"
        print(
            f"| {scale} | {' | '.join(cells)} | {total / 1024:.1f} | {count} | "
            f"<= {options.budget_kb:.0f} KB {verdict} |"
        )
    _, _, _, encoded, decoded = rows[0]
    print()
    print(f"KB = 1,024 bytes, headers included. The HTML: {encoded} bytes sent, {decoded} bytes")
    print("after decoding (the same when the server sends it uncompressed).")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
