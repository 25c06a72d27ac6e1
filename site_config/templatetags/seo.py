from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse
from django.utils.safestring import mark_safe

from site_config import seo

register = template.Library()


def rendered_block(context, name):
    """The rendered content of the page's block `name`, as the page itself renders it.

    Lets the head repeat a page's title and description in Open Graph tags without every
    template saying them twice.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.pop(name) if block_context else None
    if block is None:
        return ""
    try:
        # As BlockNode.render does, so {{ block.super }} inside the block still works.
        node = type(block)(block.name, block.nodelist)
        node.context = context
        with context.push(block=node):
            text = node.nodelist.render(context)
    finally:
        block_context.push(name, block)
    return mark_safe(" ".join(text.split()))  # rendered template output: already escaped


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context):
    """Canonical URL, Open Graph tags and feed links for the page being rendered."""
    request = context.get("request")
    if request is None:
        return {}
    match = request.resolver_match
    site_settings = context.get("site_settings")
    return {
        "canonical_url": seo.canonical_url(request),
        "title": rendered_block(context, "title"),
        "description": rendered_block(context, "meta_description"),
        "og_type": "article" if match and match.view_name == "articles:detail" else "website",
        "image": seo.share_image(request, context.get("share_image")),
        "site_name": site_settings.site_name if site_settings else "",
        "rss_url": reverse("feeds:articles-rss"),
        "atom_url": reverse("feeds:articles-atom"),
    }


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, references=()):
    site_name = context["site_settings"].site_name
    data = seo.article_json_ld(
        context["request"], article, references, site_name, context.get("share_image")
    )
    return seo.json_ld_script(data)


@register.simple_tag(takes_context=True)
def term_json_ld(context, term):
    data = seo.term_json_ld(context["request"], term, context["site_settings"].site_name)
    return seo.json_ld_script(data)


@register.simple_tag(takes_context=True)
def glossary_json_ld(context, groups):
    terms = [term for _, terms in groups for term in terms]
    data = seo.glossary_json_ld(context["request"], terms, context["site_settings"].site_name)
    return seo.json_ld_script(data)


@register.simple_tag(takes_context=True)
def tag_json_ld(context, tag, articles, terms):
    data = seo.tag_json_ld(
        context["request"], tag, articles, terms, context["site_settings"].site_name
    )
    return seo.json_ld_script(data)
