from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"

    def ready(self):
        from . import redirects  # noqa: F401 (signal receivers)
