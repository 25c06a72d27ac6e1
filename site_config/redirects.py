"""Old public addresses kept working, with django.contrib.redirects.

contrib.redirects stores the redirects (editable in the admin under *Redirects*) and answers
them; what it lacks is kept here: chains stay one hop long (A→B→C is stored as A→C and B→C),
a live address never redirects away, only GET and HEAD are redirected, and the query string
is carried over. The apps that own the pages record their renames: articles/redirects.py and
glossary/redirects.py.
"""

from django.conf import settings
from django.contrib.redirects.middleware import (
    RedirectFallbackMiddleware as ContribRedirectFallbackMiddleware,
)
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_save, pre_save


def record_redirect(old_path, new_path):
    """Send old_path to new_path, keeping every chain one hop long and free of loops."""
    if old_path == new_path:
        return
    redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
    # The new address is a live page again: a redirect away from it would be wrong.
    redirects.filter(old_path=new_path).delete()
    redirects.filter(new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
    )


def redirect_renames(model, was_public):
    """Once a save of `model` changes the slug of an object readers could see
    (`was_public(object)` before the save), its old address redirects to its new one.

    pre_save remembers the old public address; post_save (the save went through) records the
    redirect. Raw saves count too: restoring an old revision can change a slug.
    """
    label = model._meta.label

    def remember_public_path(sender, instance, **kwargs):
        previous = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
        moved = previous is not None and previous.slug != instance.slug and was_public(previous)
        instance._redirect_from_path = previous.get_absolute_url() if moved else None

    def redirect_old_public_path(sender, instance, **kwargs):
        old_path = getattr(instance, "_redirect_from_path", None)
        if old_path:
            record_redirect(old_path, instance.get_absolute_url())
            instance._redirect_from_path = None

    pre_save.connect(remember_public_path, sender=model, dispatch_uid=f"redirect-from:{label}")
    post_save.connect(redirect_old_public_path, sender=model, dispatch_uid=f"redirect-to:{label}")
    # The receivers live as long as the model: kept here, not collected by the weak signal refs.
    return remember_public_path, redirect_old_public_path


class RedirectFallbackMiddleware(ContribRedirectFallbackMiddleware):
    """contrib.redirects' fallback for reading requests, keeping the query string.

    Only 404s pay for the lookup, and a live page always wins over an old redirect.
    """

    def process_response(self, request, response):
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if "\x00" in request.path:
            # No recorded address has one, and PostgreSQL refuses NUL in a query: a 500.
            return response
        redirect = Redirect.objects.filter(site_id=settings.SITE_ID, old_path=request.path).first()
        if redirect is None:
            return response
        if not redirect.new_path:
            return self.response_gone_class()
        query = request.META.get("QUERY_STRING", "")
        new_path = f"{redirect.new_path}?{query}" if query else redirect.new_path
        return self.response_redirect_class(new_path)
