from django import forms

from .models import SiteSettings
from .text import CleanTextModelForm


class SiteSettingsForm(CleanTextModelForm):
    class Meta:
        model = SiteSettings
        fields = [
            "site_name",
            "tagline",
            "banner_enabled",
            "banner_text",
            "disclaimer_text",
            "review_interval_months",
            "target_fundamentals",
            "target_intermediate",
            "target_reflection",
            "feedback_review_minimum",
            "feedback_review_percent",
        ]
        error_messages = {
            "site_name": {"required": "Give the site a name; it heads every page."},
            "banner_text": {
                "required": "Write the banner text. To hide the banner, untick “show the "
                "disclaimer banner” instead."
            },
            "disclaimer_text": {
                "required": "Write the full disclaimer: the banner and every page link to it."
            },
            "review_interval_months": {
                "invalid": "Enter the number of months as a whole number, e.g. 12.",
            },
        }

    def clean_review_interval_months(self):
        months = self.cleaned_data["review_interval_months"]
        if months is not None and months < 1:
            # Zero would make every article overdue for review the day it is reviewed.
            raise forms.ValidationError("Enter a number of months of 1 or more, e.g. 12.")
        return months

    def clean_feedback_review_percent(self):
        percent = self.cleaned_data["feedback_review_percent"]
        if percent is not None and percent > 100:
            raise forms.ValidationError("Enter a share between 0 and 100, e.g. 50.")
        return percent

    def clean(self):
        cleaned = super().clean()
        for name in ("target_fundamentals", "target_intermediate", "target_reflection"):
            target = cleaned.get(name)
            if target is not None and not 1 <= target <= 20:
                self.add_error(
                    name, "Enter a school grade between 1 and 20, e.g. 8 for plain language."
                )
        return cleaned
