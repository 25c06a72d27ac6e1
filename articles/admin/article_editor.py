"""What the article form's script asks the server (static/js/admin/article-editor.js): the
reference, term and tag pickers, the live preview of a section, and the autosaved copy of
what an editor is typing. Also restoring that copy, and choosing per section after a
conflict with another editor's save.

Every answer is for signed-in staff with the right permission, as JSON or a redirect.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, Value, When
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from taggit.models import Tag

from glossary.models import Term

from ..forms import local_time_label
from ..models import SECTION_BODY_MAX_LENGTH, Article, Autosave, Reference

PICKER_RESULTS = 12
AUTOSAVE_SKIPPED = {"csrfmiddlewaretoken"}


def picker_words(request):
    return request.GET.get("q", "").replace("\x00", "").split()[:6]


class ArticleEditorMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "picker/references/",
                view(self.reference_picker_view),
                name="{}_{}_reference_picker".format(*info),
            ),
            path(
                "picker/terms/", view(self.term_picker_view), name="{}_{}_term_picker".format(*info)
            ),
            path("picker/tags/", view(self.tag_picker_view), name="{}_{}_tag_picker".format(*info)),
            path(
                "section-preview/",
                view(self.section_preview_view),
                name="{}_{}_section_preview".format(*info),
            ),
            path(
                "<path:object_id>/autosave/",
                view(self.autosave_view),
                name="{}_{}_autosave".format(*info),
            ),
            *super().get_urls(),
        ]

    # Pickers.

    def reference_picker_view(self, request):
        """References whose key, authors, title or year contain every word typed."""
        if not request.user.has_perm("articles.view_reference"):
            raise PermissionDenied
        references = Reference.objects.all()
        for word in picker_words(request):
            condition = (
                Q(key__icontains=word) | Q(authors__icontains=word) | Q(title__icontains=word)
            )
            if word.isdigit():
                condition |= Q(year=int(word))
            references = references.filter(condition)
        results = [
            {
                "key": reference.key,
                "label": f"{reference.authors_display or '—'} ({reference.year or 'n.d.'}). "
                f"{reference.title}",
                "citation": f"[@{reference.key}]",
            }
            for reference in references.order_by("-year", "key")[:PICKER_RESULTS]
        ]
        return JsonResponse({"results": results})

    def term_picker_view(self, request):
        """Glossary terms whose name or aliases contain what was typed, or the terms with the
        given ids (`?ids=1,2`: those a section links now)."""
        if not request.user.has_perm("glossary.view_term"):
            raise PermissionDenied
        terms = Term.objects.all()
        ids = [part for part in request.GET.get("ids", "").split(",") if part.isdigit()]
        if ids:
            terms = terms.filter(pk__in=ids[:100])
        for word in picker_words(request):
            terms = terms.filter(Q(name__icontains=word) | Q(aliases__icontains=word))
        results = [
            {
                "id": term.pk,
                "name": term.name,
                "aliases": term.alias_list,
                "definition": term.short_definition,
                "published": term.is_published,
                "url": reverse("admin:glossary_term_change", args=[term.pk]),
            }
            for term in terms.order_by("name")[: PICKER_RESULTS * (3 if ids else 1)]
        ]
        return JsonResponse({"results": results})

    def tag_picker_view(self, request):
        """Existing tags starting with (or containing) what was typed, most used first."""
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        text = " ".join(picker_words(request))
        tags = Tag.objects.annotate(uses=Count("taggit_taggeditem_items"))
        if text:
            starts = Case(When(name__istartswith=text, then=Value(0)), default=Value(1))
            # Names that start with the text first.
            tags = tags.filter(name__icontains=text).order_by(starts, "-uses", "name")
        else:
            tags = tags.order_by("-uses", "name")
        return JsonResponse({"results": [{"name": tag.name} for tag in tags[:PICKER_RESULTS]]})

    # Live preview of one section.

    def section_preview_view(self, request):
        """One section's text as readers will see it, with what the checks found."""
        from ..rendered_article import preview_section

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        data = request.POST
        limit = SECTION_BODY_MAX_LENGTH
        if len(data.get("body", "")) > limit:
            return JsonResponse(
                {
                    "html": "",
                    "term_ids": [],
                    "problems": [
                        f"This text is {len(data['body'])} characters long; a section can hold "
                        f"at most {limit}. Split it into two sections to see it here."
                    ],
                }
            )
        return JsonResponse(
            preview_section(
                heading=data.get("heading", "")[:200],
                body=data.get("body", ""),
                takeaway=data.get("takeaway", ""),
                level=data.get("level", ""),
            )
        )

    # Autosave.

    def autosave_view(self, request, object_id):
        """POST: keep what is typed in the form. POST with `discard`: drop it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = Article.objects.articles().filter(pk=object_id).first()
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if "discard" in request.POST:
            Autosave.objects.filter(article=article, user=request.user).delete()
            self.message_user(request, "What you had typed was discarded.", messages.INFO)
            return HttpResponseRedirect(self.article_url(article))
        data = [
            [name, values]
            for name, values in request.POST.lists()
            if name not in AUTOSAVE_SKIPPED and "__prefix__" not in name
        ]
        autosave, _ = Autosave.objects.update_or_create(
            article=article, user=request.user, defaults={"data": data}
        )
        return JsonResponse(
            {
                "saved_at": autosave.saved_at.isoformat(),
                "message": f"A copy of what you typed was kept at "
                f"{timezone.localtime(autosave.saved_at):%H:%M}.",
            }
        )

    def autosave_for(self, request, article):
        return Autosave.objects.filter(article=article, user=request.user).first()

    def restored_request(self, request, autosave):
        """The request as if the kept form had been posted again, for the form to show it
        (the form then refuses to save, with a notice, until the editor saves it)."""
        restored = copy.copy(request)
        restored.method = "POST"
        data = QueryDict(mutable=True)
        for name, values in autosave.data:
            data.setlist(name, values)
        restored._post, restored._files = data, MultiValueDict()
        restored.GET = QueryDict()
        # Showing a form changes nothing: there is no form post to protect.
        restored.csrf_processing_done = True
        restored.restoring_autosave = autosave
        return restored

    def autosave_context(self, request, article, draft):
        autosave = self.autosave_for(request, article)
        if autosave is None:
            return {}
        return {
            "autosave": autosave,
            "autosave_label": local_time_label(autosave.saved_at),
            "autosave_is_older": autosave.saved_at < draft.updated_at,
        }
