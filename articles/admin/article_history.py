"""An article's history in the admin: every saved version (of the article and of its working
copy) numbered in order, what changed between any two, and restoring one as a draft."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from reversion.models import Version

from .. import workflow
from ..models import Article
from ..revisions import ArticleContent, diff_lines


def article_versions(article):
    """Every version of the article and of its working copy, oldest first, each with its
    number (1, 2, ...) as `number` and a label that no other version shares."""
    ids = [str(article.pk)]
    copy = workflow.working_copy_of(article)
    if copy is not None:
        ids.append(str(copy.pk))
    versions = list(
        Version.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id__in=ids
        )
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    for number, version in enumerate(versions, start=1):
        version.number = number
        version.is_published = version.object_id == str(article.pk)
        user = version.revision.user
        who = (user.get_full_name() or user.get_username()) if user else "the system"
        when = dateformat.format(timezone.localtime(version.revision.date_created), "j M Y, H:i")
        version.label = f"#{number} · {who} · {when}"
        comment = version.revision.get_comment()
        if comment:
            version.label += f" · {comment[:60]}"
    return versions


class ArticleHistoryMixin:
    object_history_template = "admin/articles/article/object_history.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/compare-published/",
                view(self.compare_published_view),
                name="{}_{}_compare_published".format(*info),
            ),
            *super().get_urls(),
        ]

    def _history_article(self, request, object_id):
        article = Article.objects.filter(pk=object_id).select_related("draft_of").first()
        if article is None:
            raise Http404("No such article.")
        article = article.published_article
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._history_article(request, object_id)
        if str(article.pk) != str(object_id):
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[article.pk])
            )
        versions = article_versions(article)
        compare_url = reverse("admin:articles_article_compare", args=[article.pk])
        rows = [
            {
                "version": version,
                "url": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
                "restore_url": reverse(
                    "admin:articles_article_restore", args=[article.pk, version.pk]
                ),
                "compare_url": f"{compare_url}?old={older.pk}&new={version.pk}" if older else None,
            }
            for version, older in zip(versions, [None, *versions][: len(versions)], strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{article}”",
            "opts": self.opts,
            "original": article,
            "object": article,
            "rows": list(reversed(rows)),
            "compare_url": compare_url,
            "events": article.events.select_related("actor"),
            "can_restore": workflow.can_edit(request.user),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        """What changed in the article's text between two of its versions."""
        article = self._history_article(request, object_id)
        versions = article_versions(article)
        by_id = {str(version.pk): version for version in versions}
        newest_first = list(reversed(versions))
        new = by_id.get(request.GET.get("new")) or (newest_first[0] if versions else None)
        old = by_id.get(request.GET.get("old")) or (newest_first[1] if len(versions) > 1 else new)
        hunks = []
        if new is not None:
            hunks = diff_lines(
                ArticleContent.of_version(old).lines(), ArticleContent.of_version(new).lines()
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{article}”",
            "opts": self.opts,
            "original": article,
            "versions": newest_first,
            "old": old,
            "new": new,
            "hunks": hunks,
            "can_restore": workflow.can_edit(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def compare_published_view(self, request, object_id):
        """The draft against what readers see now, word by word."""
        article = self._history_article(request, object_id)
        draft = workflow.pending_version(article)
        published = article.publication_state is not None and article.first_published_at
        hunks = []
        if draft is not None and draft.pk != article.pk and published:
            hunks = diff_lines(
                ArticleContent.of_article(article).lines(),
                ArticleContent.of_article(draft).lines(),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes waiting in “{article}”",
            "opts": self.opts,
            "original": article,
            "hunks": hunks,
            "has_draft": draft is not None and draft.pk != article.pk,
        }
        return TemplateResponse(request, "admin/articles/article/compare_published.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One version's text, read-only, with a way to restore it as a draft. (Not the stock
        django-reversion page, which would write the old version straight over the rows.)"""
        article = self._history_article(request, object_id)
        version = next((v for v in article_versions(article) if v.pk == int(version_id)), None)
        if version is None:
            raise Http404("No such version of this article.")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Version {version.number} of “{article}”",
            "opts": self.opts,
            "original": article,
            "version": version,
            "lines": ArticleContent.of_version(version).lines(),
            "restore_url": reverse("admin:articles_article_restore", args=[article.pk, version.pk]),
            "can_restore": workflow.can_edit(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/revision.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._history_article(request, object_id)
        version = next((v for v in article_versions(article) if v.pk == version_id), None)
        if version is None:
            raise Http404("No such version of this article.")
        try:
            workflow.restore_version(article, version, request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                f"Version {version.number} is now the draft. Readers see the published version "
                "until the draft is reviewed and published.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
