"""How a change reaches readers, and who may make each step. Every path goes through here:
the article form, the review and publish pages, the bulk actions, restoring a revision, the
scheduled publisher and hand-made POSTs alike.

**Drafts of published articles: a working copy.** An article readers can see (or will see,
when it is scheduled) is never edited in place. The admin edits its *working copy*: a second
Article row with `draft_of` pointing at it, holding the whole article (fields, sections,
figures, reference list, tags). `ArticleQuerySet.public()` never returns a working copy, so
every public path (pages, lists, tags and their counts, feeds, sitemap, search, a term's
"used in", JSON-LD, the page cache) keeps showing the published row until a publisher
publishes: then the copy's content is copied onto the published row in one transaction (its
id and address stay; a revision is recorded) and the copy goes on as the next draft.

Why a row and not revisions stored as data (as Wagtail keeps drafts): the Django admin, its
inlines and validation, the citation and glossary rules and the page renderer all work on
rows. A working copy is edited, validated, previewed and rendered by exactly the code that
serves readers, with nothing translated to and from a serialised form; the public rule
stays one filter. The cost is a second row per published article, created the first time
someone opens it to edit, and a copy step on publish.

An article that has never been published (or was unpublished) has no readers to protect, so
it is edited directly, and publishing it just makes it public.

**Review.** The text being edited (`pending_version`) has a WorkflowState: Draft, In review,
Changes requested, Approved. An editor submits it; a medical reviewer approves it or asks
for changes with a comment. Whoever changed the text since it was last published cannot
approve it. Saving changes to an approved text sends it back to Draft. A publisher publishes
an approved text now or at a given time, or publishes a change marked *no clinical content
changed* without a review. Publishing after an approval sets "Medically reviewed by ... on
..." from that approval; publishing without one never moves it.

**Scheduling.** An article never published is scheduled as before: status published with a
future `publish_at`, public from then by the query alone. A working copy scheduled to
replace its article is applied by `publish_due_drafts`, which the request that first comes
after its time runs (articles.middleware), so no cron job is needed; `manage.py
publish_scheduled` does the same for operators.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone
from reversion.models import Version

from site_config import cache_keys

from .derived_data import once_per_article
from .models import (
    Article,
    ArticleReference,
    PublicationState,
    ReviewerProfile,
    WorkflowEvent,
    WorkflowState,
)
from .publication_checks import publication_blockers
from .roles import PUBLISH_PERMISSION, REVIEW_PERMISSION
from .term_usage import set_article_terms

# What an article says (copied between an article and its working copy). Everything else on
# the row is its publishing and review bookkeeping.
CONTENT_FIELDS = ["title", "slug", "summary", "authors", "disclaimer_note"]
REVIEW_FIELDS = ["reviewed_by", "reviewed_at"]


class WorkflowError(Exception):
    """A step that cannot be taken now; the message is a plain sentence for editors."""


# Who may do what -----------------------------------------------------------------------


def can_edit(user):
    return user.has_perm("articles.change_article")


def can_review(user):
    return user.has_perm(REVIEW_PERMISSION)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def is_author_of(user, draft):
    """Whether the user changed this text since it was last published."""
    return draft.draft_authors.filter(pk=user.pk).exists()


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


# The text being edited -----------------------------------------------------------------


def working_copy_of(article):
    """The article's working copy, or None."""
    return Article.objects.filter(draft_of=article).first()


def pending_version(article, create=False):
    """The row editors change for this article: its working copy if it has one; the article
    itself while readers cannot see it or get it on schedule; otherwise (with `create`) a new
    working copy."""
    copy = working_copy_of(article)
    if copy is not None and create and is_stale(copy, article):
        with transaction.atomic(), once_per_article():
            copy_content(article, copy, fields=(*CONTENT_FIELDS, *REVIEW_FIELDS))
    if copy is not None or article.status == Article.Status.DRAFT:
        return copy or article
    return start_working_copy(article) if create else None


def is_stale(copy, article):
    """A copy nobody has touched, of an article changed since (by an import, a reload of
    the demo content, a script): it should say what the article says now."""
    untouched = (
        copy.edited_at is None
        and copy.workflow_state == WorkflowState.DRAFT
        and copy.status == Article.Status.DRAFT
    )
    return untouched and article.updated_at > copy.updated_at


def start_working_copy(article):
    """A working copy holding everything the article says now."""
    with transaction.atomic(), once_per_article():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        existing = working_copy_of(locked)
        if existing is not None:
            return existing
        copy = Article(draft_of=locked, status=Article.Status.DRAFT, created_by=None)
        for name in [*CONTENT_FIELDS, *REVIEW_FIELDS]:
            setattr(copy, name, getattr(locked, name))
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError:  # another request made one meanwhile
            return working_copy_of(locked)
        copy_content(locked, copy)
        set_article_terms(copy.pk, locked.terms.values_list("pk", flat=True))
    return copy


def copy_content(source, target, fields=(*CONTENT_FIELDS,)):
    """Make `target` say what `source` says: fields, sections with their figures, the
    reference list and tags. Figures share their stored image files."""
    for name in fields:
        setattr(target, name, getattr(source, name))
    target.save()
    target.sections.all().delete()
    target.article_references.all().delete()
    for section in source.sections.prefetch_related("figures").order_by("position", "id"):
        figures = list(section.figures.all())
        section.pk = section.id = None
        section.article = target
        section._state.adding = True
        section.save()
        for figure in figures:
            figure.pk = figure.id = None
            figure.section = section
            figure._state.adding = True
            figure.save()
    ArticleReference.objects.bulk_create(
        ArticleReference(article=target, reference_id=item.reference_id, position=item.position)
        for item in source.article_references.all()
    )
    target.tags.set(list(source.tags.all()))


def record_edit(draft, user, changed):
    """Bookkeeping after someone saved the text: who and when. An approval no longer covers
    text changed after it, and a working copy scheduled to replace its article is no longer
    scheduled (what was scheduled is not what it says now). Returns what was undone, in
    words, or "" if nothing was."""
    if not changed:
        return ""
    undone = []
    draft.edited_at = timezone.now()
    draft.updated_by = user
    if draft.workflow_state == WorkflowState.APPROVED:
        draft.workflow_state = WorkflowState.DRAFT
        undone.append("the medical reviewer's approval (the text changed after it)")
    fields = {"edited_at": draft.edited_at, "updated_by": user}
    if draft.is_working_copy and draft.status == Article.Status.PUBLISHED:
        draft.status, draft.publish_at = Article.Status.DRAFT, None
        fields.update(status=draft.status, publish_at=None)
        undone.append("its scheduled publication")
    Article.objects.filter(pk=draft.pk).update(workflow_state=draft.workflow_state, **fields)
    draft.draft_authors.add(user)
    return " and ".join(undone)


# Review ----------------------------------------------------------------------------------


def submit_for_review(article, user, comment=""):
    _require(can_edit(user), "Only editors can send an article for medical review.")
    draft = pending_version(article, create=True)
    if draft.workflow_state == WorkflowState.IN_REVIEW:
        raise WorkflowError("This article is already waiting for a medical reviewer.")
    if draft.workflow_state == WorkflowState.APPROVED:
        raise WorkflowError("This text is already approved: a publisher can publish it.")
    return _move(
        article, draft, WorkflowState.IN_REVIEW, WorkflowEvent.Kind.SUBMITTED, user, comment
    )


def approve(article, user, comment=""):
    _require(can_review(user), "Only a medical reviewer can approve an article.")
    draft = pending_version(article)
    if draft is None or draft.workflow_state != WorkflowState.IN_REVIEW:
        raise WorkflowError("This article is not waiting for a review.")
    if is_author_of(user, draft):
        raise WorkflowError(
            "You changed this text yourself, so another medical reviewer must approve it."
        )
    event = _move(
        article, draft, WorkflowState.APPROVED, WorkflowEvent.Kind.APPROVED, user, comment
    )
    event.reviewer_name = reviewer_name(user)
    event.save(update_fields=["reviewer_name"])
    return event


def request_changes(article, user, comment):
    _require(can_review(user), "Only a medical reviewer can ask for changes.")
    draft = pending_version(article)
    if draft is None or draft.workflow_state != WorkflowState.IN_REVIEW:
        raise WorkflowError("This article is not waiting for a review.")
    if not comment.strip():
        raise WorkflowError("Say what needs to change: the editor sees your comment.")
    return _move(
        article, draft, WorkflowState.CHANGES_REQUESTED, WorkflowEvent.Kind.CHANGES_REQUESTED,
        user, comment,
    )  # fmt: skip


def reviewer_name(user):
    """The reviewer as readers see them: the profile's name and credentials."""
    profile = ReviewerProfile.objects.filter(user=user).first()
    if profile is not None:
        return str(profile)
    return user.get_full_name() or user.get_username()


def _move(article, draft, state, kind, user, comment):
    with transaction.atomic():
        Article.objects.filter(pk=draft.pk).update(workflow_state=state)
        draft.workflow_state = state
        return WorkflowEvent.objects.create(
            article=article, kind=kind, actor=user, comment=comment.strip()
        )


def current_approval(article):
    """The approval that covers the text waiting now, or None."""
    draft = pending_version(article)
    if draft is None or draft.workflow_state != WorkflowState.APPROVED:
        return None
    return article.events.filter(kind=WorkflowEvent.Kind.APPROVED).first()


def latest_review_comment(article):
    """The newest reviewer's decision with a comment, for the editor to see on the article."""
    return (
        article.events.filter(
            kind__in=[WorkflowEvent.Kind.CHANGES_REQUESTED, WorkflowEvent.Kind.APPROVED]
        )
        .exclude(comment="")
        .select_related("actor")
        .first()
    )


# Publishing ------------------------------------------------------------------------------


def check_not_changed_since(draft, seen_version):
    """Refuse to act on text that changed after the user looked at it."""
    if seen_version is None:
        return
    current = Article.objects.filter(pk=draft.pk).values_list("updated_at", "updated_by")
    saved_at, saved_by = current.first() or (None, None)
    if saved_at is None or saved_at.isoformat() == seen_version:
        return
    who = get_user_model().objects.filter(pk=saved_by).first()
    name = (who.get_full_name() or who.get_username()) if who else "Someone"
    when = timezone.localtime(saved_at)
    raise WorkflowError(
        f"{name} saved changes to this draft on {dateformat.format(when, 'j F Y')} at "
        f"{dateformat.format(when, 'H:i')}, after you opened it, so nothing was published. "
        "Look at their changes, then publish again."
    )


def publish(
    article,
    user,
    *,
    note="",
    no_clinical_change=False,
    at=None,
    seen_version=None,
    unpublish_at=None,
):
    """Publish the article's waiting text now, or schedule it for `at`; with `unpublish_at`,
    readers lose it again at that time."""
    _require(can_publish(user), "Only a publisher can publish an article.")
    now = timezone.now()
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        draft = pending_version(article)
        if unpublish_at is not None:
            Article.objects.filter(pk=article.pk).update(unpublish_at=unpublish_at)
            article.unpublish_at = unpublish_at
        if draft is None and article.publication_state == PublicationState.SCHEDULED:
            if at is not None:
                raise WorkflowError("This article is already scheduled.")
            return _bring_forward(article, user)
        if draft is None:
            raise WorkflowError("There are no changes waiting to be published.")
        check_not_changed_since(draft, seen_version)
        approval = current_approval(article)
        if (
            draft.is_working_copy
            and approval is None
            and draft.edited_at is None
            and draft.status == Article.Status.DRAFT
        ):
            raise WorkflowError("There are no changes waiting to be published.")
        if approval is None and not no_clinical_change:
            raise WorkflowError(
                "A medical reviewer must approve this text before it is published. If you "
                "changed no clinical content (a typo, a link), tick “No clinical content "
                "changed” to publish without a review."
            )
        if no_clinical_change and article.first_published_at is None and approval is None:
            raise WorkflowError(
                "An article that readers have never seen needs a medical review before it is "
                "published."
            )
        if at is not None and at <= now:
            raise WorkflowError("Choose a time in the future, or publish now.")
        blockers = publication_blockers(draft)
        if blockers:
            raise WorkflowError(" ".join(blockers))
        taken = Article.objects.articles().filter(slug=draft.slug).exclude(pk=article.pk)
        if taken.exists():
            raise WorkflowError(
                f"Another article now has the address “{draft.slug}”. Give this one another "
                "address in its draft, then publish."
            )
        if at is not None:
            return _schedule(article, draft, user, at, note, approval)
        return _publish_now(article, draft, user, note, approval)


def _bring_forward(article, user):
    """A scheduled article (approved when it was scheduled) goes public now."""
    now = timezone.now()
    article.publish_at = now
    article.first_published_at = now
    article.updated_by = user
    article.save()
    return WorkflowEvent.objects.create(
        article=article, kind=WorkflowEvent.Kind.PUBLISHED, actor=user, created_at=now
    )


def _schedule(article, draft, user, at, note, approval):
    if draft.pk == article.pk:
        # An article readers have never seen: it is complete now and goes public at `at`
        # by the public rule alone (status published, publish_at in the future).
        event = _publish_now(article, article, user, note, approval, at=at)
        event.kind = WorkflowEvent.Kind.SCHEDULED
        event.save(update_fields=["kind"])
        return event
    draft.status = Article.Status.PUBLISHED
    draft.publish_at = at
    draft.save(update_fields=["status", "publish_at", "updated_at"])
    event = WorkflowEvent.objects.create(
        article=article,
        kind=WorkflowEvent.Kind.SCHEDULED,
        actor=user,
        public_note=note.strip(),
        clinical=approval is not None,
        reviewer_name=approval.reviewer_name if approval else "",
        comment=f"To go public on {dateformat.format(timezone.localtime(at), 'j F Y, H:i')}.",
    )
    # The page cache must end its entries when the scheduled text goes public.
    cache_keys.bump(cache_keys.PUBLIC_PAGES)
    return event


def _publish_now(article, draft, user, note, approval, *, at=None):
    import reversion

    now = at or timezone.now()
    with once_per_article(), reversion.create_revision():
        if draft.pk != article.pk:
            copy_content(draft, article)
        if approval is not None:
            article.reviewed_by = approval.reviewer_name
            article.reviewed_at = timezone.localdate(approval.created_at)
        if article.status != Article.Status.PUBLISHED or (
            article.publish_at is not None and article.publish_at > now
        ):
            article.publish_at = now
        article.status = Article.Status.PUBLISHED
        if article.unpublish_at is not None and article.unpublish_at <= now:
            article.unpublish_at = None
        article.first_published_at = article.first_published_at or now
        if note.strip():
            entry = {"date": timezone.localdate(now).isoformat(), "note": note.strip()}
            article.change_notes = [entry, *article.change_notes]
        article.workflow_state = WorkflowState.DRAFT
        article.edited_at = None
        article.updated_by = user
        article.save()
        article.draft_authors.clear()
        reversion.set_user(user)
        reversion.set_comment(note.strip() or "Published.")
        reversion.add_to_revision(article)
    if draft.pk != article.pk:
        # The copy goes on as the next draft: it says what readers now see.
        draft.status = Article.Status.DRAFT
        draft.publish_at = None
        draft.workflow_state = WorkflowState.DRAFT
        draft.edited_at = None
        draft.reviewed_by, draft.reviewed_at = article.reviewed_by, article.reviewed_at
        draft.save()
        draft.draft_authors.clear()
    revision = Version.objects.get_for_object(article).select_related("revision").first()
    return WorkflowEvent.objects.create(
        article=article,
        kind=WorkflowEvent.Kind.PUBLISHED,
        actor=user,
        created_at=now,
        public_note=note.strip(),
        clinical=approval is not None,
        reviewer_name=approval.reviewer_name if approval else "",
        revision=revision.revision if revision else None,
    )


def unpublish(article, user, comment=""):
    _require(can_publish(user), "Only a publisher can unpublish an article.")
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.publication_state not in (
            PublicationState.PUBLISHED,
            PublicationState.SCHEDULED,
        ):
            raise WorkflowError(
                "Readers cannot see this article, so there is nothing to unpublish."
            )
        article.status = Article.Status.DRAFT
        article.updated_by = user
        article.save()
        return WorkflowEvent.objects.create(
            article=article, kind=WorkflowEvent.Kind.UNPUBLISHED, actor=user, comment=comment
        )


def discard_changes(article, user):
    """Drop the working copy's changes: it says again what readers see."""
    draft = working_copy_of(article)
    if draft is None:
        raise WorkflowError("There are no changes to discard.")
    if not can_publish(user):
        _require(can_edit(user), "Only editors and publishers can discard changes.")
        if draft.workflow_state == WorkflowState.APPROVED and not is_author_of(user, draft):
            raise PermissionDenied(
                "This draft is approved and its changes are someone else's: only a publisher "
                "can discard them."
            )
    with transaction.atomic(), once_per_article():
        copy_content(article, draft, fields=(*CONTENT_FIELDS, *REVIEW_FIELDS))
        draft.status = Article.Status.DRAFT
        draft.publish_at = None
        draft.workflow_state = WorkflowState.DRAFT
        draft.edited_at = None
        draft.updated_by = user
        draft.save()
        draft.draft_authors.clear()
        return WorkflowEvent.objects.create(
            article=article, kind=WorkflowEvent.Kind.DISCARDED, actor=user
        )


def publish_due_drafts(now=None):
    """Apply every working copy whose scheduled time has come. Safe to run at any moment,
    from several processes: each copy is applied once."""
    now = now or timezone.now()
    published = []
    due = Article.objects.scheduled_working_copies().filter(publish_at__lte=now)
    for copy_id, article_id in due.values_list("pk", "draft_of_id"):
        with transaction.atomic():
            article = Article.objects.select_for_update().filter(pk=article_id).first()
            draft = (
                Article.objects.filter(pk=copy_id, status=Article.Status.PUBLISHED)
                .select_related("updated_by")
                .first()
            )
            if article is None or draft is None:
                continue  # applied meanwhile
            scheduled = (
                article.events.filter(kind=WorkflowEvent.Kind.SCHEDULED)
                .select_related("actor")
                .first()
            )
            clinical = scheduled is None or scheduled.clinical
            approval = current_approval(article) if clinical else None
            published.append(
                _publish_now(
                    article,
                    draft,
                    scheduled.actor if scheduled else None,
                    scheduled.public_note if scheduled else "",
                    approval,
                    at=draft.publish_at,
                )
            )
    return published


# Revisions -------------------------------------------------------------------------------


def restore_version(article, version, user):
    """Put an earlier version's text into the draft; it goes public only when published."""
    _require(can_edit(user), "Only editors can restore an earlier version.")
    from .revisions import version_content

    draft = pending_version(article, create=True)
    saved = timezone.localtime(version.revision.date_created)
    with transaction.atomic(), once_per_article():
        version_content(version).apply_to(draft)
        record_edit(draft, user, changed=True)
        return WorkflowEvent.objects.create(
            article=article,
            kind=WorkflowEvent.Kind.RESTORED,
            actor=user,
            comment=f"The version saved on {dateformat.format(saved, 'j F Y, H:i')}.",
        )
