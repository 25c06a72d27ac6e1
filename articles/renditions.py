"""Smaller copies of figure images ("renditions") for phones and modern formats.

Each figure image gets copies at RENDITION_WIDTHS (never wider than the original) in WebP,
and in AVIF when the installed Pillow can write it. The article page offers them with
<picture>/<source srcset> and keeps the original as the <img> fallback and as the full-size
image a reader opens by tapping the figure.

Renditions are files in Django's default storage (local media, or the object store when one
is configured) at names derived from the original's name, so making them again for the same
image finds them already there (`make_renditions` backfills any that are missing). What was
made is recorded on the figure (`Figure.renditions`: width, height, format, path), so the
page needs no storage call. Several figures can share one stored image (working copies,
revisions, the demo), so a figure's renditions are deleted only once no figure uses its
image any more.

Encoding them takes seconds, so they are made by a background job (site_config/jobs.py), not
in the editor's request: saving a figure with a new image records no renditions (the page
shows the original <img>, with its width and height) and queues "make renditions for figure
<pk>" once the save commits. The job makes them, records them and bumps the article's
generation (articles/invalidation.py), so its cached rendering and pages show the srcset.
It is safe to run twice or late: it does nothing for a figure that is gone, shows another
image by then, or has its renditions already. A figure showing an image whose renditions
another figure has recorded (a restored revision, the demo) takes those at once, no job.
`manage.py make_renditions` makes them here and now, for every figure missing them.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from PIL import Image, ImageOps, features

from site_config.jobs import enqueue, job_kind
from site_config.models import Job

from .invalidation import bump_article
from .models import Figure, Section

MAKE_RENDITIONS = "articles.make-renditions"

RENDITION_WIDTHS = (480, 960, 1600)
RENDITIONS_DIR = "figures/renditions"

# Pillow format: (content type, extension, save options). Best first: the browser takes the
# first <source> whose type it supports.
_ALL_FORMATS = {
    "AVIF": ("image/avif", ".avif", {"quality": 60, "speed": 8}),
    "WEBP": ("image/webp", ".webp", {"quality": 82, "method": 4}),
}


def rendition_formats():
    return [name for name in _ALL_FORMATS if name != "AVIF" or features.check("avif")]


def rendition_widths(original_width):
    """The widths to make for an image this wide: never upscaled, no duplicates."""
    return sorted({min(width, original_width) for width in RENDITION_WIDTHS})


def rendition_path(image_name, width, image_format):
    """Where the rendition of the stored image `image_name` lives (derived, so stable)."""
    source = PurePosixPath(image_name)
    parts = source.parts[1:] if source.parts[:1] == ("figures",) else source.parts
    stem = PurePosixPath(*parts).with_suffix("") if parts else PurePosixPath("image")
    _, extension, _ = _ALL_FORMATS[image_format]
    return f"{RENDITIONS_DIR}/{stem}-{width}w{extension}"


def content_type(image_format):
    return _ALL_FORMATS[image_format][0]


def make_renditions(image_name, size=None, storage=None):
    """Make (or find) the renditions of one stored image; their metadata, smallest first.

    Idempotent: a rendition already in storage is not encoded again, and when `size` (the
    original's width and height) is given and every rendition exists, the image is not
    even decoded.
    """
    storage = storage or default_storage
    decoded = None

    def original():
        nonlocal decoded
        if decoded is None:
            with storage.open(image_name, "rb") as source, Image.open(source) as opened:
                image = ImageOps.exif_transpose(opened)
                image.load()
            if image.mode not in ("RGB", "RGBA"):
                alpha = image.mode in ("LA", "PA", "RGBa") or "transparency" in image.info
                image = image.convert("RGBA" if alpha else "RGB")
            decoded = image
        return decoded

    original_width, original_height = size or original().size
    renditions = []
    for width in rendition_widths(original_width):
        height = max(1, round(original_height * width / original_width))
        resized = None
        for image_format in rendition_formats():
            path = rendition_path(image_name, width, image_format)
            if not storage.exists(path):
                if resized is None:
                    resized = original()
                    if width != resized.width:
                        resized = resized.resize((width, height), Image.Resampling.LANCZOS)
                _, _, options = _ALL_FORMATS[image_format]
                output = io.BytesIO()
                resized.save(output, format=image_format, **options)
                saved = storage.save(path, ContentFile(output.getvalue()))
                if saved != path:  # another process wrote it meanwhile: keep one copy
                    storage.delete(saved)
            renditions.append(
                {"width": width, "height": height, "format": image_format, "path": path}
            )
    return renditions


def renditions_are_current(figure):
    """Whether the figure's recorded renditions belong to its current image."""
    if not figure.image:
        return not figure.renditions
    return renditions_match(figure.image.name, figure.width, figure.renditions)


def renditions_match(image_name, width, renditions):
    """Whether `renditions` are all those of the stored image `image_name` (this wide)."""
    expected = {
        rendition_path(image_name, each, image_format)
        for each in rendition_widths(width or 0)
        for image_format in rendition_formats()
    }
    recorded = {item.get("path") for item in renditions or []}
    return bool(width) and recorded == expected


def renditions_of_the_same_image(figure):
    """The renditions another figure showing this figure's image has recorded (one query, no
    storage call), or []."""
    if not figure.image or not figure.image._committed:
        return []  # a new upload: no figure shows it yet
    others = (
        Figure.objects.filter(image=figure.image.name)
        .exclude(pk=figure.pk)
        .values_list("width", "renditions")[:20]
    )
    for width, renditions in others:
        if width == figure.width and renditions_match(figure.image.name, width, renditions):
            return renditions
    return []


def make_renditions_later(figure):
    """Queue the job making the saved figure's renditions (run at once when jobs run in
    process), unless one for its image is queued or running already; the job's row."""
    pending = Job.objects.filter(
        kind=MAKE_RENDITIONS,
        state__in=[Job.State.QUEUED, Job.State.RUNNING],
        args__figure_id=figure.pk,
        args__image=figure.image.name,
    ).first()
    if pending is not None:
        return pending  # e.g. a caption edit before the job ran
    return enqueue(
        MAKE_RENDITIONS,
        description=f"Make renditions for figure {figure.pk}",
        total=1,
        figure_id=figure.pk,
        image=figure.image.name,
    )


@job_kind(MAKE_RENDITIONS, "Make smaller copies of a figure image")
def make_figure_renditions(progress, figure_id, image):
    """Make and record the renditions of figure `figure_id`, if it still shows `image`, then
    make its article's rendering (and its pages, if public) show them. An error (storage
    unreachable, image unreadable) fails the attempt: it is retried, then kept with its error,
    and the page shows the original meanwhile."""
    progress.set_total(1)
    result = _make_figure_renditions(figure_id, image)
    progress.advance()
    return result


def _make_figure_renditions(figure_id, image):
    figure = Figure.objects.filter(pk=figure_id).first()
    if figure is None:
        return "The figure was deleted: nothing to make."
    if figure.image.name != image:
        return "The figure shows another image now: its own job makes its renditions."
    if renditions_are_current(figure):
        return "Its renditions were made already."
    width, height = figure.width, figure.height
    if not width:
        width, height = figure.image.width, figure.image.height
    renditions = make_renditions(image, (width, height))
    # A queryset update: no save signals, and nothing recorded if the image changed meanwhile.
    updated = Figure.objects.filter(pk=figure_id, image=image).update(
        renditions=renditions, width=width, height=height
    )
    if not updated:
        delete_renditions_when_unused(image, [item["path"] for item in renditions])
        return "The figure changed while they were made: its own job makes its renditions."
    bump_article(Section.objects.filter(pk=figure.section_id).values_list("article_id", flat=True))
    return f"Made or found {len(renditions)} renditions of {image}."


def delete_renditions_when_unused(image_name, paths):
    """Once the transaction commits, delete these renditions of `image_name` if no figure
    uses that image any more (checked then, so a figure re-created with the same image in
    the same transaction keeps them). The original image is kept: revisions may restore it.
    """

    def delete():
        if not Figure.objects.filter(image=image_name).exists():
            for path in paths:
                default_storage.delete(path)

    if image_name and paths:
        transaction.on_commit(delete)


@receiver(post_delete, sender=Figure)
def figure_deleted(sender, instance, **kwargs):
    # Derived files of the figure: deleted with it (also when its section or article is
    # deleted), unless another figure shows the same stored image.
    delete_renditions_when_unused(
        instance.image.name, [item["path"] for item in instance.renditions or []]
    )
