"""Stored figure images are deleted when nothing can show them any more.

One image file can be named by several rows: a working copy's figures share the published
article's files (articles.workflow), and saved versions (django-reversion) name them so that
an old version can be restored. So when a figure row is deleted, on its own or with its
section or article, its file is deleted from storage once the transaction commits, and only
if no figure and no saved version still names it. The same code serves the local disk and
object storage: it goes through the storage API, never a file path.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from reversion.models import Version

from .models import Figure


def image_is_still_named(name):
    if Figure.objects.filter(image=name).exists():
        return True
    return Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Figure),
        serialized_data__contains=f'"{name}"',
    ).exists()


def delete_image_if_unused(storage, name):
    if not image_is_still_named(name):
        storage.delete(name)


@receiver(post_delete, sender=Figure)
def figure_deleted(sender, instance, **kwargs):
    if instance.image:
        storage, name = instance.image.storage, instance.image.name
        transaction.on_commit(lambda: delete_image_if_unused(storage, name))
