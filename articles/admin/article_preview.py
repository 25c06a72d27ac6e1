"""Preview in the admin: the article as readers will see it, rendered by the public page's own
code (citations, glossary links, sanitising, banner), at phone and desktop widths.

*Preview* on a saved article shows its draft. *Preview* pressed in the form shows what is
typed there now, saved or not: the form's data is kept in the editor's session and rendered
without saving anything (new figure uploads appear once saved).
"""

import copy

from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .. import workflow
from ..models import Article, Section
from ..rendered_article import render_article_body, safe_body
from ..views import article_page_queryset, render_article_page

PREVIEW_WIDTHS = {"phone": 390, "desktop": 1280}


def session_key(article):
    return f"article-preview:{article.pk}"


class ArticlePreviewMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/preview/page/",
                view(self.preview_page_view),
                name="{}_{}_preview_page".format(*info),
            ),
            *super().get_urls(),
        ]

    def _preview_article(self, request, object_id):
        article = Article.objects.filter(pk=object_id).select_related("draft_of").first()
        if article is None:
            raise Http404("No such article.")
        article = article.published_article
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    @csp_update({"frame-src": [SELF]})
    def preview_view(self, request, object_id):
        """The preview frame at phone or desktop width. A POST (the form's Preview button)
        keeps what was typed for the frame to render."""
        article = self._preview_article(request, object_id)
        unsaved = False
        if request.method == "POST":
            request.session[session_key(article)] = list(request.POST.lists())
            url = reverse("admin:articles_article_preview", args=[article.pk])
            return HttpResponseRedirect(f"{url}?unsaved=1")
        unsaved = request.GET.get("unsaved") == "1" and session_key(article) in request.session
        width = request.GET.get("width")
        if width not in PREVIEW_WIDTHS:
            width = "desktop"
        page_url = reverse("admin:articles_article_preview_page", args=[article.pk])
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview of “{article}”",
            "opts": self.opts,
            "original": article,
            "unsaved": unsaved,
            "width": width,
            "frame_width": PREVIEW_WIDTHS[width],
            "widths": [
                {"name": name, "pixels": pixels, "current": name == width}
                for name, pixels in PREVIEW_WIDTHS.items()
            ],
            "frame_url": f"{page_url}?unsaved=1" if unsaved else page_url,
        }
        response = TemplateResponse(request, "admin/articles/article/preview.html", context)
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    @xframe_options_sameorigin
    @csp_replace({"frame-ancestors": [SELF]})
    def preview_page_view(self, request, object_id):
        """The article page itself, for the preview frame."""
        article = self._preview_article(request, object_id)
        draft = workflow.pending_version(article) or article
        draft = article_page_queryset(Article.objects.all()).get(pk=draft.pk)
        stored = request.session.get(session_key(article))
        if request.GET.get("unsaved") == "1" and stored:
            typed, sections = self.unsaved_version(request, draft, stored)
            body = safe_body(render_article_body(typed, sections))
            return render_article_page(request, typed, is_preview=True, body=body)
        return render_article_page(request, draft, is_preview=True)

    def unsaved_version(self, request, draft, stored):
        """The draft with what was typed in its form applied, in memory: (article, sections).

        The admin's own form and inline formsets read the typed data, so the preview follows
        the same field rules as a save; nothing is written.
        """
        data = QueryDict(mutable=True)
        for name, values in stored:
            data.setlist(name, values)
        typed_request = copy.copy(request)
        typed_request.method = "POST"
        typed_request._post, typed_request._files = data, MultiValueDict()
        form_class = self.get_form(typed_request, draft, change=True)
        form_class.check_stale_save = False  # nothing is saved, so nothing can be lost
        form = form_class(data, instance=draft)
        form.is_valid()  # applies every valid field to form.instance, in memory only
        formsets, _ = self._create_formsets(typed_request, form.instance, change=True)
        sections = []
        for formset in formsets:
            if formset.model is not Section:
                continue
            formset.is_valid()
            for number, section_form in enumerate(formset.forms, start=1):
                if formset.can_delete and formset._should_delete_form(section_form):
                    continue
                if section_form.instance.pk is None and not section_form.has_changed():
                    continue
                section = section_form.instance
                if section.pk is None:
                    section.pk = section.id = -number  # unsaved: an id for this rendering only
                sections.append(section)
        sections.sort(key=lambda section: (section.position, section.id))
        return form.instance, sections
