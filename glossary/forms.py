from django import forms

from .models import Term


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = [
            "name",
            "slug",
            "aliases",
            "short_definition",
            "body",
            "related",
            "tags",
            "case_sensitive",
            "is_published",
        ]
        error_messages = {
            "name": {
                "required": "Give the term its name as readers meet it, e.g. oxytocin receptor.",
                "unique": "This term is already in the glossary. Edit that entry, or add this "
                "name to its aliases.",
            },
            "slug": {
                "required": "Give the term an address, e.g. oxytocin-receptor.",
                "invalid": "Use only letters, numbers, hyphens and underscores in the address, "
                "e.g. oxytocin-receptor.",
                "unique": "Another term already has this address. Change it, e.g. add a word.",
            },
            "short_definition": {
                "required": "Write a short definition of one or two sentences: readers see it "
                "when they point at the term in an article.",
                "max_length": "Keep the short definition to one or two sentences, under "
                "%(limit_value)d characters (this one has %(show_value)d). The full "
                "explanation goes in the body.",
            },
        }
