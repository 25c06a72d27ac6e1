from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import caching
from .models import SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
def site_settings_changed(sender, **kwargs):
    # The banner and site name are on every page.
    caching.bump(caching.CONTENT)
