"""Run the site the way `make run` does (gunicorn, DEBUG off) in a subprocess.

Used by the fault tests (a killed worker, two app servers, a database that is down) and by
the benchmark (bench/run.py). Everything listens on 127.0.0.1 and every wait is bounded.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
GUNICORN_CONFIG = PROJECT_DIR / "site_config" / "gunicorn.conf.py"
# Variables of the test run that must not leak into the site's own processes.
PRIVATE_VARIABLES = {"PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_CURRENT_TEST"}


def site_env(**overrides):
    """The environment of `make run`: production settings, plain http on 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if key not in PRIVATE_VARIABLES}
    env.update(
        SECRET_KEY="a-secret-key-for-local-test-servers-only-0123456789abcdefghij",
        # The site's own settings, not the test run's (tests/settings.py).
        DJANGO_SETTINGS_MODULE="site_config.settings",
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
        # Its own local-memory cache unless a caller shares Redis on purpose.
        REDIS_URL="",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(*args, env, timeout=300, check=True):
    """Run a manage.py command for the site described by `env`: its output (an error if it
    failed), or with check=False the completed process whatever happened."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if not check:
        return result
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=10, headers=None):
    """(status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class GunicornServer:
    """gunicorn with the project's config on a free 127.0.0.1 port; a context manager."""

    def __init__(self, env, app="site_config.wsgi", workers=1, threads=4, log_path=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self.env = dict(
            env,
            HOST="127.0.0.1",
            PORT=str(self.port),
            WEB_CONCURRENCY=str(workers),
            GUNICORN_THREADS=str(threads),
        )
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(GUNICORN), "--config", str(GUNICORN_CONFIG), self.app],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.wait_until_ready()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                get(self.url + "/healthz", timeout=2)
                return  # any answer will do: some tests start a site whose database is down
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on {self.url} within {timeout} s")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def worker_pids(self):
        """Process ids of the gunicorn workers (children of the master)."""
        pids = []
        task_dir = Path(f"/proc/{self.process.pid}/task")
        for task in task_dir.iterdir():
            children = (task / "children").read_text().split()
            pids.extend(int(pid) for pid in children)
        return pids

    def get(self, path, **kwargs):
        return get(self.url + path, **kwargs)


def worker_rss_mb(pid):
    """Resident memory of one process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


MOTO_SERVER = Path(sys.executable).parent / "moto_server"


class S3Server:
    """moto's S3-compatible server (requirements-dev.txt) on a free 127.0.0.1 port; a context
    manager. Any access key is accepted; buckets live in memory until it stops."""

    def __init__(self, log_path=None):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(self.port)],
            cwd=PROJECT_DIR,
            env={key: value for key, value in os.environ.items() if key not in PRIVATE_VARIABLES},
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited with {self.process.returncode}")
            try:
                get(self.endpoint_url + "/", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"moto_server did not answer on {self.endpoint_url} within 60 s")

    def __exit__(self, *exc_info):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
