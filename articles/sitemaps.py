from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from glossary.models import Term

from .models import Article
from .tags import public_tags


class PageSitemap(Sitemap):
    """The fixed pages readers start from."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "home",
            "articles:list",
            "glossary:index",
            "tags:index",
            "articles:references",
            "about",
            "disclaimer",
        ]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.last_updated


class TermSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Term.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, term):
        return term.updated_at


class TagSitemap(Sitemap):
    """Topic pages, for tags that public articles, published terms or references carry."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return public_tags().only("slug").order_by("slug")

    def location(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})


sitemaps = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "glossary": TermSitemap,
    "tags": TagSitemap,
}
