"""A bounded load run: five minutes of mixed pages against the site on 127.0.0.1.

    .venv/bin/python bench/load_run.py [--seconds 300] [--connections 32]

Builds the same throwaway site as `make bench` (bench/run.py), starts gunicorn as
`make run` does, visits every URL of the mix once, then drives the mix with wrk (a Lua
script rotating through it: articles, terms, tags, lists, search, feeds, sitemap, static
files) and reports requests, errors (non-2xx/3xx answers and socket errors), latency, and
worker memory (RSS) at the start, the middle and the end of the run.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.content import ContentSize  # noqa: E402
from bench.run import parse_wrk, prepare_site  # noqa: E402
from tests.servers import GunicornServer, worker_rss_mb  # noqa: E402

LUA_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def mixed_paths(urls):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from taggit.models import Tag

    from articles.models import Article
    from glossary.models import Term

    paths = ["/", "/articles/", "/glossary/", "/tags/", "/references/", "/disclaimer/"]
    paths += [f"/articles/?page={n}" for n in range(2, 6)]
    paths += [a.get_absolute_url() for a in Article.objects.public().order_by("pk")[:40]]
    paths += [urls["article"]] * 10  # the big article is the most read
    paths += [t.get_absolute_url() for t in Term.objects.public().order_by("pk")[:50]]
    paths += [f"/tags/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)[:20]]
    paths += [f"/search/?q={word}" for word in ["oxytocin", "sleep", "factor", "hormone"]]
    paths += [f"/search/?q=factor+{n}" for n in range(16)]
    paths += ["/feeds/articles/rss/", "/feeds/articles/atom/", "/sitemap.xml", "/robots.txt"]
    paths += ["/healthz"]
    paths += [staticfiles_storage.url(name) for name in ("css/site.css", "js/site.js")] * 5
    return paths


def memory_of(server):
    return [round(worker_rss_mb(pid), 1) for pid in server.worker_pids()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")

    size = ContentSize()
    folder = Path(tempfile.mkdtemp(prefix="healthlib-load-"))
    try:
        env, urls, _ = prepare_site(folder, size)
        paths = mixed_paths(urls)
        from django.db import connections

        connections.close_all()
        script = folder / "mix.lua"
        script.write_text(LUA_SCRIPT % ", ".join(f'"{path}"' for path in paths))
        with GunicornServer(env, log_path=folder / "gunicorn.log") as server:
            for path in dict.fromkeys(paths):
                status, _, _ = server.get(path, timeout=30)
                assert status == 200, (path, status)
            memory = {"start": memory_of(server)}
            result = {}
            command = [
                "wrk",
                f"-t{options.threads}",
                f"-c{options.connections}",
                f"-d{options.seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(script),
                server.url,
            ]
            runner = threading.Thread(
                target=lambda: result.update(
                    output=subprocess.run(
                        command, capture_output=True, text=True, timeout=options.seconds + 120
                    ).stdout
                )
            )
            runner.start()
            time.sleep(options.seconds / 2)
            memory["middle"] = memory_of(server)
            runner.join()
            memory["end"] = memory_of(server)
        report(options, size, len(paths), len(set(paths)), parse_wrk(result["output"]), memory)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(options, size, path_count, distinct, figures, memory):
    print(f"\nContent: {size.describe()}.")
    print(
        f"Load: wrk -t{options.threads} -c{options.connections} -d{options.seconds}s, "
        f"rotating {path_count} paths ({distinct} distinct), gunicorn as `make run` on 127.0.0.1"
    )
    print(
        f"Requests: {figures['requests']} ({figures['rps']:.0f}/s), "
        f"errors: {figures['errors']}, "
        f"latency p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms"
    )
    print(
        "Worker memory (RSS, MB): "
        + ", ".join(f"{moment} {values}" for moment, values in memory.items())
    )


if __name__ == "__main__":
    main()
