"""A public article's old address redirects to its new one (site_config/redirects.py).

pre_save remembers the public address the article had before this save; post_save (the save
went through) records a redirect from it. Raw saves count too: restoring an old revision can
change a slug. Drafts and scheduled articles were never public: their renames leave nothing.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from site_config.redirects import record_redirect

from .models import Article


@receiver(pre_save, sender=Article)
def remember_public_path(sender, instance, **kwargs):
    previous = Article.objects.filter(pk=instance.pk).first() if instance.pk else None
    moved = previous is not None and previous.slug != instance.slug and previous.is_public
    instance._redirect_from_path = previous.get_absolute_url() if moved else None


@receiver(post_save, sender=Article)
def redirect_old_public_path(sender, instance, **kwargs):
    old_path = getattr(instance, "_redirect_from_path", None)
    if old_path:
        record_redirect(old_path, instance.get_absolute_url())
        instance._redirect_from_path = None
