from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from .forms import SectionForm, SectionInlineFormSet
from .models import Article, ArticleReference, Figure, Reference, Section


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionInlineFormSet
    extra = 0
    show_change_link = True
    fields = [("position", "level"), ("heading", "anchor"), "body", "takeaway"]
    verbose_name_plural = "sections (save, then use “Change” on a section to add its figures)"


class ArticleReferenceInline(admin.TabularInline):
    model = ArticleReference
    extra = 0
    autocomplete_fields = ["reference"]
    fields = ["position", "reference"]
    verbose_name_plural = "reference list (cited references are added automatically)"


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    fields = ["position", "image", "alt_text", "caption", "credit"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status_label", "section_count", "tag_list", "updated_at"]
    list_filter = ["status", "tags", "publish_at"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "created_at"
    inlines = [SectionInline, ArticleReferenceInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "authors", "tags"]}),
        ("Publishing", {"fields": ["status", "publish_at"]}),
        ("Medical review", {"fields": ["reviewed_by", "reviewed_at", "disclaimer_note"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("tags")
            .annotate(section_total=Count("sections"))
        )

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        if article.status == Article.Status.DRAFT:
            return "Draft"
        if article.publish_at and article.publish_at > timezone.now():
            local = timezone.localtime(article.publish_at)
            return f"Scheduled for {local:%Y-%m-%d %H:%M}"
        return "Published"

    @admin.display(description="sections", ordering="section_total")
    def section_count(self, article):
        return article.section_total

    @admin.display(description="tags")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    list_display = ["heading", "article", "level", "position"]
    list_filter = ["level"]
    list_select_related = ["article"]
    search_fields = ["heading", "body", "article__title"]
    inlines = [FigureInline]
    fields = ["article", ("position", "level"), ("heading", "anchor"), "body", "takeaway"]
    autocomplete_fields = ["article"]


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["key", "short_authors", "year", "title", "kind", "identifier"]
    list_filter = ["kind", "tags"]
    search_fields = ["key", "authors", "title", "year", "container"]
    fieldsets = [
        (None, {"fields": ["key", "kind", "authors", "year", "title"]}),
        (
            "Where it appeared",
            {"fields": ["container", "volume", "issue", "pages", "publisher", "edition"]},
        ),
        (
            "Identifiers",
            {
                "fields": ["doi", "pmid", "url"],
                "description": "Leave empty if the source has none: never guess an identifier.",
            },
        ),
        (None, {"fields": ["tags"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="authors", ordering="authors")
    def short_authors(self, reference):
        names = reference.author_list
        return names[0] + (" et al." if len(names) > 1 else "") if names else ""

    @admin.display(description="DOI / PMID")
    def identifier(self, reference):
        if reference.doi:
            return format_html("DOI {}", reference.doi)
        if reference.pmid:
            return format_html("PMID {}", reference.pmid)
        return "—"
