"""References in the admin: the bibliography, importing BibTeX/RIS, renaming a cited key."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from ..citations import rename_cited_key
from ..forms import ReferenceForm
from ..models import Reference
from ..reference_import import ReferenceImportForm, create_references, parse_references


@admin.register(Reference)
class ReferenceAdmin(VersionAdmin):
    form = ReferenceForm
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

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_reference_import",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        old_key = form.initial.get("key") if change else None
        super().save_model(request, obj, form, change)
        if old_key and old_key != obj.key:
            # Citations name the key: follow the rename rather than leave them dangling.
            sections = rename_cited_key(old_key, obj.key)
            if sections:
                self.message_user(
                    request,
                    f"The citations [@{old_key}] now read [@{obj.key}] in "
                    f"{len(sections)} section(s): "
                    + "; ".join(f"“{section.heading}”" for section in sections),
                    messages.INFO,
                )

    def import_view(self, request):
        """Paste or upload BibTeX/RIS, preview what was read, then confirm to save."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReferenceImportForm(request.POST or None, request.FILES or None)
        entries = None
        text = ""
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data["text"]
            entries = parse_references(text)
            if "confirm" in request.POST and any(entry.can_import for entry in entries):
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment("Imported from BibTeX/RIS.")
                    created = create_references(entries)
                for reference in created:
                    self.log_addition(request, reference, [{"added": {}}])
                self.message_user(
                    request,
                    f"Imported {len(created)} reference(s): "
                    + ", ".join(reference.key for reference in created),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:articles_reference_changelist"))
            # The text goes on in the form (an upload becomes text) and the confirm button.
            form = ReferenceImportForm(initial={"text": text})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import references",
            "form": form,
            "entries": entries,
            "importable": [entry for entry in entries or [] if entry.can_import],
            "text": text,
        }
        return TemplateResponse(request, "admin/articles/reference/import.html", context)

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
