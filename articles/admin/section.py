"""A section on its own admin page, with its figures.

Only the text being edited is changed here: sections of an article readers have not seen, or
of the working copy of a published one (articles/workflow.py). A section of a published
article is reached through its article's form, which edits the draft. Sections are added in
the article's form.
"""

import reversion
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from reversion.admin import VersionAdmin

from site_config.admin_saves import UniqueRaceAdminMixin

from .. import workflow
from ..derived_data import once_per_article
from ..forms import FigureForm, SectionPageForm
from ..models import Article, Figure, Section

EDITABLE = Q(article__draft_of__isnull=False) | Q(article__status=Article.Status.DRAFT)


class FigureInline(admin.StackedInline):
    model = Figure
    form = FigureForm
    extra = 0
    fields = ["position", "image", "alt_text", "caption", "credit"]


@admin.register(Section)
class SectionAdmin(UniqueRaceAdminMixin, VersionAdmin):
    form = SectionPageForm
    list_display = ["heading", "article_title", "level", "position"]
    list_filter = ["level"]
    list_select_related = ["article"]
    search_fields = ["heading", "body", "article__title"]
    inlines = [FigureInline]
    fields = [
        "article_title",
        ("position", "level"),
        ("heading", "anchor"),
        "body",
        "takeaway",
        "loaded_version",
    ]
    readonly_fields = ["article_title"]

    class Media:
        js = ["js/section-checks.js"]
        css = {"all": ["css/section-checks.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(EDITABLE)

    def has_add_permission(self, request):
        return False  # sections are added in their article's form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        section = Section.objects.filter(pk=object_id).select_related("article").first()
        if section is not None and not Section.objects.filter(EDITABLE, pk=section.pk).exists():
            self.message_user(
                request,
                "Readers see this section: change it in the article, which keeps your changes "
                "in a draft until they are published.",
                messages.INFO,
            )
            url = reverse("admin:articles_article_change", args=[section.article_id])
            return HttpResponseRedirect(url)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="article", ordering="article__title")
    def article_title(self, section):
        article = section.article
        return (
            f"{article.title} (draft of the published article)"
            if article.is_working_copy
            else (article.title)
        )

    def save_related(self, request, form, formsets, change):
        with once_per_article():
            super().save_related(request, form, formsets, change)
        article = form.instance.article
        changed = form.has_changed() or any(formset.has_changed() for formset in formsets)
        workflow.record_edit(article, request.user, changed)
        if changed:
            # An article form opened before this save must see it (SectionPageForm).
            Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
        # A section saved on its own page is still a change to its article: record the
        # article (with all its sections and figures) in the same revision.
        if reversion.is_active():
            reversion.add_to_revision(article)
