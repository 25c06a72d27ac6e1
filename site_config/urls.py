from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles import views as article_views
from articles.sitemaps import sitemaps

from . import views

urlpatterns = [
    path("", article_views.home, name="home"),
    path("", include("articles.urls")),
    path("glossary/", include("glossary.urls")),
    path("tags/", include("articles.tag_urls")),
    path("search/", include("articles.search_urls")),
    path("feeds/", include("articles.feed_urls")),
    path("about/", article_views.about, name="about"),
    path("disclaimer/", views.disclaimer, name="disclaimer"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin).
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA or settings.DEBUG:
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# 404: Django's own handler renders templates/404.html with the request context.
handler500 = "site_config.views.server_error"
