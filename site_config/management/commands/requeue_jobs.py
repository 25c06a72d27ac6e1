from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from site_config import jobs
from site_config.models import Job


class Command(BaseCommand):
    help = (
        "Queue again the background jobs that were never picked up (the queue was down when "
        "they were saved) or whose worker stopped mid-way. Jobs are safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=10,
            help="Only jobs queued or started at least this many minutes ago (default 10).",
        )

    def handle(self, *args, older_than, **options):
        before = timezone.now() - timedelta(minutes=older_than)
        stranded = Job.objects.filter(
            state=Job.State.QUEUED, created_at__lte=before
        ) | Job.objects.filter(state=Job.State.RUNNING, started_at__lte=before)
        count = 0
        for job in stranded:
            jobs.run_again(job)
            count += 1
        self.stdout.write(f"Queued {count} job{'' if count == 1 else 's'} again.")
