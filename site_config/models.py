import hashlib

from django.core.cache import cache
from django.db import models

from . import cache_keys


class SiteSettings(models.Model):
    """The one row of site-wide settings editors change in the admin."""

    site_name = models.CharField(max_length=100, default="Health Library")
    tagline = models.CharField(
        max_length=200,
        blank=True,
        default="Evidence-based health education, explained at your depth.",
        help_text="A short line under the site name on the home page.",
    )
    banner_enabled = models.BooleanField(
        "show the disclaimer banner",
        default=True,
        help_text="Shows the banner at the top of every public page.",
    )
    banner_text = models.TextField(
        default=(
            "This site explains health topics for education only. It is not medical advice: "
            "talk to a qualified clinician about your own health."
        ),
        help_text="Plain text, one or two sentences. Readers who dismissed the banner see it "
        "again when you change this text.",
    )
    disclaimer_text = models.TextField(
        "full disclaimer",
        default=(
            "The articles on this site are written for general education. They do not replace "
            "a consultation with a doctor, pharmacist or other qualified professional who knows "
            "your history.\n\nNever start, stop or change a treatment because of something you "
            "read here. If you think you may have a medical emergency, call your local "
            "emergency number."
        ),
        help_text="Markdown. Shown on the disclaimer page.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        help_text="How many months after a medical review the next review is due.",
    )
    # Reading level targets per section level (articles/section_checks.py): the highest SMOG
    # grade a section of that level should have. Academic sections are scored, not judged.
    target_fundamentals = models.PositiveSmallIntegerField(
        "Fundamentals: highest SMOG grade",
        default=8,
        help_text="US patient-information guidance aims at grade 6 to 8.",
    )
    target_intermediate = models.PositiveSmallIntegerField(
        "Intermediate: highest SMOG grade", default=10
    )
    target_reflection = models.PositiveSmallIntegerField(
        "Reflection: highest SMOG grade", default=8
    )
    feedback_review_minimum = models.PositiveSmallIntegerField(
        "answers before feedback can trigger a review",
        default=5,
        help_text="Reader feedback puts an article in the review queue only after this many "
        "answers not yet handled.",
    )
    feedback_review_percent = models.PositiveSmallIntegerField(
        "lowest share of “helpful” answers (%)",
        default=50,
        help_text="Below this share of “Yes” answers, the article goes in the review queue.",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="sitesettings_single_row"),
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(cache_keys.SITE_SETTINGS)
        # The banner and site name are on every page.
        cache_keys.bump(cache_keys.PUBLIC_PAGES)

    @classmethod
    def load(cls):
        """The settings row, from the cache when possible; created with defaults if missing."""
        settings = cache.get(cache_keys.SITE_SETTINGS)
        if settings is None:
            settings, _ = cls.objects.get_or_create(pk=1)
            cache.set(cache_keys.SITE_SETTINGS, settings, None)
        return settings

    def reading_targets(self):
        """{level: highest SMOG grade}; levels not listed (Academic) are reported only."""
        return {
            "fundamentals": self.target_fundamentals,
            "intermediate": self.target_intermediate,
            "reflection": self.target_reflection,
        }

    @property
    def banner_version(self):
        """Changes whenever the banner text changes, so a dismissal is for this text only."""
        return hashlib.sha256(self.banner_text.encode()).hexdigest()[:12]


class MissedInvalidation(models.Model):
    """A cache generation bump the shared cache did not take: it could not be reached when
    an edit was saved. Written with the edit, and bumped again (then deleted) once the cache
    answers (site_config.cache_keys), so the edit cannot stay invisible."""

    name = models.CharField(max_length=200, help_text="The generation, e.g. public-pages.")
    missed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.missed_at:%Y-%m-%d %H:%M:%S})"


class Job(models.Model):
    """One piece of background work (site_config/jobs.py): what it is, how far it got, and
    how it ended. Rows are kept, so a job that failed stays visible with its error."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=100, help_text="Which work: a name in site_config.jobs.")
    args = models.JSONField(default=dict, blank=True)
    description = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, help_text="The last attempt's error, if it failed.")
    result = models.TextField(blank=True, help_text="What the job reported when it finished.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created")]

    def __str__(self):
        return self.description or self.kind

    @property
    def progress_label(self):
        if self.total is None:
            return "-"
        return f"{self.done:,} of {self.total:,}"
