"""What every admin save of shared content is guarded against, beyond its form's own rules.

- Two saves of one unique value at the same moment (`UniqueRaceAdminMixin`): both forms
  check that the address (slug, key, name) is free before either writes, so the second
  write breaks the database's unique constraint. Caught here, the save is tried again, and
  the form's own uniqueness check now sees the other save and answers with its message
  ("Another term already has this address"), everything typed still in the form.
- A save over a version saved after the form was opened (`StaleSaveFormMixin`): refused with
  a message naming what the other save changed, everything typed still in the form; saving
  again is then a deliberate choice. The article form has its own, richer check
  (articles.forms.ArticleAdminForm and articles/conflicts.py).
"""

import hashlib
import logging

from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.utils import dateformat, timezone

logger = logging.getLogger(__name__)


def unique_field_labels(model):
    """The labels of the fields a unique constraint covers, e.g. ["slug", "name"]."""
    names = [field.name for field in model._meta.concrete_fields if field.unique]
    names = [name for name in names if not model._meta.get_field(name).primary_key]
    for constraint in model._meta.constraints:
        names += [name for name in getattr(constraint, "fields", ()) if name not in names]
    for together in model._meta.unique_together:
        names += [name for name in together if name not in names]
    return [str(model._meta.get_field(name).verbose_name) for name in names]


class UniqueRaceAdminMixin:
    """For the admin of a model with a unique field: a unique value taken by another save at
    the same moment gives the form's message, never a 500. Put it first among the bases."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The admin saves in a transaction, rolled back whole when the write fails.
        for attempt in range(2):
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except IntegrityError as error:
                logger.info(
                    "Unique value taken by a simultaneous save of %s (attempt %d): %s",
                    self.opts.verbose_name,
                    attempt + 1,
                    error,
                )
        # The form's checks did not find the other save: refuse in general words.
        request.unique_race_refused = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "unique_race_refused", False):
            return form
        labels = " or ".join(unique_field_labels(self.model)) or "details"
        message = (
            f"Someone saved another {self.opts.verbose_name} with the same {labels} at the "
            f"same moment, so this was not saved. Everything you typed is still below: change "
            f"the {labels} and save again."
        )

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, message)
                return cleaned_data

        RefusedForm.__name__ = form.__name__
        return RefusedForm


class StaleSaveFormMixin(forms.Form):
    """For a model form that edits shared content: refuse a save over a version saved after
    the form was opened.

    `loaded_version` carries the version the form was opened with: the row's `updated_at`
    when it has one, else a digest of the form's fields as saved. The check locks the row
    and runs in the admin's saving transaction, so two simultaneous saves cannot both pass.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.version_of(self.instance)

    def version_of(self, instance):
        if hasattr(instance, "updated_at"):
            return instance.updated_at.isoformat() if instance.updated_at else ""
        values = [
            repr(getattr(instance, field.attname))
            for field in instance._meta.concrete_fields
            if field.name in self._meta.fields
        ]
        return hashlib.sha256("\x00".join(values).encode()).hexdigest()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self.refuse_stale_save()
        return cleaned_data

    def refuse_stale_save(self):
        model = type(self.instance)
        saved = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if saved is None:
            return  # deleted meanwhile: the admin answers that itself
        version = self.version_of(saved)
        if self.cleaned_data.get("loaded_version") == version:
            return
        changed = [
            str(self.fields[name].label or name)
            for name in self.compared_fields(model)
            if self.saved_value(saved, name) != self.typed_value(name)
        ]
        who = "Someone"
        updated_by = getattr(saved, "updated_by_id", None)
        user = get_user_model().objects.filter(pk=updated_by).first() if updated_by else None
        if user is not None:
            who = user.get_full_name() or user.get_username()
        when = ""
        if getattr(saved, "updated_at", None):
            local = timezone.localtime(saved.updated_at)
            when = f" on {dateformat.format(local, 'j F Y')} at {dateformat.format(local, 'H:i')}"
        differs = f" Their version differs from yours in: {', '.join(changed)}." if changed else ""
        self.add_error(
            None,
            f"{who} saved this {model._meta.verbose_name}{when}, after you opened it, so your "
            f"changes were not saved. Everything you typed is still below.{differs} Open the "
            "page in a new tab to see their version; save again to replace it with yours.",
        )
        # The next save is a deliberate choice by someone who has seen this message.
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = version
        self.data = data

    def compared_fields(self, model):
        """The form's fields stored in the row itself (not tags or other relations)."""
        names = {field.name for field in model._meta.concrete_fields if not field.is_relation}
        return [name for name in self._meta.fields if name in names and name in self.fields]

    def saved_value(self, saved, name):
        value = self.fields[name].prepare_value(getattr(saved, name))
        return normalised(value)

    def typed_value(self, name):
        widget = self.fields[name].widget
        return normalised(widget.value_from_datadict(self.data, self.files, self.add_prefix(name)))


def normalised(value):
    return str("" if value is None else value).replace("\r\n", "\n").strip()
