"""Text an editor types, made safe to store and to send as XML, JSON or HTML.

Word processors paste a vertical tab or form feed for a line break, and other control
characters come along with copied text. XML 1.0 cannot carry any of them (a feed with one is
a 500), and a reader never sees them. So every admin form cleans what is typed
(`CleanTextModelForm`), and the feeds clean once more whatever is already stored
(`xml_safe`). The rule, per field:

- a multi-line field (a Markdown body, a summary in a text area): vertical tab and form feed
  become a line break; tab and line breaks stay;
- a one-line field (a title, a name, a slug): every line break, tab, vertical tab and form
  feed becomes a space;
- everywhere: the other C0 and C1 control characters, the non-characters U+FFFE and U+FFFF,
  and lone surrogates are removed.
"""

import re
import unicodedata

from django import forms

LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# What XML 1.0 cannot carry, and C1 controls (which it can, but no reader should get).
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]",
)
_ONE_LINE_SPACES = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")


def clean_text(value, *, multiline):
    """`value` without control characters, as the module docstring says."""
    if not value:
        return value
    value = value.translate(LINE_BREAKS) if multiline else _ONE_LINE_SPACES.sub(" ", value)
    return _UNWANTED.sub("", value)


def xml_safe(value):
    """Text that an XML document (a feed, the sitemap) can carry, whatever is stored."""
    if not isinstance(value, str):
        return value
    return clean_text(value, multiline=True)


# Invisible characters that change how a name reads or compares: zero-width spaces and
# joiners, bidirectional overrides and isolates, soft hyphens, byte-order marks (all of
# Unicode's "format" category), besides the control characters above.
def clean_name(value):
    """A one-line name (a tag) with no invisible characters and single spaces."""
    value = clean_text(value, multiline=False)
    value = "".join(char for char in value if unicodedata.category(char) != "Cf")
    return " ".join(value.split())


class CleanTextModelForm(forms.ModelForm):
    """A ModelForm whose text fields are cleaned of control characters as they are read.

    Every admin form of the site derives from it (tests/test_hardening_text.py checks), so
    the rule lives here once: a field shown as a text area is multi-line, any other text
    field one-line.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.to_python = _cleaning(field.to_python, multiline)


def _cleaning(to_python, multiline):
    def cleaned_to_python(value):
        value = to_python(value)
        return clean_text(value, multiline=multiline) if isinstance(value, str) else value

    return cleaned_to_python
