"""Bytes a reader downloads for the demo article: `.venv/bin/python bench/page_weight.py`.

1. Builds a throwaway site in a temporary folder (fresh SQLite, `load_demo`, static files
   collected with their gzip and Brotli copies) and starts gunicorn on 127.0.0.1 the way
   `make run` does (DEBUG=0, HTTPS=0, media served).
2. Asks for the demo article's HTML three times, with `Accept-Encoding` identity, gzip and
   br, and prints the bytes of each (site_config/compression.py) and what compression saves.
3. Opens the article in headless chromium at 390 x 844 (a phone, first view, nothing
   cached) and adds up the bytes it transferred by kind: HTML, CSS, JS, images (figures
   below the first screen load lazily, so they are not in it), each with its headers, in
   the encoding chromium asked for (it treats 127.0.0.1 as secure, as it does HTTPS).

The budget for that first view is 150 KB (issue 13).
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import GunicornServer, get, manage, site_env  # noqa: E402

ARTICLE = "/articles/hormones-and-oxytocin-signaling/"
BUDGET_BYTES = 150 * 1024
PHONE = {"width": 390, "height": 844}


def html_sizes(server):
    sizes = {}
    for coding in ("identity", "gzip", "br"):
        status, headers, body = server.get(ARTICLE, headers={"Accept-Encoding": coding})
        assert status == 200, status
        sent = headers.get("Content-Encoding", "identity")
        assert sent == coding, f"asked for {coding}, got {sent}"
        sizes[coding] = len(body)
    return sizes


def first_view_bytes(server):
    """Bytes transferred (headers and bodies) by kind for one first view at 390 px."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    totals = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        context = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
        )
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(server.url + ARTICLE, wait_until="networkidle")
        for request in responses:
            sizes = request.sizes()
            kind = {
                "document": "HTML",
                "stylesheet": "CSS",
                "script": "JS",
                "image": "images",
            }.get(request.resource_type, "other")
            totals[kind] = (
                totals.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
            )
        browser.close()
    return totals


def main():
    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        folder = Path(folder)
        env = site_env(
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            MEDIA_ROOT=folder / "media",
            STATIC_ROOT=folder / "static",
            SERVE_MEDIA="1",
        )
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", "--verbosity", "0", env=env)
        with GunicornServer(env) as server:
            status, _, _ = get(server.url + ARTICLE)
            assert status == 200, status
            html = html_sizes(server)
            view = first_view_bytes(server)

    plain = html["identity"]
    print(f"Demo article {ARTICLE}: HTML as sent")
    print("| Accept-Encoding | bytes | saved |")
    print("|---|---:|---:|")
    for coding, size in html.items():
        saved = f"{plain - size:,} ({(plain - size) / plain:.0%})" if coding != "identity" else ""
        print(f"| {coding} | {size:,} | {saved} |")
    print()
    print("First view at 390 x 844 in chromium (bytes transferred, headers included)")
    print("| kind | bytes |")
    print("|---|---:|")
    for kind in ("HTML", "CSS", "JS", "images", "other"):
        if kind in view:
            print(f"| {kind} | {view[kind]:,} |")
    total = sum(view.values())
    verdict = "within" if total <= BUDGET_BYTES else "OVER"
    print(f"| total | {total:,} ({verdict} the {BUDGET_BYTES // 1024} KB budget) |")


if __name__ == "__main__":
    main()
