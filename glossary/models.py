from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

from site_config.tagging import SlugMatchingTagManager


class TermQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class Term(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The last part of the term's address."
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names readers meet: abbreviations and synonyms, one per line "
        "(e.g. OXTR, TRT). They link to this term too.",
    )
    short_definition = models.CharField(
        max_length=300,
        help_text="Plain text, one or two sentences. Shown when a reader hovers over the term.",
    )
    body = models.TextField(
        blank=True, help_text="Markdown. The full explanation on the term page."
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name="related terms"
    )
    case_sensitive = models.BooleanField(
        default=False,
        help_text="Match the name and aliases only with this exact capitalisation "
        "(useful for abbreviations that are also ordinary words).",
    )
    is_published = models.BooleanField("published", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = TaggableManager(blank=True, manager=SlugMatchingTagManager)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("glossary:detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return [alias.strip() for alias in self.aliases.splitlines() if alias.strip()]

    @property
    def initial(self):
        first = self.name[:1].upper()
        return first if first.isalpha() else "#"
