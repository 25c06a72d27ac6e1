"""Reader feedback: "Was this page helpful? Yes / No", then an optional comment.

The form is part of the article page, which the page cache serves whole to anonymous readers,
so it carries no CSRF token and sets no cookie. Instead the endpoint accepts only same-origin
posts (Origin and Sec-Fetch-Site, when the browser sends them), answers only for public
articles and is rate-limited per client (site_config/ratelimit.py: the address is kept in the
shared cache for one window, as the count's key, and nowhere else). A row keeps the answer,
the comment and the time; no address, account or cookie.

Without JavaScript the form posts the answer and comment together and gets a thank-you page.
With it (static/js/feedback.js) the answer is sent at once and the comment follows, tied to
the answer by a signed token that is good for an hour.

Comments are untrusted text: stored as typed (within 500 characters, control characters
removed) and escaped everywhere they are shown (only the admin shows them).
"""

import re

from django.conf import settings
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from site_config.ratelimit import client_ip, is_over_limit, seconds_until_next_window

from .models import Article, PageFeedback
from .review_triggers import check_feedback

COMMENT_MAX_LENGTH = 500
TOKEN_SALT = "articles.feedback"
TOKEN_MAX_AGE = 3600
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e]")


class FeedbackError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def clean_comment(value):
    comment = CONTROL_CHARACTERS_RE.sub("", value or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            f"Please keep your comment under {COMMENT_MAX_LENGTH} characters (it has "
            f"{len(comment)})."
        )
    return comment


def is_same_origin(request):
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin is None
    return origin.split("://", 1)[-1] == request.get_host()


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def answer(request, article, status, message, **extra):
    if wants_json(request):
        response = JsonResponse({"message": message, **extra}, status=status)
    else:
        context = {"article": article, "message": message, "status": status, **extra}
        response = render(request, "articles/feedback_thanks.html", context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def save_feedback(article, data):
    """Store an answer, or add the comment to an answer given a moment ago (its token)."""
    comment = clean_comment(data.get("comment", ""))
    token = data.get("token", "")
    if token:
        try:
            feedback_id = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature as error:
            raise FeedbackError(
                "This comment came too long after your answer. Reload the page and answer again."
            ) from error
        feedback = PageFeedback.objects.filter(pk=feedback_id, article=article, comment="").first()
        if feedback is None:
            raise FeedbackError("Your comment was already sent. Thank you.", status=409)
        if not comment:
            raise FeedbackError("Write a comment first, or leave it: your answer is saved.")
        feedback.comment = comment
        feedback.save(update_fields=["comment"])
        return feedback
    helpful = data.get("helpful")
    if helpful not in ("yes", "no"):
        raise FeedbackError("Choose Yes or No to say whether this page helped you.")
    feedback = PageFeedback.objects.create(
        article=article, helpful=helpful == "yes", comment=comment
    )
    check_feedback(article)
    return feedback


@csrf_exempt  # the form lives on cached pages: see the module docstring for what guards it
@require_POST
def page_feedback(request, slug):
    article = Article.objects.public().filter(slug=slug).first()
    if article is None:
        raise Http404("No public article at this address.")
    if not is_same_origin(request):
        return answer(request, article, 403, "Feedback can only be sent from this site's pages.")
    window = settings.FEEDBACK_RATE_WINDOW_SECONDS
    if is_over_limit("feedback", client_ip(request), settings.FEEDBACK_RATE_LIMIT, window):
        response = answer(
            request,
            article,
            429,
            "Thank you, we have had a lot of feedback from your connection just now. Please "
            "try again in a few minutes.",
        )
        response["Retry-After"] = str(seconds_until_next_window(window))
        return response
    try:
        feedback = save_feedback(article, request.POST)
    except FeedbackError as error:
        return answer(
            request, article, error.status, str(error), comment=request.POST.get("comment", "")
        )
    return answer(
        request,
        article,
        200,
        "Thank you: your comment is saved." if feedback.comment else "Thank you for your answer.",
        token=signing.dumps(feedback.pk, salt=TOKEN_SALT) if not feedback.comment else "",
    )
