from django import template

from articles.reference_format import format_reference

register = template.Library()


@register.filter
def apa(reference):
    """{{ reference|apa }}: the reference in APA 7 style (see articles.reference_format)."""
    return format_reference(reference)
