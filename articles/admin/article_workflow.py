"""Review and publishing in the admin: the state of an article in words, the panel on its
form, the review decisions, the publish page and the bulk actions. Each one calls
articles/workflow.py, which checks who may do it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html

from .. import workflow
from ..forms import LocalDateTimeField, local_time_label
from ..models import Article, PublicationState, WorkflowEvent, WorkflowState


def state_label(article):
    """Where an article stands, in words: what readers get, and what waits for them."""
    state = article.publication_state
    draft = getattr(article, "working_copy", None) if not article.is_working_copy else None
    if state == PublicationState.DRAFT:
        return article.get_workflow_state_display()
    if state == PublicationState.SCHEDULED:
        label = f"Scheduled for {local_time_label(article.publish_at)}"
    elif state == PublicationState.PUBLISHED:
        label = "Published"
    else:
        label = "Unpublished"
    pending = draft or (article if state == PublicationState.UNPUBLISHED else None)
    if pending is None:
        return label
    waiting = pending.edited_at is not None or pending.workflow_state != WorkflowState.DRAFT
    if draft is not None and draft.status == Article.Status.PUBLISHED:
        return f"{label}, changes scheduled for {local_time_label(draft.publish_at)}"
    if not waiting:
        return label
    if pending.workflow_state == WorkflowState.DRAFT:
        return f"{label}, changes waiting" if draft is not None else label
    return f"{label}, changes waiting: {pending.get_workflow_state_display().lower()}"


class PublishForm(forms.Form):
    public_note = forms.CharField(
        label="What changed (shown to readers)",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Optional, one sentence, e.g. “Updated the dose table after the 2026 "
        "guideline.” Readers see it under “What changed”.",
    )
    no_clinical_change = forms.BooleanField(
        label="No clinical content changed",
        required=False,
        help_text="Only for changes such as a typo or a broken link: publishes without a "
        "medical review and keeps the date of the last review.",
    )
    when = forms.ChoiceField(
        label="When",
        choices=[("now", "Publish now"), ("later", "Schedule for a later time")],
        initial="now",
        widget=forms.RadioSelect,
    )
    publish_at = LocalDateTimeField(label="If scheduled: publish at", required=False)
    unpublish_at = LocalDateTimeField(
        label="Take it down at",
        required=False,
        help_text="Optional: the article leaves every public place at this time (an offer "
        "that ends, guidance replaced on a known date).",
    )
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later" and not cleaned.get("publish_at"):
            self.add_error("publish_at", "Choose the date and time to publish.")
        unpublish_at = cleaned.get("unpublish_at")
        goes_public = cleaned.get("publish_at") if cleaned.get("when") == "later" else None
        if unpublish_at and unpublish_at <= (goes_public or timezone.now()):
            self.add_error(
                "unpublish_at",
                "Choose a time after the article goes public, or leave this empty.",
            )
        return cleaned


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the editor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Required when you ask for changes.",
    )


CONFIRMED_STEPS = {
    "discard": "Discard the changes to “{article}”?",
    "unpublish": "Unpublish “{article}”?",
}


class ArticleWorkflowMixin:
    actions = ["publish_now", "unpublish", "schedule"]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/workflow/<str:step>/",
                view(self.workflow_step_view),
                name="{}_{}_workflow".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_publish_permission(self, request, obj=None):
        return workflow.can_publish(request.user)

    def has_review_permission(self, request, obj=None):
        return workflow.can_review(request.user)

    def workflow_context(self, request, article, draft):
        """What the article's form shows above the fields: its state, the last reviewer's
        comment, and the steps this user may take now."""
        user = request.user
        state = draft.workflow_state
        is_copy = draft.is_working_copy
        changes = is_copy and (draft.edited_at is not None or state != WorkflowState.DRAFT)
        return {
            "article": article,
            "draft": draft,
            "state_label": state_label(article),
            "is_working_copy": is_copy,
            "has_changes": changes,
            "review_comment": workflow.latest_review_comment(article),
            "approval": workflow.current_approval(article) if state == "approved" else None,
            "can_submit": workflow.can_edit(user)
            and state in (WorkflowState.DRAFT, WorkflowState.CHANGES_REQUESTED),
            "can_review": workflow.can_review(user) and state == WorkflowState.IN_REVIEW,
            "is_own_draft": workflow.is_author_of(user, draft),
            "can_publish": workflow.can_publish(user),
            "can_discard": is_copy and changes and workflow.can_edit(user),
            "can_unpublish": workflow.can_publish(user)
            and article.publication_state
            in (PublicationState.PUBLISHED, PublicationState.SCHEDULED),
            "review_form": ReviewForm(),
            "events": article.events.select_related("actor")[:8],
        }

    def submit_after_save(self, request, obj):
        article = obj.published_article
        try:
            workflow.submit_for_review(article, request.user)
        except (workflow.WorkflowError, PermissionDenied) as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                "Saved and sent for medical review. Reviewers see it on their admin home page.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _article(self, request, object_id):
        article = Article.objects.articles().filter(pk=object_id).first()
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def workflow_step_view(self, request, object_id, step):
        """One review or publishing step, posted from the article's form. The steps that
        undo work (discard, unpublish) first ask for confirmation."""
        article = self._article(request, object_id)
        if request.method == "GET" and step in CONFIRMED_STEPS:
            context = {
                **self.admin_site.each_context(request),
                "title": CONFIRMED_STEPS[step].format(article=article),
                "opts": self.opts,
                "original": article,
                "article": article,
                "step": step,
            }
            return TemplateResponse(request, "admin/articles/article/confirm_step.html", context)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = request.POST.get("comment", "")
        steps = {
            "submit": (workflow.submit_for_review, "Sent for medical review."),
            "approve": (workflow.approve, "Approved. A publisher can now publish it."),
            "request_changes": (
                workflow.request_changes,
                "Changes requested: the editor sees your comment on the article.",
            ),
            "unpublish": (workflow.unpublish, "Unpublished: readers no longer see the article."),
            "discard": (None, "The changes were discarded: the draft is the published text."),
        }
        if step not in steps:
            raise Http404("No such step.")
        action, done = steps[step]
        try:
            if step == "discard":
                workflow.discard_changes(article, request.user)
            else:
                action(article, request.user, comment)
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        except PermissionDenied as error:
            self.message_user(request, str(error) or "You may not take this step.", messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def publish_view(self, request, object_id):
        """Publish or schedule the text waiting, with a note for readers."""
        article = self._article(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        draft = workflow.pending_version(article)
        approval = workflow.current_approval(article)
        initial = {"seen_version": draft.updated_at.isoformat() if draft else ""}
        form = PublishForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                event = workflow.publish(
                    article,
                    request.user,
                    note=data["public_note"],
                    no_clinical_change=data["no_clinical_change"],
                    at=data["publish_at"] if data["when"] == "later" else None,
                    seen_version=data["seen_version"] or None,
                    unpublish_at=data["unpublish_at"],
                )
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                article.refresh_from_db()
                if event.kind == WorkflowEvent.Kind.SCHEDULED:
                    message = (
                        f"Scheduled: readers get these changes on "
                        f"{local_time_label(data['publish_at'])}."
                    )
                else:
                    message = format_html(
                        'Published: readers see it now at <a href="{}">{}</a>',
                        article.get_absolute_url(),
                        article.get_absolute_url(),
                    )
                if article.unpublish_at:
                    message = format_html(
                        "{} It leaves public places on {}.",
                        message,
                        local_time_label(article.unpublish_at),
                    )
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Publish “{article}”",
            "opts": self.opts,
            "original": article,
            "article": article,
            "draft": draft,
            "approval": approval,
            "state_label": state_label(article),
            "form": form,
            "is_working_copy": draft is not None and draft.is_working_copy,
        }
        return TemplateResponse(request, "admin/articles/article/publish.html", context)

    # Bulk actions: only for users with the publish permission (has_publish_permission).

    def _bulk(self, request, queryset, step, done_word):
        done, refused = [], []
        for article in queryset.filter(draft_of__isnull=True):
            try:
                step(article)
            except (workflow.WorkflowError, PermissionDenied) as error:
                refused.append(f"“{article}” ({error})")
            else:
                done.append(article)
        if done:
            self.message_user(request, f"{done_word} {len(done)} article(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, "Not changed: " + "; ".join(refused), messages.WARNING)

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._bulk(
            request, queryset, lambda article: workflow.publish(article, request.user), "Published"
        )

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._bulk(
            request,
            queryset,
            lambda article: workflow.unpublish(article, request.user),
            "Unpublished",
        )

    @admin.action(description="Schedule…", permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            publish_at = form.cleaned_data["publish_at"]
            self._bulk(
                request,
                queryset,
                lambda article: workflow.publish(article, request.user, at=publish_at),
                f"Scheduled for {local_time_label(publish_at)}:",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Schedule articles",
            "opts": self.opts,
            "form": form,
            "articles": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/schedule.html", context)


class ScheduleForm(forms.Form):
    """The time for the "Schedule…" bulk action in the article list."""

    publish_at = LocalDateTimeField(
        label="Publish at",
        help_text="The selected articles go public at this time. Each needs an approval by a "
        "medical reviewer first.",
    )

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise forms.ValidationError(
                "Choose a time in the future. To publish at once, use “Publish now”."
            )
        return publish_at


def event_label(event):
    when = dateformat.format(timezone.localtime(event.created_at), "j M Y, H:i")
    return f"{event.get_kind_display()} · {when}"
