from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import (  # noqa: F401 (signal receivers)
            derived_data,
            figure_files,
            invalidation,
            redirects,
            renditions,
        )
