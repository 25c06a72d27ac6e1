from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.template import loader

# The policy headers as built from settings; emptied when those settings change (tests).
_site_wide_csp = {}


@receiver(setting_changed)
def forget_site_wide_csp(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_wide_csp.clear()


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once per settings.

    Unless a view customises it (csp_update, csp_replace, csp_exempt, a nonce), the policy
    depends on settings only, and building it for every response was about a quarter of
    the cost of a page served from the page cache. Customised responses go django-csp's way.
    """

    RESPONSE_OVERRIDES = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )

    def process_response(self, request, response):
        enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or "EXCLUDE_URL_PREFIXES" in enforced
            or "EXCLUDE_URL_PREFIXES" in report_only
            or any(getattr(response, name, None) is not None for name in self.RESPONSE_OVERRIDES)
        ):
            return super().process_response(request, response)
        if not _site_wide_csp:
            _site_wide_csp[HEADER] = build_policy()
            _site_wide_csp[HEADER_REPORT_ONLY] = build_policy(report_only=True)
        for header, policy in _site_wide_csp.items():
            if policy and header not in response:
                response[header] = policy
        # As django-csp does: a nonce asked for after this point could not be in the header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequestLimitsMiddleware:
    """Requests no page can answer, turned away with the site's own page and headers.

    - An address longer than MAX_URL_LENGTH: 414. Gunicorn refuses request lines over its
      limit_request_line (site_config/gunicorn.conf.py, above this one) with a bare page.
    - NUL in the query of an admin page (a changelist filter, a picker's search): removed.
      PostgreSQL refuses NUL in any query, so a filter on it was a 500. Public pages
      handle it themselves (tests/test_errors.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.get_full_path()) > settings.MAX_URL_LENGTH:
            return HttpResponse(loader.render_to_string("414.html"), status=414)
        if request.path.startswith("/admin/") and "%00" in request.GET.urlencode():
            without_nul = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                values = [value.replace("\x00", "") for value in values]
                without_nul.setlist(name.replace("\x00", ""), values)
            without_nul._mutable = False
            request.GET = without_nul
        return self.get_response(request)
