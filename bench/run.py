"""`make bench`: the site under load on this machine, in one table.

    .venv/bin/python bench/run.py [--seconds 5] [--rounds 3] [--connections 16] [--threads 2]

1. Builds a throwaway site in a temporary folder: a fresh SQLite database with the content
   described by bench.content.ContentSize (stated in the output), static files collected
   (hashed, gzip and Brotli) as in production.
2. Counts SQL queries per page in this process with Django's test client: on a page-cache
   miss after an edit (the view runs, nothing public cached) and on a hit; for the cold
   rows, a request with the page cache off and what it keeps warm warm; for the row
   without any cache, a request with none.
3. Starts gunicorn on 127.0.0.1 the way `make run` does (site_config/gunicorn.conf.py,
   DEBUG=0, HTTPS=0, local-memory cache) with 2 worker processes of 4 threads (as issue 14
   measures; WORKERS sets another number) and drives each
   URL with wrk: three runs of five seconds, the median kept. "Cold" rows come from a
   second server started with PAGE_CACHE=0: every request runs the view and its queries
   and renders the page; the article's own rendering (Markdown, citations, glossary
   links, and the HTML of its contents, sections and reference list, all cached under the
   rendered article's version) and the shared fragments cached under the content
   generation (topic counts, the home page's lists) are warm, as they are after an edit
   that did not touch them.
   A third server with NO_CACHE=1 has no cache at all (Markdown, citations and glossary
   linking on every request). The search rate limit is lifted for the benchmark
   (SEARCH_RATE_LIMIT). The static file is measured first and again last; the share of
   its requests/s uses the mean.
4. Prints one table (every figure from this run), worker memory (RSS from /proc) after the
   load, and the targets: cacheable pages warm >= 70% of the static file's requests/s; with
   the page cache off the article >= 8% and the home page >= 10%; the article with no cache
   at all >= 2.5% (issue 14); worker memory < 100 MB.
5. The scale row (bench/scale_bench.py, in its own process): a glossary alias added to a
   term that 5,000 of 10,000 articles mention, re-linked by one background worker on Redis.
   SCALE_ARTICLES sets a smaller site; SCALE_BENCH=0 leaves the row out.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.content import ContentSize, generate  # noqa: E402
from tests.servers import GunicornServer, site_env, worker_rss_mb  # noqa: E402

WARM_TARGET = 0.70
# Shares of the static file's requests/s, by row label (issue 14).
COLD_TARGETS = {
    "article, cold (page cache off)": 0.08,
    "home, cold (page cache off)": 0.10,
    "article, cold (no cache at all)": 0.025,
}
WORKERS = int(os.environ.get("WORKERS", "2"))
COLD_PAGES = ("article", "home", "search")
MEMORY_LIMIT_MB = 100
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def prepare_site(folder, size):
    """A migrated, collected, generated site in `folder`; returns (env, urls, sizes)."""
    env = site_env(
        DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}",
        MEDIA_ROOT=folder / "media",
        STATIC_ROOT=folder / "static",
        SEARCH_RATE_LIMIT=10**9,
        REDIS_URL="",  # `make run`: the local-memory cache
        DJANGO_SETTINGS_MODULE="site_config.settings",
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    pages = generate(size)

    from django.contrib.staticfiles.storage import staticfiles_storage
    from taggit.models import Tag

    from articles.models import Article, Section
    from glossary.models import Term

    urls = {
        "static file (site.js)": staticfiles_storage.url("js/site.js"),
        "/healthz": "/healthz",
        "home": "/",
        "article": pages["article"],
        "glossary index": "/glossary/",
        "term page": pages["term"],
        "tag page": pages["tag"],
        "article list": "/articles/",
        "search": "/search/?q=factor",
    }
    sizes = {
        "articles": Article.objects.count(),
        "sections": Section.objects.count(),
        "terms": Term.objects.count(),
        "tags": Tag.objects.count(),
        "figures": pages["figures"],
    }
    from django.db import connections

    connections.close_all()  # gunicorn takes over the database
    return env, urls, sizes


def count_queries(urls):
    """SQL queries per page: {name: (on a page-cache miss, on a hit)}."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        cache.clear()
        client.get(url)  # the site-wide bits (settings row, glossary index) are warm in use
        from site_config import cache_keys

        cache_keys.bump(cache_keys.PUBLIC_PAGES)  # the next request misses the page cache
        with CaptureQueriesContext(connection) as miss:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as hit:
            client.get(url)
        counts[name] = (len(miss), len(hit))
    return counts


def count_queries_of_a_second_request(url, **settings):
    """SQL queries of one request after one like it, under these settings: PAGE_CACHE_ENABLED
    False for the cold rows (the public fragments and the article's rendering warm), a dummy
    cache for the row without any cache (NO_CACHE=1)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(**settings):
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            client.get(url)
    return len(context)


def queries_as_content_grows():
    """Queries of a page-cache miss for a small and the source-sized article: the same."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from bench.content import SOURCE_SLUG

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for label, article in [
        ("6 sections, 3 references, 4 tags", Article.objects.get(slug="generated-0")),
        ("20 sections, 10 references, 8 tags, 2 figures", Article.objects.get(slug=SOURCE_SLUG)),
    ]:
        cache.clear()
        client.get(article.get_absolute_url())
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            client.get(article.get_absolute_url())
        result[label] = len(context)
    return result


def run_wrk(url, seconds, threads, connections, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * UNITS_MS[match.group(2)]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": requests,
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def warm_up(server, url, times=3):
    for _ in range(times):
        status, _, _ = server.get(url)
        assert status == 200, (url, status)


def measure(server, url, options):
    """The median of `rounds` wrk runs (by requests/s): other work on the machine comes and
    goes, and one run can catch it. Errors are those of all rounds."""
    warm_up(server, url)
    runs = [
        run_wrk(server.url + url, options.seconds, options.threads, options.connections)
        for _ in range(options.rounds)
    ]
    median = sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]
    return dict(median, errors=sum(run["errors"] for run in runs))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="duration of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per URL (median)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="only the static file and the cold rows (no scale row): for trying a change",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")

    size = ContentSize()
    folder = Path(tempfile.mkdtemp(prefix="healthlib-bench-"))
    try:
        started = time.monotonic()
        env, urls, sizes = prepare_site(folder, size)
        print(f"Content: {size.describe()}.")
        print(
            "In the database: "
            + ", ".join(f"{count} {name}" for name, count in sizes.items())
            + f" (built in {time.monotonic() - started:.0f} s)."
        )
        queries = count_queries(urls)
        for name in COLD_PAGES:
            count = count_queries_of_a_second_request(urls[name], PAGE_CACHE_ENABLED=False)
            queries[f"{name}, page cache off"] = (count, None)
        dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        count = count_queries_of_a_second_request(urls["article"], CACHES=dummy)
        queries["article, no cache"] = (count, None)
        growth = queries_as_content_grows()
        rows, memory = run_servers(env, urls, options, folder)
        print_report(rows, queries, growth, memory, options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if os.environ.get("SCALE_BENCH", "1") != "0" and not options.cold_only:
        print()
        sys.stdout.flush()
        subprocess.run([sys.executable, str(ROOT / "bench" / "scale_bench.py")], check=False)


def run_servers(env, urls, options, folder):
    """wrk on every URL; the static file first and again last, as the baseline."""
    rows = []
    memory = {}
    log = folder / "gunicorn.log"
    static = "static file (site.js)"
    with GunicornServer(env, workers=WORKERS, log_path=log) as server:
        for name, url in urls.items():
            if options.cold_only and not name.startswith("static"):
                continue
            label = "article, warm" if name == "article" else name
            rows.append((label, url, measure(server, url, options), name))
        memory["page cache on"] = [worker_rss_mb(pid) for pid in server.worker_pids()]
    with GunicornServer(dict(env, PAGE_CACHE="0"), workers=WORKERS, log_path=log) as server:
        for name in COLD_PAGES:
            label = f"{name}, cold (page cache off)"
            result = measure(server, urls[name], options)
            rows.append((label, urls[name], result, f"{name}, page cache off"))
        memory["page cache off"] = [worker_rss_mb(pid) for pid in server.worker_pids()]
    no_cache = dict(env, PAGE_CACHE="0", NO_CACHE="1")
    with GunicornServer(no_cache, workers=WORKERS, log_path=log) as server:
        label = "article, cold (no cache at all)"
        result = measure(server, urls["article"], options)
        rows.append((label, urls["article"], result, "article, no cache"))
        memory["no cache"] = [worker_rss_mb(pid) for pid in server.worker_pids()]
    with GunicornServer(env, workers=WORKERS, log_path=log) as server:
        rows.append(
            (f"{static}, again", urls[static], measure(server, urls[static], options), static)
        )
    return rows, memory


def print_report(rows, queries, growth, memory, options):
    static_runs = [result["rps"] for _, _, result, name in rows if name.startswith("static")]
    baseline = sum(static_runs) / len(static_runs)
    print(
        f"\nwrk -t{options.threads} -c{options.connections} -d{options.seconds}s, the median of "
        f"{options.rounds} runs per URL, against gunicorn on 127.0.0.1 ({WORKERS} workers, 4 "
        "threads each).\n"
        f"% static: requests/s as a share of the static file's, the mean of its first and "
        f"last run ({baseline:.0f}/s).\n"
    )
    header = (
        f"| {'page':<34} | {'req/s':>8} | {'% static':>8} | {'p50 ms':>7} | {'p99 ms':>7} "
        f"| {'SQL miss/hit':>12} | {'errors':>6} | {'target':>11} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    verdicts = []
    for label, _url, result, name in rows:
        share = result["rps"] / baseline
        miss, hit = queries[name]
        sql = f"{miss}/{hit}" if hit is not None and "cold" not in label else f"{miss}"
        target = ""
        if label in COLD_TARGETS:
            target = f">= {COLD_TARGETS[label]:.1%}"
            verdicts.append((label, share >= COLD_TARGETS[label]))
        elif "cold" not in label and not name.startswith("static") and name != "/healthz":
            target = f">= {WARM_TARGET:.0%}"
            verdicts.append((label, share >= WARM_TARGET))
        if target:
            target += " ok" if verdicts[-1][1] else " MISS"
        print(
            f"| {label:<34} | {result['rps']:>8.0f} | {share:>8.1%} | {result['p50']:>7.2f} "
            f"| {result['p99']:>7.2f} | {sql:>12} | {result['errors']:>6} | {target:>11} |"
        )
    print("\nWorker memory (RSS) after the load:")
    for server, values in memory.items():
        text = ", ".join(f"{value:.1f} MB" for value in values)
        ok = all(value < MEMORY_LIMIT_MB for value in values)
        verdicts.append((f"memory, {server}", ok))
        print(f"  {server}: {text} ({'< ' if ok else '>= '}{MEMORY_LIMIT_MB} MB)")
    print("\nSQL queries of an uncached article page as the article grows:")
    for label, count in growth.items():
        print(f"  {label}: {count}")
    verdicts.append(("queries constant as content grows", len(set(growth.values())) == 1))
    failed = [label for label, ok in verdicts if not ok]
    print("\nTargets: " + ("all met." if not failed else "MISSED: " + "; ".join(failed)))


if __name__ == "__main__":
    main()
