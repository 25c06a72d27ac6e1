from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def url_with_page(context, parameter, number):
    """This page's query string with one page parameter changed, the others kept."""
    params = context["request"].GET.copy()
    if int(number) > 1:
        params[parameter] = number
    else:
        params.pop(parameter, None)
    return "?" + params.urlencode() if params else "?"
