from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("articles/rss/", feeds.LatestArticlesFeed(), name="articles-rss"),
    path("articles/atom/", feeds.LatestArticlesAtomFeed(), name="articles-atom"),
    path("tags/<slug:slug>/rss/", feeds.TagArticlesFeed(), name="tag-rss"),
    path("tags/<slug:slug>/atom/", feeds.TagArticlesAtomFeed(), name="tag-atom"),
]
