import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.text import slugify
from nested_admin.formsets import NestedInlineFormSet

from site_config.admin_saves import StaleSaveFormMixin
from site_config.text import CleanTextModelForm

from .citations import citation_errors
from .conflicts import differences
from .images import FigureImageField
from .models import (
    Article,
    Figure,
    PendingUpload,
    Reference,
    Section,
    doi_validator,
    pmid_validator,
)


class SectionForm(CleanTextModelForm):
    class Meta:
        model = Section
        fields = ["position", "level", "heading", "anchor", "body", "takeaway"]
        error_messages = {
            "heading": {"required": "Give the section a heading; readers navigate by them."},
            "body": {
                "required": "This section has no text. Write its body or delete the section.",
                "max_length": "This text is %(show_value)d characters long; a section can hold "
                "at most %(limit_value)d. Split it into two sections.",
            },
            "takeaway": {
                "max_length": "A take-away is one highlighted sentence or two: keep it under "
                "%(limit_value)d characters (this one has %(show_value)d).",
            },
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "takeaway": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers cut a paste at maxlength without a word; the server's message says why.
        self.fields["body"].widget.attrs.pop("maxlength", None)

    def clean_takeaway(self):
        takeaway = self.cleaned_data["takeaway"].strip()
        if "\n\n" in takeaway:
            raise forms.ValidationError(
                "A take-away is one highlighted sentence or two, not several paragraphs."
            )
        return takeaway

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("anchor") and cleaned.get("heading"):
            cleaned["anchor"] = slugify(cleaned["heading"])[:100] or "section"
        heading = cleaned.get("heading") or self.instance.heading
        for name in ("body", "takeaway"):
            for message in citation_errors(heading, cleaned.get(name) or ""):
                self.add_error(name, message)
        return cleaned


class SectionPageForm(StaleSaveFormMixin, SectionForm):
    """A section on its own admin page: as in the article's form, and no lost edits.

    The article's form checks the whole article (ArticleAdminForm), so the two are made to
    see each other: this check locks the article's row first, as the article's does, and the
    section admin moves the article's `updated_at` when it saves, so an article form opened
    before it is refused instead of putting the old section back."""

    def refuse_stale_save(self):
        list(Article.objects.select_for_update().filter(pk=self.instance.article_id).values("pk"))
        super().refuse_stale_save()


class SectionInlineFormSet(NestedInlineFormSet):
    def clean(self):
        # Before super().clean(): its unique check would otherwise answer first, with a
        # generic "Please correct the duplicate data" above the form instead of on the field.
        seen = {}
        for number, form in enumerate(self.forms, start=1):
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            anchor = form.cleaned_data.get("anchor")
            if not anchor:
                continue
            if anchor in seen:
                form.add_error(
                    "anchor",
                    f"Another section ({seen[anchor]}) already uses the anchor “{anchor}”. "
                    "Each section needs its own.",
                )
            else:
                heading = form.cleaned_data.get("heading")
                seen[anchor] = f"“{heading}”" if heading else f"number {number}"
        super().clean()


class FigureInlineFormSet(NestedInlineFormSet):
    """A section's figures inside the article form. A form posted without the figure rows of
    a section (an older page, a script that only edits text) changes none of its figures,
    instead of being refused for a missing management form."""

    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
                data[f"{prefix}-{name}"] = "0"
            data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        super().__init__(data, *args, **kwargs)

    def save(self, commit=True):
        section = self.instance
        if section.pk is not None and not Section.objects.filter(pk=section.pk).exists():
            # The section was deleted in the same save, and its figures with it.
            self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
            return []
        return super().save(commit)


class FigureForm(CleanTextModelForm):
    """A figure. An image chosen in a form that is then refused (for anything: a missing alt
    text, another section's error) is kept (models.PendingUpload) and used by the next save,
    so the editor never has to choose the file again."""

    pending_upload = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Figure
        fields = ["position", "image", "alt_text", "caption", "credit"]
        field_classes = {"image": FigureImageField}
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 3}),
            "caption": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "image": {"required": "Choose an image file for this figure, or delete the figure."},
            "alt_text": {
                "required": "Describe what the image shows for readers who cannot see it: "
                "every figure needs alt text."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = None
        if not self.is_bound:
            return
        image_key = self.add_prefix("image")
        if self.files.get(image_key):
            return  # a new file wins over one kept from before
        pending = PendingUpload.find(self.data.get(self.add_prefix("pending_upload")))
        if pending is not None:
            files = self.files.copy()
            files[image_key] = SimpleUploadedFile(
                pending.name, bytes(pending.content), pending.content_type
            )
            self.files = files
            self.pending = pending
            self.show_pending_note()

    def clean(self):
        cleaned = super().clean()
        for message in citation_errors("", cleaned.get("caption") or "", part="A figure caption"):
            self.add_error("caption", message)
        image = cleaned.get("image")
        if self.pending is None and isinstance(image, UploadedFile):
            # Keep the checked image now: if anything in the whole form is refused, the
            # redisplayed form carries its token instead of losing the file.
            self.pending = PendingUpload.keep(image)
            data = self.data.copy()
            data[self.add_prefix("pending_upload")] = self.pending.token
            self.data = data
            self.show_pending_note()
        return cleaned

    def show_pending_note(self):
        note = format_html(
            "<strong>Your image “{}” is kept</strong> and will be saved with the figure: no "
            "need to choose it again.",
            self.pending.name,
        )
        # The field and its bound field (which copied the help text when it was made).
        self.fields["image"].help_text = self["image"].help_text = note

    def save(self, commit=True):
        figure = super().save(commit=commit)
        if self.pending is not None:
            PendingUpload.objects.filter(pk=self.pending.pk).delete()
        return figure


def time_zone_name():
    """The site's time zone as editors say it: "London time" for Europe/London."""
    zone = timezone.get_current_timezone_name()
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    return "UTC" if place in ("UTC", "GMT") else f"{place} time"


def local_time_label(value):
    """A moment as editors read it, with the time zone named: "Tue 3 Dec 2026, 09:00 (London
    time)"."""
    return f"{dateformat.format(timezone.localtime(value), 'D j M Y, H:i')} ({time_zone_name()})"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in the site's time zone, with the browser's own date-time picker and
    the zone named next to it: the one date-time field of the admin."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Enter a date and time, e.g. 2026-12-03 09:00."},
        )
        super().__init__(**kwargs)
        zone = f"In {time_zone_name()} (the site's time zone)."
        self.help_text = f"{self.help_text} {zone}".strip() if self.help_text else zone


class ArticleAdminForm(CleanTextModelForm):
    """The article form in the admin: the text of an article, never its publishing state
    (articles/workflow.py publishes), and no lost edits.

    `loaded_updated_at` carries the edited row's updated_at from when the form was opened. The
    save is refused if the row changed since; the check locks the row and runs inside the
    admin's saving transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT ... FOR UPDATE),
    so two simultaneous saves cannot both pass it.
    """

    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)
    revision_note = forms.CharField(
        label="Note about this change",
        max_length=200,
        required=False,
        help_text="Optional, for the history only (readers never see it): e.g. “Shortened "
        "the Fundamentals sections”.",
    )

    # The article readers know (for the working copy of a published one), set by the admin.
    article = None
    check_stale_save = True
    # The autosaved form being shown again (set by the admin), which must not be saved as is.
    restoring_autosave = None
    conflict_differences = ()

    class Meta:
        model = Article
        # The admin passes the fields from its fieldsets; these are the editable ones.
        fields = [
            "title",
            "slug",
            "summary",
            "authors",
            "tags",
            "reviewed_by",
            "reviewed_at",
            "disclaimer_note",
        ]
        error_messages = {
            "title": {"required": "Give the article a title."},
            "slug": {
                "required": "Give the article an address, e.g. oxytocin-and-bonding.",
                "invalid": "Use only letters, numbers, hyphens and underscores in the address, "
                "e.g. oxytocin-and-bonding.",
            },
            "summary": {
                "required": "Write a summary of one or two sentences: lists and search engines "
                "show it.",
                "max_length": "Keep the summary to one or two sentences, under %(limit_value)d "
                "characters (this one has %(show_value)d).",
            },
            "reviewed_at": {"invalid": "Enter the review date as YYYY-MM-DD, e.g. 2024-03-05."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_updated_at"].initial = self.instance.updated_at.isoformat()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = Article.objects.articles().filter(slug=slug).exclude(pk=self.instance.pk)
        if self.article is not None:
            others = others.exclude(pk=self.article.pk)
        if others.exists():
            raise forms.ValidationError(
                "Another article already has this address. Change it, e.g. add a word."
            )
        return slug

    def _get_validation_exclusions(self):
        # The address is checked in clean_slug, for working copies too (which share their
        # article's address, so the database constraint leaves them out): once is enough.
        return {*super()._get_validation_exclusions(), "slug"}

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and self.check_stale_save:
            self.refuse_stale_save()
        if self.restoring_autosave is not None:
            when = local_time_label(self.restoring_autosave.saved_at)
            self.add_error(
                None,
                forms.ValidationError(
                    f"This is what you were typing on {when}, kept automatically. Check it, "
                    "then save it, or leave the page to keep the saved version.",
                    code="restored",
                ),
            )
        return cleaned_data

    def refuse_stale_save(self):
        saved = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", "updated_by")
            .first()
        )
        if saved is None:
            return  # deleted meanwhile: the admin answers that itself
        saved_at, saved_by_id = saved
        loaded = self.cleaned_data.get("loaded_updated_at")
        if loaded == saved_at.isoformat():
            return
        user = get_user_model().objects.filter(pk=saved_by_id).first()
        who = (user.get_full_name() or user.get_username()) if user else "Someone"
        when = timezone.localtime(saved_at)
        self.conflict_differences = differences(Article.objects.get(pk=self.instance.pk), self.data)
        self.add_error(
            None,
            f"{who} saved this article on {dateformat.format(when, 'j F Y')} at "
            f"{dateformat.format(when, 'H:i')}, after you opened it, so your changes were not "
            "saved. Everything you typed is still below. Where their version and yours "
            "differ, choose which to keep, then save again.",
        )
        # The next save is a deliberate choice by someone who has seen this message.
        data = self.data.copy()
        data[self.add_prefix("loaded_updated_at")] = saved_at.isoformat()
        self.data = data


DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
PMID_PREFIX_RE = re.compile(r"^PMID:?\s*", re.IGNORECASE)


def normalize_doi(value):
    """A DOI as pasted ("https://doi.org/10.1/x", "doi:10.1/x") to its bare form."""
    return DOI_PREFIX_RE.sub("", (value or "").strip()).strip()


def normalize_pmid(value):
    """A PubMed ID as pasted ("PMID: 20435004") to its digits."""
    return PMID_PREFIX_RE.sub("", (value or "").strip()).strip()


class ReferenceForm(StaleSaveFormMixin, CleanTextModelForm):
    """The reference form in the admin: identifiers accepted as pasted, explained if wrong."""

    # Longer than the stored fields: a pasted "https://doi.org/…" or "PMID: …" is trimmed
    # to the bare identifier below, and the model checks the final length.
    doi = forms.CharField(label="DOI", max_length=250, required=False)
    pmid = forms.CharField(label="PMID", max_length=40, required=False)
    url = forms.URLField(
        label="URL",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the full web address of the source, starting with https://.",
        },
    )

    class Meta:
        model = Reference
        fields = [
            "key", "kind", "authors", "year", "title", "container", "volume", "issue", "pages",
            "publisher", "edition", "doi", "pmid", "url", "verification", "verified_against",
            "verification_note", "tags",
        ]  # fmt: skip
        error_messages = {
            "key": {
                "required": "Give the reference a short key to cite it by, e.g. neal-2018.",
                "unique": "Another reference already uses this key. Keys must be unique: add "
                "a letter, e.g. neal-2018b.",
                "invalid": "Use only letters, numbers, hyphens and underscores in the key, "
                "e.g. neal-2018.",
            },
            "authors": {
                "required": "List the authors as printed, one per line, e.g. Insel, T. R. "
                "(an organisation counts as an author)."
            },
            "title": {"required": "Enter the title of the work as printed."},
            "year": {"invalid": "Enter the year of publication as a number, e.g. 2010."},
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("verification") == "verified" and not cleaned.get("verified_against"):
            self.add_error(
                "verified_against",
                "Say what you checked it against: its DOI or PubMed record, the publisher's "
                "page, or the printed work.",
            )
        return cleaned

    def clean_doi(self):
        doi = normalize_doi(self.cleaned_data["doi"])
        if doi and not doi_validator.regex.search(doi):
            raise forms.ValidationError(
                f"“{doi}” is not a DOI. A DOI starts with “10.”, then the publisher's "
                "number, a slash and the item's code, e.g. 10.1016/j.neuron.2010.03.005. "
                "Copy it from the article's page, or leave this empty if the source has none."
            )
        return doi

    def clean_pmid(self):
        pmid = normalize_pmid(self.cleaned_data["pmid"])
        if pmid and not pmid_validator.regex.search(pmid):
            raise forms.ValidationError(
                f"“{pmid}” is not a PubMed ID. A PMID is a number of up to 9 digits, e.g. "
                "20435004, shown as “PMID: 20435004” on PubMed. Leave this empty if the source "
                "is not in PubMed."
            )
        return pmid
