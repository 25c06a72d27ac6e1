from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from articles.models import Article
from glossary.models import Term

from .models import Redirect

# Slug changes never break links. pre_save remembers the public address an article or a
# published term had before this save; post_save (the save went through) records a redirect
# from it to the new address. Raw saves count too: restoring an old revision can change a slug.


def _public_path_before_save(instance):
    model = type(instance)
    previous = model.objects.filter(pk=instance.pk).first() if instance.pk else None
    if previous is None or previous.slug == instance.slug:
        return None
    was_public = previous.is_public if isinstance(previous, Article) else previous.is_published
    return previous.get_absolute_url() if was_public else None


@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=Term)
def remember_public_path(sender, instance, **kwargs):
    instance._redirect_from_path = _public_path_before_save(instance)


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Term)
def redirect_old_public_path(sender, instance, **kwargs):
    old_path = getattr(instance, "_redirect_from_path", None)
    if old_path:
        Redirect.record(old_path, instance.get_absolute_url())
        instance._redirect_from_path = None
