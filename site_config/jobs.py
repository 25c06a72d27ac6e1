"""Background jobs: long or fan-out work that must not run inside an editor's request.

A job is a row (`site_config.models.Job`: kind, arguments, state, progress, error) plus a
function registered here under its kind with `@job_kind("...")` (a text it returns is kept
as the job's result). `enqueue(kind, **args)`
records the row, then:

- with `JOBS_IN_PROCESS` off (REDIS_URL set): puts the row's id on the RQ queue once the
  saving transaction commits; `make worker` (`manage.py rqworker`) runs it;
- with it on (no REDIS_URL: the tests, `make run` without Redis): runs it at once, here.

A job function reads the content as it is when it runs, never a snapshot from when it was
queued, so running it twice, retrying it, or running an older job after a newer edit all end
in the state of the latest edit. An attempt that raises is retried (`JOBS_MAX_ATTEMPTS` in
all, waiting `JOBS_RETRY_SECONDS` between attempts on the queue); after the last one the row
stays `failed` with the error, listed in the admin, never dropped.
"""

import logging
import time
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)

_kinds = {}
_labels = {}

# How often a running job writes its progress to its row, at most.
PROGRESS_SAVE_SECONDS = 0.5


def job_kind(name, label=""):
    """Register a job function under `name`, which the admin shows as `label` (plain words for
    editors). It is called as `func(progress, **args)`."""

    def register(func):
        _kinds[name] = func
        _labels[name] = label or name
        return func

    return register


def kind_label(name):
    """The words the admin shows for a job kind."""
    return _labels.get(name, name)


class Progress:
    """What a job function reports: how many items in all, how many done so far."""

    def __init__(self, job):
        self.job = job
        self._saved_at = 0.0

    def set_total(self, total):
        self.job.total, self.job.done = total, 0
        Job.objects.filter(pk=self.job.pk).update(total=total, done=0)
        self._saved_at = time.monotonic()

    def report(self, done, total):
        """Progress as (done, total) pairs, for functions that count for themselves."""
        if total != self.job.total:
            self.set_total(total)
        self.advance(done - self.job.done)

    def advance(self, count=1):
        self.job.done += count
        now = time.monotonic()
        if now - self._saved_at >= PROGRESS_SAVE_SECONDS or self.job.done == self.job.total:
            Job.objects.filter(pk=self.job.pk).update(done=self.job.done)
            self._saved_at = now


def enqueue(kind, *, description="", total=None, **args):
    """Record a job and have it run: on the queue after commit, or here and now."""
    if kind not in _kinds:
        raise ValueError(f"No job kind {kind!r} is registered.")
    job = Job.objects.create(kind=kind, args=args, description=description[:300], total=total)
    if settings.JOBS_IN_PROCESS:
        run_job(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: send_to_queue(job.pk), robust=True)
    return job


def send_to_queue(job_id, delay_seconds=0):
    import django_rq

    queue = django_rq.get_queue(settings.JOBS_QUEUE)
    try:
        if delay_seconds:
            queue.enqueue_in(timedelta(seconds=delay_seconds), run_job, job_id)
        else:
            queue.enqueue(run_job, job_id)
    except Exception as error:  # the queue is down: keep the row, say why
        logger.exception("Could not queue job %s", job_id)
        Job.objects.filter(pk=job_id).update(
            error=f"Could not reach the job queue: {error}. "
            "`manage.py requeue_jobs` queues it again."
        )


def run_job(job_id):
    """Run one attempt of a job (the worker calls this); retry or record a failure."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.state in (Job.State.DONE, Job.State.FAILED):
        return  # delivered twice: already settled
    Job.objects.filter(pk=job_id).update(
        state=Job.State.RUNNING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        finished_at=None,
    )
    job.refresh_from_db()
    try:
        if connection.in_atomic_block:
            # In process, inside the editor's transaction: a failed attempt undoes only itself.
            with transaction.atomic():
                result = _kinds[job.kind](Progress(job), **job.args)
        else:
            result = _kinds[job.kind](Progress(job), **job.args)
    except Exception:
        _attempt_failed(job, traceback.format_exc())
        return
    Job.objects.filter(pk=job_id).update(
        state=Job.State.DONE,
        finished_at=timezone.now(),
        done=job.done,
        error="",
        result=result if isinstance(result, str) else "",
    )


def _attempt_failed(job, error):
    last = job.attempts >= settings.JOBS_MAX_ATTEMPTS
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.FAILED if last else Job.State.QUEUED,
        error=error[-5000:],
        finished_at=timezone.now() if last else None,
    )
    if last:
        logger.error("Job %s (%s) failed after %s attempts", job.pk, job.kind, job.attempts)
    elif settings.JOBS_IN_PROCESS:
        run_job(job.pk)
    else:
        delays = settings.JOBS_RETRY_SECONDS
        send_to_queue(job.pk, delays[min(job.attempts, len(delays)) - 1] if delays else 0)


def run_again(job):
    """Give a failed (or stranded) job a fresh set of attempts."""
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, attempts=0, finished_at=None)
    if settings.JOBS_IN_PROCESS:
        run_job(job.pk)
    else:
        transaction.on_commit(lambda: send_to_queue(job.pk), robust=True)
