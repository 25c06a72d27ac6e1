"""Trust checks on the article in the admin: per-section reading level and evidence coverage
while the editor types (a JSON endpoint for static/js/section-checks.js), what blocks
publishing, references not checked yet, retractions to acknowledge, reviews triggered by
events, reader feedback; and the article list's columns and filters for them.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers

from site_config.models import SiteSettings

from .. import workflow
from ..models import (
    ArticleReference,
    PageFeedback,
    Reference,
    Retraction,
    RetractionAcknowledgement,
    ReviewFlag,
    Section,
    Verification,
)
from ..publication_checks import publication_blockers, unacknowledged_retractions
from ..review_triggers import handle_flags, open_flags
from ..section_checks import check_section

# An editor's section is a few thousand characters; the endpoint scores up to this many.
MAX_CHECKED_CHARACTERS = 60_000


def reading_target(level, targets=None):
    """The highest SMOG grade for sections of this level, or None (Academic: reported only)."""
    targets = SiteSettings.load().reading_targets() if targets is None else targets
    return targets.get(level)


def above_target_q(targets):
    """Sections whose SMOG grade is above their level's target."""
    condition = Q(pk__in=[])
    for level, target in targets.items():
        condition |= Q(level=level, smog_grade__gt=target)
    return condition


def section_checks_payload(body, takeaway, level):
    """What the editor sees beside a section, as JSON-ready data."""
    check = check_section(body, takeaway)
    target = reading_target(level)
    level_label = dict(Section.Level.choices).get(level, "")
    if check.smog is None:
        verdict = "too short to score (SMOG needs three sentences or more)"
    elif target is None:
        verdict = f"{level_label or 'This level'} is reported only, with no target"
    elif check.smog > target:
        verdict = f"above the target of {target} for {level_label}"
    else:
        verdict = f"within the target of {target} for {level_label}"
    return {
        "smog": None if check.smog is None else round(check.smog, 1),
        "flesch_kincaid": (
            None if check.flesch_kincaid is None else round(check.flesch_kincaid, 1)
        ),
        "target": target,
        "above_target": bool(target is not None and check.smog and check.smog > target),
        "verdict": verdict,
        "words": check.words,
        "sentences": len(check.sentences),
        "hardest": [
            {"text": sentence.text, "reasons": sentence.reasons, "grade": round(sentence.grade, 1)}
            for sentence in check.hardest()
        ],
        "factual": len(check.factual),
        "sourced": check.sourced_count,
        "coverage": check.coverage_label(),
        "unsourced": [
            {
                "text": sentence.text,
                "why": (
                    ["marked [citation needed]"] if sentence.citation_needed else sentence.cues
                ),
            }
            for sentence in check.unsourced
        ],
        "citation_needed": check.citation_needed_count,
    }


class ReadingLevelFilter(admin.SimpleListFilter):
    title = "reading level"
    parameter_name = "reading"

    def lookups(self, request, model_admin):
        return [("above", "Above target"), ("within", "Within target")]

    def queryset(self, request, queryset):
        if self.value() == "above":
            return queryset.filter(sections_above_target__gt=0)
        if self.value() == "within":
            return queryset.filter(sections_above_target=0)
        return queryset


class EvidenceFilter(admin.SimpleListFilter):
    title = "evidence coverage"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [
            ("unsourced", "Some factual sentences have no source"),
            ("covered", "Every factual sentence cites a source"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "unsourced":
            return queryset.filter(factual_total__gt=Coalesce("sourced_total", 0))
        if self.value() == "covered":
            return queryset.filter(factual_total__lte=Coalesce("sourced_total", 0))
        return queryset


class ReviewQueueFilter(admin.SimpleListFilter):
    title = "review triggered by"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [("any", "Any event"), *ReviewFlag.Reason.choices]

    def queryset(self, request, queryset):
        flags = open_flags()
        if self.value() in ReviewFlag.Reason.values:
            flags = flags.filter(reason=self.value())
        elif self.value() != "any":
            return queryset
        return queryset.filter(pk__in=flags.values("article_id"))


def _count(queryset, column):
    """A subquery counting or summing, per pending text, for an annotation."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("article_id").annotate(total=column).values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


class ArticleTrustMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "section-checks/",
                view(self.section_checks_view),
                name="{}_{}_section_checks".format(*info),
            ),
            path(
                "<path:object_id>/trust/<str:step>/",
                view(self.trust_step_view),
                name="{}_{}_trust".format(*info),
            ),
            *super().get_urls(),
        ]

    def annotate_trust_checks(self, queryset):
        """Per article, over the text being edited (its working copy if it has one): sections
        above their reading target, factual sentences, those citing a source, and reader
        feedback answers."""
        targets = SiteSettings.load().reading_targets()
        queryset = queryset.annotate(pending_id=Coalesce("working_copy__id", "pk"))
        sections = Section.objects.filter(article_id=OuterRef("pending_id"))
        feedback = PageFeedback.objects.filter(article_id=OuterRef("pk"))
        return queryset.annotate(
            sections_above_target=_count(sections.filter(above_target_q(targets)), Count("pk")),
            factual_total=_count(sections, Sum("factual_sentences")),
            sourced_total=_count(sections, Sum("sourced_sentences")),
            helpful_answers=_count(feedback.filter(helpful=True), Count("pk")),
            unhelpful_answers=_count(feedback.filter(helpful=False), Count("pk")),
        )

    @admin.display(description="reading level", ordering="sections_above_target")
    def reading_level(self, article):
        above = article.sections_above_target
        if not above:
            return "Within target"
        return f"{above} section{'s' if above > 1 else ''} above target"

    @admin.display(description="evidence", ordering="factual_total")
    def evidence(self, article):
        if not article.factual_total:
            return "No factual sentences"
        return f"{article.sourced_total} of {article.factual_total} factual sentences cite a source"

    @admin.display(description="reader feedback")
    def reader_feedback(self, article):
        yes, no = article.helpful_answers, article.unhelpful_answers
        if not (yes or no):
            return "—"
        return f"{yes} yes · {no} no"

    def section_checks_view(self, request):
        """POST body, takeaway and level of one section; answers the checks as JSON."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        body = request.POST.get("body", "")
        takeaway = request.POST.get("takeaway", "")
        level = request.POST.get("level", "")
        if len(body) + len(takeaway) > MAX_CHECKED_CHARACTERS:
            return JsonResponse(
                {
                    "error": "This section is too long to check while you type "
                    f"(over {MAX_CHECKED_CHARACTERS:,} characters). Split it into shorter "
                    "sections."
                },
                status=400,
            )
        if level not in Section.Level.values:
            return JsonResponse({"error": "Choose the section's reading level."}, status=400)
        response = JsonResponse(section_checks_payload(body, takeaway, level))
        add_never_cache_headers(response)
        return response

    def trust_context(self, request, article, draft):
        """What the article's form shows under its status: what blocks publishing, the
        references nobody checked, retractions to acknowledge, the review queue's reasons
        and reader feedback."""
        cited = (
            ArticleReference.objects.filter(article=draft)
            .select_related("reference")
            .order_by("position")
        )
        feedback = PageFeedback.objects.filter(article=article)
        counts = feedback.aggregate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
        )
        return {
            "publication_blockers": publication_blockers(draft),
            "unverified_references": [
                item.reference
                for item in cited
                if item.reference.verification != Verification.VERIFIED
            ],
            "retractions_to_acknowledge": unacknowledged_retractions(draft),
            "review_flags": list(open_flags().filter(article=article)),
            "feedback_counts": counts,
            "feedback_comments": list(feedback.exclude(comment="")[:5]),
            "can_acknowledge": workflow.can_edit(request.user),
        }

    def trust_step_view(self, request, object_id, step):
        """Acknowledge a retraction for this article, or mark its review flags handled."""
        article = self._article(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not workflow.can_edit(request.user):
            raise PermissionDenied
        back = HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        if step == "acknowledge":
            retraction = Retraction.objects.filter(pk=request.POST.get("retraction")).first()
            if retraction is None:
                self.message_user(
                    request, "That retraction notice no longer exists.", messages.ERROR
                )
                return back
            RetractionAcknowledgement.objects.get_or_create(
                article=article,
                retraction=retraction,
                defaults={
                    "acknowledged_by": request.user,
                    "note": request.POST.get("note", "")[:300],
                },
            )
            handle_flags(
                article, request.user, open_flags().filter(article=article, retraction=retraction)
            )
            self.message_user(
                request,
                f"Acknowledged: {retraction.reader_label}. Readers see this notice beside the "
                "reference; the article can be published again.",
                messages.SUCCESS,
            )
        elif step == "handle_flags":
            count = handle_flags(article, request.user)
            self.message_user(
                request,
                f"Marked {count} review reason(s) as handled."
                if count
                else "Nothing was waiting to be handled.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "There is no such step.", messages.ERROR)
        return back


def references_waiting_check():
    return Reference.objects.exclude(verification=Verification.VERIFIED)
