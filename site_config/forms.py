from django import forms

from .models import SiteSettings


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = [
            "site_name",
            "tagline",
            "banner_enabled",
            "banner_text",
            "disclaimer_text",
            "review_interval_months",
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
