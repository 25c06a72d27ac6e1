from functools import reduce
from operator import or_

from django.db.models import Q

from site_config.admin_saves import StaleSaveFormMixin
from site_config.text import CleanTextModelForm

from .linking import normalize_name
from .models import Term


def name_key(text):
    return normalize_name(text).casefold()


class TermForm(StaleSaveFormMixin, CleanTextModelForm):
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

    def clean(self):
        cleaned = super().clean()
        self._refuse_names_of_other_terms(cleaned)
        return cleaned

    def _refuse_names_of_other_terms(self, cleaned):
        """A name or alias links to one term only: refuse one that another term already has."""
        own = {}
        if cleaned.get("name"):
            own[name_key(cleaned["name"])] = ("name", cleaned["name"])
        for alias in cleaned.get("aliases", "").splitlines():
            if alias.strip():
                own.setdefault(name_key(alias), ("aliases", alias.strip()))
        if not own:
            return
        wanted = [normalize_name(text) for _, text in own.values()]
        candidates = Term.objects.exclude(pk=self.instance.pk).filter(
            reduce(or_, (Q(name__iexact=text) | Q(aliases__icontains=text) for text in wanted))
        )
        for other in candidates.only("name", "aliases"):
            for other_name in [other.name, *other.alias_list]:
                field, text = own.get(name_key(other_name), (None, None))
                if field == "name" and text == other.name:
                    continue  # the same name exactly: the unique check says so in its words
                if field and field not in self.errors:
                    self.add_error(
                        field,
                        f"“{text}” is already a name or alias of the term “{other.name}”. "
                        "Each name can lead to only one term: remove it here or there.",
                    )
