"""How many requests the test process is answering right now (the browser tests' live server
answers in threads of this process).

A browser test can end while its page still has a request under way (an autosave, a preview);
the test's database must not be flushed under it (SQLite's shared in-memory database refuses:
"database table is locked"), so the page fixture waits for this to reach zero.
"""

import threading
import time

_lock = threading.Lock()
_count = 0


class InFlightMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _count
        with _lock:
            _count += 1
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _count -= 1


def wait_until_idle(timeout=10.0):
    """True once no request is being answered; False if some still is after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            if _count == 0:
                return True
        time.sleep(0.02)
    return False
