from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import derived_data, invalidation, redirects  # noqa: F401 (signal receivers)
