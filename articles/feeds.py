"""RSS 2.0 and Atom feeds of public articles: all of them, and one per tag."""

from django.contrib.syndication.views import Feed
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from site_config.models import SiteSettings
from site_config.text import xml_safe

from .models import Article

FEED_ITEMS = 30


def newest_public_articles():
    return (
        Article.objects.public()
        .order_by(Coalesce("publish_at", "created_at").desc(), "-pk")
        .prefetch_related("tags")
    )


def xml_safe_values(values):
    return {
        name: [xml_safe(item) for item in value]
        if name == "categories" and value
        else xml_safe(value)
        for name, value in values.items()
    }


class XmlSafeFeedMixin:
    """Drops what XML cannot carry from every text of the feed: forms clean it on input, but
    one control character stored some other way must not make the feed a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **xml_safe_values(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **xml_safe_values(kwargs))


class XmlSafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


class LatestArticlesFeed(Feed):
    feed_type = XmlSafeRssFeed

    def title(self):
        return f"{SiteSettings.load().site_name}: latest articles"

    def link(self):
        return reverse("articles:list")

    def feed_url(self):
        return reverse("feeds:articles-rss")

    def description(self):
        return SiteSettings.load().tagline or "The latest articles."

    def items(self):
        return newest_public_articles()[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.published_date

    def item_updateddate(self, article):
        return article.last_updated

    def item_author_name(self, article):
        return article.authors or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = XmlSafeAtomFeed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("feeds:articles-atom")


class TagArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.public().filter(tags=tag).exists():
            # Like the tag page: a topic only drafts carry stays unknown.
            raise Http404("No public article has this tag.")
        return tag

    def title(self, tag):
        return f"{SiteSettings.load().site_name}: articles about {tag.name}"

    def link(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})

    def feed_url(self, tag):
        return reverse("feeds:tag-rss", kwargs={"slug": tag.slug})

    def description(self, tag):
        return f"The latest articles about {tag.name}."

    def items(self, tag):
        return newest_public_articles().filter(tags=tag)[:FEED_ITEMS]


class TagArticlesAtomFeed(TagArticlesFeed):
    feed_type = XmlSafeAtomFeed

    def subtitle(self, tag):
        return self.description(tag)

    def feed_url(self, tag):
        return reverse("feeds:tag-atom", kwargs={"slug": tag.slug})
