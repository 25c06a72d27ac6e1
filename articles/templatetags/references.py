from django import template

from articles.reference_format import format_reference
from articles.retractions import flagged_notices

register = template.Library()


@register.filter
def apa(reference):
    """{{ reference|apa }}: the reference in APA 7 style (see articles.reference_format)."""
    return format_reference(reference)


@register.filter
def retraction_notices(reference):
    """{% for notice in reference|retraction_notices %}: retractions, corrections and
    expressions of concern about the work (prefetch "retractions")."""
    return flagged_notices(reference)
