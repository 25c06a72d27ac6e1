import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from glossary.models import Term
from site_config.tagging import SlugMatchingTagManager

doi_validator = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI like 10.1016/j.neuron.2010.03.005 (without https://doi.org/).",
)
pmid_validator = RegexValidator(r"^[1-9]\d{0,8}$", "A PubMed ID is a number of up to 9 digits.")


def figure_upload_to(instance, filename):
    """Store uploads under a generated name: never trust or reuse the uploader's file name."""
    suffix = PurePath(filename).suffix.lower() or ".png"
    return f"figures/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PublicationState(models.TextChoices):
    """Where an article stands, as editors see it in the admin (list column and filter, the
    tag and glossary admins). Only PUBLISHED is visible to readers."""

    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet):
    # What readers see is decided here and in Article.publication_state, side by side: the
    # same conditions as SQL (for lists, counts, feeds, the sitemap, search) and in Python (for
    # one article already loaded). tests/test_publication_state.py checks that they agree.

    def in_state(self, *states, now=None):
        """Articles in any of these PublicationStates at `now` (default: this moment)."""
        now = now or timezone.now()
        published = Q(status=Article.Status.PUBLISHED)
        due = Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        conditions = {
            PublicationState.DRAFT: Q(status=Article.Status.DRAFT),
            PublicationState.SCHEDULED: published & Q(publish_at__gt=now),
            PublicationState.PUBLISHED: published & due,
        }
        condition = Q(pk__in=[])
        for state in states:
            condition |= conditions[state]
        return self.filter(condition)

    def public(self):
        """What readers may see: the one rule every public page, list, count, feed, sitemap,
        search result and glossary back-link uses."""
        return self.in_state(PublicationState.PUBLISHED)

    def visible_to(self, user):
        """Public articles, and for staff who may view articles in the admin also drafts and
        scheduled ones (shown with a preview ribbon)."""
        if user.is_authenticated and user.is_staff and user.has_perm("articles.view_article"):
            return self
        return self.public()

    def next_scheduled_time(self):
        """When the next scheduled article goes public, or None."""
        return (
            self.in_state(PublicationState.SCHEDULED)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


def next_public_change():
    """When what readers see next changes by itself (a scheduled article goes public), or
    None. The page cache ends its entries then (settings.PAGE_CACHE_NEXT_CHANGE)."""
    return Article.objects.next_scheduled_time()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the article's address."
    )
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
        blank=True, help_text="Topics, comma-separated.", manager=SlugMatchingTagManager
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
        permissions = [("publish_article", "Can publish, unpublish and schedule articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_publication_state(self, now=None):
        """The PublicationState of this article at `now`: ArticleQuerySet.in_state in Python."""
        if self.status == self.Status.DRAFT:
            return PublicationState.DRAFT
        now = now or timezone.now()
        if self.publish_at is not None and self.publish_at > now:
            return PublicationState.SCHEDULED
        return PublicationState.PUBLISHED

    @property
    def publication_state(self):
        return self.get_publication_state()

    @property
    def is_public(self):
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def publication_label(self):
        """The state in words, with the time for a scheduled article."""
        state = self.publication_state
        if state == PublicationState.SCHEDULED:
            return f"Scheduled for {timezone.localtime(self.publish_at):%Y-%m-%d %H:%M}"
        return state.label

    @property
    def published_date(self):
        return self.publish_at or self.created_at

    @property
    def review_due(self):
        """When the next medical review is due (None if never reviewed); see articles.reviews."""
        from .reviews import review_due_date

        return review_due_date(self.reviewed_at)


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
        help_text="Markdown. Cite with [@key] or [@key1; @key2]; tables use | pipes |."
    )
    takeaway = models.TextField(
        "take-away",
        blank=True,
        max_length=400,
        help_text="Optional: one highlighted sentence that sums up the section.",
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "anchor"], name="section_unique_anchor"),
        ]

    def __str__(self):
        return self.heading


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

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60]


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
        """Authors as APA 7 lists them: "A, B, & C"; "et al." kept as printed."""
        names = self.author_list
        et_al = bool(names) and names[-1].rstrip(".").lower() == "et al"
        if et_al:
            names = names[:-1]
        if not names:
            return ""
        if et_al:
            return ", ".join(names) + ", et al."
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + ", & " + names[-1]


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
    tag_slugs = models.TextField(blank=True, help_text="Space-separated, with a space each end.")
    public_from = models.DateTimeField(
        null=True, blank=True, help_text="Scheduled articles are found from this time on."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object"),
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"
