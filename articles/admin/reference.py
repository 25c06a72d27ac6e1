"""References in the admin: the bibliography, importing BibTeX/RIS, renaming a cited key."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from site_config.admin_saves import UniqueRaceAdminMixin
from site_config.models import Job

from ..citations import rename_cited_key
from ..derived_data import refresh_in_background
from ..forms import ReferenceForm
from ..models import Reference, Verification
from ..reference_import import ReferenceImportForm, create_references, parse_references
from ..retractions import flagged_notices, match_retractions, unmatch_changed_reference
from ..review_triggers import flag_not_found


class RetractedFilter(admin.SimpleListFilter):
    title = "Retraction Watch"
    parameter_name = "retracted"

    def lookups(self, request, model_admin):
        return [("yes", "Retracted, corrected or of concern")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return (
                queryset.filter(retractions__isnull=False)
                .exclude(retractions__nature="Reinstatement")
                .distinct()
            )
        return queryset


@admin.register(Reference)
class ReferenceAdmin(UniqueRaceAdminMixin, VersionAdmin):
    form = ReferenceForm
    list_display = [
        "key", "short_authors", "year", "title", "kind", "identifier", "verification_label",
        "notices",
    ]  # fmt: skip
    list_filter = ["verification", RetractedFilter, "kind", "tags"]
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
        (
            "Verification",
            {
                "fields": [
                    "verification",
                    "verified_against",
                    "verification_note",
                    "verified_by",
                    "verified_at",
                ],
                "description": "Check the reference against a public record: its DOI or "
                "PubMed entry, the publisher's page, or the printed work. Readers see whether "
                "it was checked, and a work that could not be found is shown as such.",
            },
        ),
        (None, {"fields": ["tags", "loaded_version"]}),
    ]
    readonly_fields = ["verified_by", "verified_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags", "retractions")

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
        state_changed = "verification" in form.changed_data or "verified_against" in (
            form.changed_data
        )
        if state_changed or not change:
            # Who checked it and when are recorded, not typed.
            checked = obj.verification != Verification.UNVERIFIED
            obj.verified_by = request.user if checked else None
            obj.verified_at = timezone.now() if checked else None
        super().save_model(request, obj, form, change)
        if "doi" in form.changed_data or "pmid" in form.changed_data:
            unmatch_changed_reference(obj)
            matched, flagged = match_retractions(Reference.objects.filter(pk=obj.pk))
            for _, retraction in matched:
                self.message_user(
                    request,
                    f"This work is in the Retraction Watch list: {retraction.reader_label}. "
                    f"{flagged} article(s) citing it are now in the review queue.",
                    messages.WARNING,
                )
        if "verification" in form.changed_data and obj.verification == Verification.NOT_FOUND:
            flag_not_found(obj)
            self.message_user(
                request,
                "Marked as could not be found: readers are told so, and the articles citing "
                "it are in the review queue.",
                messages.WARNING,
            )
        if old_key and old_key != obj.key:
            # Citations name the key: follow the rename rather than leave them dangling.
            # The texts change here, so no page ever cites a key that is gone; re-linking
            # and re-indexing their articles runs in the background.
            with refresh_in_background(
                f"Re-render the articles citing [@{obj.key}] (was [@{old_key}])"
            ) as refresh:
                sections = rename_cited_key(old_key, obj.key)
            if refresh.job is not None and refresh.job.state != Job.State.DONE:
                self.message_user(
                    request,
                    f"Updating {refresh.job.total:,} article(s) in the background.",
                    messages.INFO,
                )
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

    @admin.display(description="verification", ordering="verification")
    def verification_label(self, reference):
        return reference.get_verification_display()

    @admin.display(description="Retraction Watch")
    def notices(self, reference):
        labels = [notice.reader_label for notice in flagged_notices(reference)]
        return "; ".join(labels) or "—"
