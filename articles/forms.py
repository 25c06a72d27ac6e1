from django import forms
from django.utils.text import slugify

from .models import Section


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["position", "level", "heading", "anchor", "body", "takeaway"]
        error_messages = {
            "heading": {"required": "Give the section a heading; readers navigate by them."},
            "body": {"required": "This section has no text. Write its body or delete the section."},
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "takeaway": forms.Textarea(attrs={"rows": 2}),
        }

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
        return cleaned


class SectionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            anchor = form.cleaned_data.get("anchor")
            if not anchor:
                continue
            if anchor in seen:
                form.add_error(
                    "anchor",
                    f"Another section (“{seen[anchor]}”) already uses the anchor “{anchor}”. "
                    "Each section needs its own.",
                )
            else:
                seen[anchor] = form.cleaned_data.get("heading", "")
