from django.contrib.sitemaps import Sitemap

from glossary.models import Term

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class TermSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Term.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, term):
        return term.updated_at


sitemaps = {"articles": ArticleSitemap, "glossary": TermSitemap}
