import logging
import re
import secrets
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from glossary.models import Term
from site_config.tagging import SlugMatchingTagManager

from .reference_format import apa_authors

# ASCII digits only: \d alone also matches Arabic-Indic and other digits, which no index has.
doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI like 10.1016/j.neuron.2010.03.005 (without https://doi.org/).",
    flags=re.ASCII,
)
pmid_validator = RegexValidator(
    r"^[1-9]\d{0,8}$", "A PubMed ID is a number of up to 9 digits.", flags=re.ASCII
)

logger = logging.getLogger(__name__)


def figure_upload_to(instance, filename):
    """Store uploads under a generated name: never trust or reuse the uploader's file name."""
    suffix = PurePath(filename).suffix.lower() or ".png"
    return f"figures/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PublicationState(models.TextChoices):
    """What readers get of an article (its published row; a working copy is never public)."""

    DRAFT = "draft", "Draft"  # never published
    SCHEDULED = "scheduled", "Scheduled"  # goes public at publish_at
    PUBLISHED = "published", "Published"  # readers see it
    UNPUBLISHED = "unpublished", "Unpublished"  # was public; taken down, or past unpublish_at


class WorkflowState(models.TextChoices):
    """Where the text being edited stands in medical review (articles/workflow.py)."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"


class ArticleQuerySet(models.QuerySet):
    # What readers see is decided here and in Article.get_publication_state, side by side: the
    # same conditions as SQL (for lists, counts, feeds, the sitemap, search) and in Python (for
    # one article already loaded). tests/test_publication_state.py checks that they agree.

    def in_state(self, *states, now=None):
        """Articles (never working copies) in any of these PublicationStates at `now`."""
        now = now or timezone.now()
        draft = Q(status=Article.Status.DRAFT)
        published = Q(status=Article.Status.PUBLISHED)
        scheduled = published & Q(publish_at__gt=now)
        expired = published & Q(unpublish_at__lte=now) & ~scheduled
        public = (
            published
            & (Q(publish_at__isnull=True) | Q(publish_at__lte=now))
            & (Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))
        )
        was_public = Q(first_published_at__lte=now)
        conditions = {
            PublicationState.DRAFT: draft & ~was_public,
            PublicationState.SCHEDULED: scheduled,
            PublicationState.PUBLISHED: public,
            PublicationState.UNPUBLISHED: (draft & was_public) | expired,
        }
        condition = Q(pk__in=[])
        for state in states:
            condition |= conditions[state]
        return self.filter(condition, draft_of__isnull=True)

    def public(self):
        """What readers may see: the one rule every public page, list, count, feed, sitemap,
        search result and glossary back-link uses."""
        return self.in_state(PublicationState.PUBLISHED)

    def visible_to(self, user):
        """Public articles, and for staff who may view articles in the admin also those not
        public yet (shown with a preview ribbon). Never a working copy: its text is previewed
        in the admin."""
        if user.is_authenticated and user.is_staff and user.has_perm("articles.view_article"):
            return self.filter(draft_of__isnull=True)
        return self.public()

    def articles(self):
        """Articles as editors list them: without the working copies of published ones."""
        return self.filter(draft_of__isnull=True)

    def pending_in(self, *workflow_states):
        """Articles whose text being edited (the working copy, or the article itself while it
        is not published) is in one of these WorkflowStates."""
        return self.articles().filter(
            Q(working_copy__workflow_state__in=workflow_states)
            | Q(
                working_copy__isnull=True,
                status=Article.Status.DRAFT,
                workflow_state__in=workflow_states,
            )
        )

    def with_changes_waiting(self):
        """Articles with edits (or a review, or a scheduled replacement) waiting in a
        working copy."""
        copy_exists = Q(working_copy__isnull=False)
        return self.articles().filter(
            Q(working_copy__edited_at__isnull=False)
            | Q(working_copy__status=Article.Status.PUBLISHED)
            | (copy_exists & ~Q(working_copy__workflow_state=WorkflowState.DRAFT))
        )

    def next_scheduled_time(self):
        """When the next scheduled article goes public, or None."""
        return (
            self.in_state(PublicationState.SCHEDULED)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def scheduled_working_copies(self):
        """Working copies scheduled to replace their published article at publish_at."""
        return self.filter(draft_of__isnull=False, status=Article.Status.PUBLISHED)


def next_public_change():
    """When what readers see next changes by itself, or None: a scheduled article goes
    public, an article reaches its unpublish time, or a working copy is due to replace its
    article (possibly already: then articles.middleware publishes it). The page cache ends
    its entries then (settings.PAGE_CACHE_NEXT_CHANGE). One query."""
    now = timezone.now()
    article = Q(draft_of__isnull=True, status=Article.Status.PUBLISHED)
    times = Article.objects.aggregate(
        goes_public=Min("publish_at", filter=article & Q(publish_at__gt=now)),
        goes_away=Min("unpublish_at", filter=article & Q(unpublish_at__gt=now)),
        replaced=Min(
            "publish_at",
            filter=Q(draft_of__isnull=False, status=Article.Status.PUBLISHED),
        ),
    )
    return min((time for time in times.values() if time is not None), default=None)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="The last part of the article's address.")
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences. Shown in lists and to search engines.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to publish as soon as the status is Published. "
        "A future time schedules the article.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        help_text="Optional: the article leaves every public place at this time.",
    )
    # The published article this row is the working copy of (articles/workflow.py): editors
    # change a published article through its copy, which readers never see.
    draft_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_copy",
        editable=False,
    )
    workflow_state = models.CharField(
        "review state",
        max_length=20,
        choices=WorkflowState,
        default=WorkflowState.DRAFT,
        editable=False,
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    change_notes = models.JSONField(
        "what changed",
        default=list,
        blank=True,
        editable=False,
        help_text="The public notes of published changes, newest first: [{date, note}]. "
        "Written when a change is published (the full record is in WorkflowEvent).",
    )
    edited_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When someone last saved changes."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    draft_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Who changed the text since it was last published: they cannot approve it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    authors = models.CharField(
        max_length=300, blank=True, help_text="Names as readers should see them, comma-separated."
    )
    reviewed_by = models.CharField(
        "medically reviewed by",
        max_length=200,
        blank=True,
        help_text="Reviewer's name and credentials, e.g. “Dr Lena Okafor, MD, endocrinologist”.",
    )
    reviewed_at = models.DateField("reviewed on", null=True, blank=True)
    disclaimer_note = models.TextField(
        blank=True,
        help_text="Optional notice shown above the first section, e.g. about medicines that need "
        "a prescriber. Readers cannot dismiss it.",
    )
    tags = TaggableManager(
        blank=True,
        help_text="Topics, separated by commas: “hormone balance, sleep” is two topics.",
        manager=SlugMatchingTagManager,
    )
    references = models.ManyToManyField(
        "Reference",
        through="ArticleReference",
        blank=True,
        related_name="articles",
    )
    terms = models.ManyToManyField(
        Term,
        blank=True,
        related_name="articles",
        editable=False,
        help_text="Glossary terms linked in the article; kept current by the glossary linker.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        indexes = [models.Index(fields=["status", "publish_at"], name="article_visibility_idx")]
        constraints = [
            # A working copy shares its article's address until it is published.
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(draft_of__isnull=True),
                name="article_unique_slug",
                violation_error_message="Another article already has this address. Change "
                "it, e.g. add a word.",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, unpublish and schedule articles"),
            ("review_article", "Can approve articles or ask for changes as a medical reviewer"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.draft_of_id is None:
            # When readers first get (or got) it, whichever way it was published.
            if self.status == self.Status.PUBLISHED and self.first_published_at is None:
                self.first_published_at = self.publish_at or timezone.now()
            elif (
                self.status == self.Status.DRAFT
                and self.first_published_at is not None
                and self.first_published_at > timezone.now()
            ):
                self.first_published_at = None  # unscheduled before anyone saw it
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_publication_state(self, now=None):
        """The PublicationState of this article at `now`: ArticleQuerySet.in_state in Python.
        A working copy is never public (None)."""
        if self.draft_of_id is not None:
            return None
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            if self.first_published_at is None or self.first_published_at > now:
                return PublicationState.DRAFT
            return PublicationState.UNPUBLISHED
        if self.publish_at is not None and self.publish_at > now:
            return PublicationState.SCHEDULED
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return PublicationState.UNPUBLISHED
        return PublicationState.PUBLISHED

    @property
    def publication_state(self):
        return self.get_publication_state()

    @property
    def is_public(self):
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def is_working_copy(self):
        return self.draft_of_id is not None

    @property
    def published_article(self):
        """The article readers know: itself, or the one this working copy belongs to."""
        return self.draft_of if self.draft_of_id is not None else self

    @property
    def last_updated(self):
        """When readers last got a new version: an article readers can see is saved only
        when it is published (editors change its working copy)."""
        return self.updated_at

    @property
    def published_date(self):
        return self.publish_at or self.created_at

    @property
    def review_due(self):
        """When the next medical review is due (None if never reviewed); see articles.reviews."""
        from .reviews import review_due_date

        return review_due_date(self.reviewed_at)


# Far above any real section (the demo's longest is ~2,000 characters), low enough that
# every step of rendering one stays fast (tests/test_render_time.py).
SECTION_BODY_MAX_LENGTH = 30_000


class Section(models.Model):
    class Level(models.TextChoices):
        FUNDAMENTALS = "fundamentals", "Fundamentals"
        INTERMEDIATE = "intermediate", "Intermediate"
        ACADEMIC = "academic", "Academic"
        REFLECTION = "reflection", "Reflection"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0, help_text="Sections are shown in this order.")
    level = models.CharField(
        "reading level", max_length=20, choices=Level, default=Level.FUNDAMENTALS
    )
    heading = models.CharField(max_length=200, help_text="A question often reads best.")
    anchor = models.SlugField(
        max_length=100,
        blank=True,
        help_text="The section's address within the page (#anchor). Filled from the heading "
        "if left empty.",
    )
    body = models.TextField(
        max_length=SECTION_BODY_MAX_LENGTH,
        help_text="Markdown. Cite with [@key] or [@key1; @key2]. Tables use | pipes |; to "
        "caption one, put a paragraph starting “Table: ” just above or below it, with a blank "
        "line between.",
    )
    takeaway = models.TextField(
        "take-away",
        blank=True,
        max_length=400,
        help_text="Optional: one highlighted sentence that sums up the section.",
    )

    # Derived from body and take-away on every save (articles/section_checks.py), so the
    # article list can show and filter them without reading every text.
    smog_grade = models.FloatField("SMOG grade", null=True, blank=True, editable=False)
    flesch_kincaid_grade = models.FloatField(
        "Flesch-Kincaid grade", null=True, blank=True, editable=False
    )
    factual_sentences = models.PositiveIntegerField(default=0, editable=False)
    sourced_sentences = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "anchor"], name="section_unique_anchor"),
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        from .section_checks import check_section

        check = check_section(self.body, self.takeaway)
        self.smog_grade = check.smog
        self.flesch_kincaid_grade = check.flesch_kincaid
        self.factual_sentences = len(check.factual)
        self.sourced_sentences = check.sourced_count
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.CHECK_FIELDS}
        super().save(*args, **kwargs)

    CHECK_FIELDS = ["smog_grade", "flesch_kincaid_grade", "factual_sentences", "sourced_sentences"]


class Figure(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="figures")
    position = models.PositiveIntegerField(default=0)
    image = models.ImageField(
        upload_to=figure_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.TextField(
        help_text="Describe what the image shows for readers who cannot see it (required)."
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=200, blank=True)
    # Smaller WebP/AVIF copies of the image (articles/renditions.py), made by a background
    # job after a save: [{"width", "height", "format", "path"}, ...], smallest first.
    renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60]

    def save(self, *args, **kwargs):
        from .renditions import (
            delete_renditions_when_unused,
            make_renditions_later,
            renditions_are_current,
            renditions_of_the_same_image,
        )

        make_later = False
        # Not made here: a background job makes them (articles/renditions.py), unless
        # `refresh_renditions` just tried for this image (`manage.py make_renditions`).
        if not renditions_are_current(self) and self._renditions_made_for != self.image.name:
            self.renditions = renditions_of_the_same_image(self)
            make_later = bool(self.image) and not self.renditions
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "renditions"}
        previous = None
        if self.pk:
            previous = Figure.objects.filter(pk=self.pk).values("image", "renditions").first()
        super().save(*args, **kwargs)
        if previous and previous["image"] != self.image.name:
            delete_renditions_when_unused(
                previous["image"], [item["path"] for item in previous["renditions"]]
            )
        if make_later:
            # Queued once the save commits; run at once when jobs run in process.
            self.renditions_job = make_renditions_later(self)
            if self.renditions_job.state == self.renditions_job.State.DONE:
                self.renditions = (
                    Figure.objects.filter(pk=self.pk).values_list("renditions", flat=True).first()
                    or []
                )

    _renditions_made_for = None

    def refresh_renditions(self):
        """Make (or find) the renditions of the current image and record them, here and now
        (`manage.py make_renditions`; an editor's save leaves this to a background job)."""
        from .renditions import make_renditions

        self._renditions_made_for = self.image.name if self.image else None
        if not self.image:
            self.renditions = []
            return
        if self.image.name and not getattr(self.image, "_committed", True):
            self.image.save(self.image.name, self.image.file, save=False)
        try:
            if not self.width:
                self.width, self.height = self.image.width, self.image.height
            self.renditions = make_renditions(self.image.name, (self.width, self.height))
        except (OSError, ValueError) as error:
            # A stored image that cannot be read (gone, damaged): the page falls back to the
            # original, and `make_renditions` reports it.
            logger.warning("No renditions for figure image %s: %s", self.image.name, error)
            self.renditions = []

    def rendition_sources(self):
        """(content type, srcset) for each rendition format, best format first."""
        from .renditions import content_type, rendition_formats

        storage_url = self.image.storage.url
        sources = []
        for image_format in rendition_formats():
            items = [item for item in self.renditions if item["format"] == image_format]
            if items:
                srcset = ", ".join(
                    f"{storage_url(item['path'])} {item['width']}w" for item in items
                )
                sources.append((content_type(image_format), srcset))
        return sources


class Verification(models.TextChoices):
    """Whether a reference was checked against a public record (DESIGN.md: the reference
    list's data-verification hook uses these values)."""

    UNVERIFIED = "unverified", "Not checked yet"
    VERIFIED = "verified", "Verified"
    NOT_FOUND = "not-found", "Could not be found"


class VerificationSource(models.TextChoices):
    DOI = "doi", "DOI record"
    PUBMED = "pubmed", "PubMed record"
    PUBLISHER = "publisher", "Publisher's page"
    PRINTED = "printed", "The printed work"


class Reference(models.Model):
    class Kind(models.TextChoices):
        JOURNAL = "journal", "Journal article"
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        GUIDELINE = "guideline", "Guideline"
        WEB = "web", "Web page"

    key = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Short unique name used to cite it, e.g. insel-2010 → [@insel-2010].",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.JOURNAL)
    authors = models.TextField(
        help_text="One author per line or separated by semicolons, as “Surname, I. I.”."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500)
    container = models.CharField(
        "journal or book", max_length=300, blank=True, help_text="Journal name or book title."
    )
    volume = models.CharField(max_length=30, blank=True)
    issue = models.CharField(max_length=30, blank=True)
    pages = models.CharField(max_length=50, blank=True, help_text="e.g. 768-778 or e12569.")
    publisher = models.CharField(max_length=200, blank=True)
    edition = models.CharField(max_length=30, blank=True, help_text="e.g. 3rd")
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[doi_validator])
    pmid = models.CharField("PMID", max_length=12, blank=True, validators=[pmid_validator])
    url = models.URLField("URL", max_length=500, blank=True)
    verification = models.CharField(
        "verification",
        max_length=20,
        choices=Verification,
        default=Verification.UNVERIFIED,
        help_text="Whether an editor checked this reference against a public record. Readers "
        "see it: a work that could not be found is shown as such.",
    )
    verified_against = models.CharField(
        "checked against", max_length=20, choices=VerificationSource, blank=True
    )
    verification_note = models.CharField(
        "what was checked",
        max_length=500,
        blank=True,
        help_text="The record you checked it against (e.g. “PubMed entry, PMID 20435004”, the "
        "publisher's page), and what you corrected. For editors only.",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = TaggableManager(blank=True, manager=SlugMatchingTagManager)

    class Meta:
        ordering = ["authors", "year", "title"]

    def __str__(self):
        return f"{self.key}: {self.title[:80]}"

    def get_absolute_url(self):
        return f"{reverse('articles:references')}#ref-{self.key}"

    @property
    def author_list(self):
        separator = "\n" if "\n" in self.authors else ";"
        return [name.strip() for name in self.authors.split(separator) if name.strip()]

    @property
    def authors_display(self):
        """Authors as APA 7 lists them (articles.reference_format.apa_authors)."""
        return apa_authors(self.author_list)


class ArticleReference(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="article_references"
    )
    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reference"], name="articlereference_unique_pair"
            ),
        ]
        verbose_name = "reference"

    def __str__(self):
        return self.reference.key


class SearchEntry(models.Model):
    """One public article, published glossary term or reference, as the site search sees it.

    Derived data: `articles.search_index` writes these rows whenever the source changes, and
    `manage.py rebuild_search_index` rewrites them all. The full-text index over them is
    backend-specific and lives outside the ORM (see migration 0003_search_index): on
    PostgreSQL a stored, GIN-indexed `search_vector` column; on SQLite an FTS5 table kept in
    step by triggers.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        TERM = "term", "Glossary term"
        REFERENCE = "reference", "Reference"

    kind = models.CharField(max_length=10, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300)
    # Weighted text: title and keywords rank highest, then description and headings, then body.
    title = models.CharField(max_length=500)
    keywords = models.TextField(blank=True)
    description = models.TextField(blank=True)
    headings = models.TextField(blank=True)
    body = models.TextField(blank=True)
    excerpt = models.TextField(
        blank=True,
        help_text="The start of the body, which snippets are built from: a bounded amount of "
        "text, so a search costs the same however long a document is.",
    )
    tag_slugs = models.TextField(blank=True, help_text="Space-separated, with a space each end.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object"),
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"


class ReviewerProfile(models.Model):
    """How a medical reviewer is named to readers: "Reviewed by <name>, <credentials>"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(
        "name as readers see it", max_length=120, help_text="e.g. Dr Lena Okafor"
    )
    credentials = models.CharField(
        max_length=160,
        blank=True,
        help_text="Qualifications and role as readers should see them, e.g. MD, consultant "
        "endocrinologist.",
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name


class WorkflowEvent(models.Model):
    """One step in an article's editorial history: a submission, a reviewer's decision with
    its comment, a publication with its public change note, and so on (articles/workflow.py)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved by a medical reviewer"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"
        DISCARDED = "discarded", "Changes discarded"
        RESTORED = "restored", "Earlier version restored as a draft"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.TextField(
        blank=True, help_text="For the editorial team only (a reviewer's comment, a reason)."
    )
    public_note = models.CharField(
        "what changed",
        max_length=300,
        blank=True,
        help_text="Shown to readers under “What changed”.",
    )
    clinical = models.BooleanField(
        default=True,
        help_text="Published after a medical review (False: “no clinical content changed”).",
    )
    reviewer_name = models.CharField(
        max_length=300, blank=True, help_text="The approving reviewer, as readers see them."
    )
    revision = models.ForeignKey(
        "reversion.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class Retraction(models.Model):
    """One row of the Retraction Watch data (as Crossref publishes it): a retraction,
    correction or expression of concern about a work, matched to our references by DOI or
    PubMed ID (articles/retractions.py)."""

    class Nature(models.TextChoices):
        RETRACTION = "Retraction", "Retraction"
        CORRECTION = "Correction", "Correction"
        CONCERN = "Expression of concern", "Expression of concern"
        REINSTATEMENT = "Reinstatement", "Reinstatement"

    record_id = models.PositiveBigIntegerField("Retraction Watch record", unique=True)
    nature = models.CharField(max_length=40, choices=Nature)
    title = models.TextField(blank=True)
    journal = models.CharField(max_length=500, blank=True)
    retraction_date = models.DateField(null=True, blank=True)
    retraction_doi = models.CharField("notice DOI", max_length=200, blank=True)
    original_doi = models.CharField(
        "DOI of the work", max_length=200, blank=True, db_index=True, help_text="Lower case."
    )
    original_pmid = models.CharField("PMID of the work", max_length=12, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    reference = models.ForeignKey(
        Reference, null=True, blank=True, on_delete=models.SET_NULL, related_name="retractions"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-retraction_date", "-record_id"]

    def __str__(self):
        return f"{self.get_nature_display()} of “{self.title[:60]}”"

    @property
    def is_flagged(self):
        """A reinstatement clears an earlier notice; everything else warns readers."""
        return self.nature != self.Nature.REINSTATEMENT

    @property
    def reader_label(self):
        """What readers see next to the reference: "Retracted in 2024"."""
        verb = {
            self.Nature.RETRACTION: "Retracted",
            self.Nature.CORRECTION: "Corrected",
            self.Nature.CONCERN: "Expression of concern",
        }.get(self.nature, self.get_nature_display())
        return f"{verb} in {self.retraction_date.year}" if self.retraction_date else verb


class RetractionAcknowledgement(models.Model):
    """An editor has seen that an article cites a retracted or corrected work and dealt with
    it; until then the article's changes cannot be published (articles/publication_checks.py)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="retraction_acknowledgements"
    )
    retraction = models.ForeignKey(Retraction, on_delete=models.CASCADE, related_name="+")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "retraction"], name="retraction_acknowledged_once"
            )
        ]

    def __str__(self):
        return f"{self.retraction} acknowledged for “{self.article}”"


class ReviewFlag(models.Model):
    """An event that puts an article in the review queue, with its reason: a retraction of a
    cited work, a cited reference that could not be found, or readers finding the page
    unhelpful (articles/review_triggers.py)."""

    class Reason(models.TextChoices):
        RETRACTION = "retraction", "A cited work was retracted or corrected"
        NOT_FOUND = "not-found", "A cited reference could not be found"
        FEEDBACK = "feedback", "Readers found the page unhelpful"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_flags")
    reason = models.CharField(max_length=20, choices=Reason)
    detail = models.CharField(max_length=500, help_text="The reason in words, for editors.")
    reference = models.ForeignKey(
        Reference, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    retraction = models.ForeignKey(
        Retraction, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["handled_at", "article"], name="reviewflag_open_idx")]

    def __str__(self):
        return self.detail


class PageFeedback(models.Model):
    """A reader's answer to "Was this page helpful?", with an optional comment. No account,
    no address, no cookie: only the answer, the comment and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"

    def __str__(self):
        answer = "Helpful" if self.helpful else "Not helpful"
        return f"{answer}: {self.comment[:60]}" if self.comment else answer


class PendingUpload(models.Model):
    """A figure image chosen in a form that was refused for another reason (alt text
    missing, a citation error...): kept here, in the database that every app server shares
    and outside public media, so the next save of the form uses it without asking for the
    file again. Removed when that save succeeds; never served to readers; expires."""

    LIFETIME = timedelta(days=2)

    token = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.name

    @classmethod
    def keep(cls, upload, user=None):
        """Store an uploaded (already checked and re-encoded) image; returns the row."""
        cls.objects.filter(created_at__lt=timezone.now() - cls.LIFETIME).delete()
        upload.seek(0)
        return cls.objects.create(
            token=secrets.token_hex(24),
            name=upload.name,
            content_type=getattr(upload, "content_type", "") or "application/octet-stream",
            content=upload.read(),
            uploaded_by=user,
        )

    @classmethod
    def find(cls, token):
        if not token or len(token) > 64:
            return None
        return cls.objects.filter(
            token=token, created_at__gte=timezone.now() - cls.LIFETIME
        ).first()


class Autosave(models.Model):
    """What an editor was typing in an article's form, kept every half minute or so by the
    form's script (static/js/admin/article-editor.js) so nothing is lost if the tab closes or
    the browser crashes. It is the form's data, not a save: the article and its draft change
    only when the editor saves; the editor is offered to restore it when they come back."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(help_text="The form's fields as [name, [values]] pairs.")
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_editor"),
        ]

    def __str__(self):
        return f"{self.user} on {self.article} at {self.saved_at:%Y-%m-%d %H:%M}"
