"""A published term's old address redirects to its new one (site_config/redirects.py).

As for articles (articles/redirects.py): pre_save remembers the published address, post_save
records the redirect once the save went through. Unpublished terms leave nothing.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from site_config.redirects import record_redirect

from .models import Term


@receiver(pre_save, sender=Term)
def remember_public_path(sender, instance, **kwargs):
    previous = Term.objects.filter(pk=instance.pk).first() if instance.pk else None
    moved = previous is not None and previous.slug != instance.slug and previous.is_published
    instance._redirect_from_path = previous.get_absolute_url() if moved else None


@receiver(post_save, sender=Term)
def redirect_old_public_path(sender, instance, **kwargs):
    old_path = getattr(instance, "_redirect_from_path", None)
    if old_path:
        record_redirect(old_path, instance.get_absolute_url())
        instance._redirect_from_path = None
