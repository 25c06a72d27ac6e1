from django.conf import settings

from .models import SiteSettings


def site(request):
    return {
        "site_settings": SiteSettings.load(),
        "debug": settings.DEBUG,
    }
