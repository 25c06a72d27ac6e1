"""What search engines and link previews read: canonical URLs, preview images and
schema.org JSON-LD.

The head of every page gets its canonical URL, Open Graph and Twitter card tags from
site_config/templatetags/seo.py, with a preview image: an article's first figure, or the
site's card (static/img/share-card.png). Article, term, glossary and tag pages add JSON-LD
built here.
"""

import json
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .text import xml_safe

# Query parameters that choose what a page shows; everything else (tracking tags, typos)
# is left out of the canonical URL.
CANONICAL_PARAMETERS = ["q", "kind", "tag", "page", "terms_page", "references_page"]

# As django.utils.html.json_script: a JSON string can never close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

REFERENCE_TYPES = {
    "journal": "ScholarlyArticle",
    "book": "Book",
    "chapter": "Chapter",
    "guideline": "CreativeWork",
    "web": "WebPage",
}


# The site's own preview card, for pages without a figure of their own.
DEFAULT_SHARE_IMAGE = {
    "path": "img/share-card.png",
    "width": 1200,
    "height": 630,
    "alt": "The Health Library mark: a white cross on a teal square.",
}
# Twitter shows at most this much alt text for a preview image.
SHARE_IMAGE_ALT_LENGTH = 420


def share_image(request, image=None):
    """The preview image of a page, with an absolute URL: `image` (a dict with url, width,
    height, alt; an article's first figure) or the site's card."""
    if image:
        url = image["url"]
    else:
        image = DEFAULT_SHARE_IMAGE
        url = static(image["path"])
    alt = " ".join(image.get("alt", "").split())
    if len(alt) > SHARE_IMAGE_ALT_LENGTH:
        alt = alt[: SHARE_IMAGE_ALT_LENGTH - 1].rstrip() + "…"
    return {
        "url": request.build_absolute_uri(url),
        "width": image.get("width"),
        "height": image.get("height"),
        "alt": alt,
    }


def canonical_url(request):
    params = []
    for name in CANONICAL_PARAMETERS:
        for value in sorted(set(request.GET.getlist(name))):
            if name.endswith("page") and not (value.isdigit() and int(value) > 1):
                continue
            if value:
                params.append((name, value))
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(params)}" if params else url


def json_ld_script(data):
    """A <script type="application/ld+json"> element: data, never run (so CSP allows it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        # json.dumps escapes C0 controls itself; C1 controls (stored before forms cleaned
        # them) it leaves as they are.
        mark_safe(xml_safe(text).translate(JSON_SCRIPT_ESCAPES)),
    )


def person_list(names):
    return [{"@type": "Person", "name": name} for name in names if name]


def article_json_ld(request, article, references, site_name, image=None):
    """schema.org MedicalWebPage for an article page.

    `references` is the page's reference list: references, or (reference, backlinks) pairs;
    `image` the article's first figure (url, width, height, alt), if it has one.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    home = request.build_absolute_uri(reverse("home"))
    tags = sorted(article.tags.all(), key=lambda tag: tag.name.lower())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "datePublished": article.published_date,
        "dateModified": article.last_updated,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": home},
        "publisher": {"@type": "Organization", "name": site_name, "url": home},
    }
    authors = person_list(name.strip() for name in article.authors.split(","))
    if authors:
        data["author"] = authors
    if article.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    if article.reviewed_at:
        data["lastReviewed"] = article.reviewed_at
    if image:
        data["image"] = request.build_absolute_uri(image["url"])
    if tags:
        data["keywords"] = ", ".join(tag.name for tag in tags)
        data["about"] = [
            {
                "@type": "Thing",
                "name": tag.name,
                "url": request.build_absolute_uri(
                    reverse("tags:detail", kwargs={"slug": tag.slug})
                ),
            }
            for tag in tags
        ]
    citations = [
        reference_json_ld(item[0] if isinstance(item, tuple) else item) for item in references
    ]
    if citations:
        data["citation"] = citations
    return data


def reference_json_ld(reference):
    """A cited source, as printed: identifiers only when the reference has them."""
    data = {"@type": REFERENCE_TYPES.get(reference.kind, "CreativeWork"), "name": reference.title}
    authors = [name for name in reference.author_list if name.rstrip(".").lower() != "et al"]
    if authors:
        data["author"] = person_list(authors)
    if reference.year:
        data["datePublished"] = str(reference.year)
    if reference.container:
        if reference.kind == "journal":
            data["isPartOf"] = {"@type": "Periodical", "name": reference.container}
        elif reference.kind == "chapter":
            data["isPartOf"] = {"@type": "Book", "name": reference.container}
    if reference.pages and reference.kind in ("journal", "chapter"):
        data["pagination"] = reference.pages
    if reference.publisher:
        data["publisher"] = {"@type": "Organization", "name": reference.publisher}
    if reference.edition and reference.kind == "book":
        data["bookEdition"] = reference.edition
    identifiers = []
    if reference.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi})
        data["sameAs"] = f"https://doi.org/{reference.doi}"
    if reference.pmid:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "PMID", "value": reference.pmid}
        )
    if identifiers:
        data["identifier"] = identifiers
    if reference.url:
        data["url"] = reference.url
    return data


def term_json_ld(request, term, site_name):
    """schema.org DefinedTerm for a glossary term page."""
    url = request.build_absolute_uri(term.get_absolute_url())
    glossary = request.build_absolute_uri(reverse("glossary:index"))
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "name": term.name,
        "description": term.short_definition,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": glossary,
            "name": f"{site_name} glossary",
            "url": glossary,
        },
    }
    if term.alias_list:
        data["alternateName"] = term.alias_list
    return data


def glossary_json_ld(request, terms, site_name):
    """schema.org DefinedTermSet for the glossary index: every published term on it.

    Its @id and name are the ones each term page names in `inDefinedTermSet`.
    """
    glossary = request.build_absolute_uri(reverse("glossary:index"))
    defined_terms = []
    for term in terms:
        url = request.build_absolute_uri(term.get_absolute_url())
        defined_term = {
            "@type": "DefinedTerm",
            "@id": url,
            "url": url,
            "name": term.name,
            "description": term.short_definition,
        }
        if term.alias_list:
            defined_term["alternateName"] = term.alias_list
        defined_terms.append(defined_term)
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": glossary,
        "url": glossary,
        "name": f"{site_name} glossary",
        "description": f"Plain-language definitions of the medical terms used on {site_name}.",
        "inLanguage": "en",
        "hasDefinedTerm": defined_terms,
    }


def tag_json_ld(request, tag, articles, terms, site_name):
    """schema.org CollectionPage for a tag page: the articles and glossary terms it lists
    (this page of them), in the order shown."""
    url = request.build_absolute_uri(reverse("tags:detail", kwargs={"slug": tag.slug}))
    home = request.build_absolute_uri(reverse("home"))
    items = [(article.title, article.get_absolute_url()) for article in articles]
    items += [(term.name, term.get_absolute_url()) for term in terms]
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": f"{tag.name} · Topics · {site_name}",
        "about": {"@type": "Thing", "name": tag.name},
        "inLanguage": "en",
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": home},
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "url": request.build_absolute_uri(path),
                }
                for position, (name, path) in enumerate(items, start=1)
            ],
        },
    }
