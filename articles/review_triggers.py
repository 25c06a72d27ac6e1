"""Reviews triggered by events, not only by the calendar.

Three events put an article in the review queue (a ReviewFlag with its reason in words, shown
on the admin home page and filtered in the article list):
- a work it cites is matched to a retraction, correction or expression of concern
  (articles/retractions.py);
- a reference it cites is marked *could not be found* (the reference admin);
- readers find it unhelpful: once `feedback_review_minimum` answers are waiting (not
  handled), and fewer than `feedback_review_percent` % of them say "Yes" (articles/feedback.py).

A flag stays until an editor marks it handled; acknowledging a retraction handles its flag.
An article is flagged once per open reason and source: a second import of the same list adds
nothing.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Article, ArticleReference, PageFeedback, ReviewFlag


def articles_citing(reference):
    """The articles (as readers know them) whose text or working copy cites this reference."""
    ids = set()
    rows = ArticleReference.objects.filter(reference=reference).select_related("article")
    for item in rows:
        ids.add(item.article.draft_of_id or item.article_id)
    return Article.objects.filter(pk__in=ids)


def _flag(article, reason, detail, **source):
    flag, created = ReviewFlag.objects.get_or_create(
        article=article, reason=reason, handled_at__isnull=True, **source,
        defaults={"detail": detail},
    )  # fmt: skip
    return created


def flag_retraction(retraction):
    """Flag every article citing the retracted or corrected work; returns their ids."""
    reference = retraction.reference
    flagged = []
    for article in articles_citing(reference):
        _flag(
            article,
            ReviewFlag.Reason.RETRACTION,
            f"It cites {reference.key}: {retraction.reader_label.lower()} "
            f"(Retraction Watch record {retraction.record_id}).",
            retraction=retraction,
        )
        flagged.append(article.pk)
    return flagged


def flag_not_found(reference):
    for article in articles_citing(reference):
        _flag(
            article,
            ReviewFlag.Reason.NOT_FOUND,
            f"It cites {reference.key}, which an editor could not find in any public record.",
            reference=reference,
        )


def feedback_needs_review(article, settings):
    """Whether the answers not yet handled fall below the site's threshold."""
    waiting = PageFeedback.objects.filter(article=article, handled_at__isnull=True)
    answers = list(waiting.values_list("helpful", flat=True))
    if len(answers) < settings.feedback_review_minimum:
        return False
    return 100 * sum(answers) < settings.feedback_review_percent * len(answers)


def check_feedback(article):
    from site_config.models import SiteSettings

    settings = SiteSettings.load()
    if not feedback_needs_review(article, settings):
        return False
    waiting = PageFeedback.objects.filter(article=article, handled_at__isnull=True)
    yes = waiting.filter(helpful=True).count()
    return _flag(
        article,
        ReviewFlag.Reason.FEEDBACK,
        f"Only {yes} of {waiting.count()} readers' answers say the page was helpful "
        f"(the site asks for at least {settings.feedback_review_percent}%).",
    )


def open_flags():
    return ReviewFlag.objects.filter(handled_at__isnull=True)


def handle_flags(article, user, flags=None):
    """Mark the article's open flags (or these ones) handled."""
    flags = open_flags().filter(article=article) if flags is None else flags
    return flags.update(handled_at=timezone.now(), handled_by=user)


def flagged_articles_q():
    return Q(review_flags__handled_at__isnull=True) & Q(review_flags__isnull=False)
