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
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from PIL import Image, ImageOps, features

from .models import Figure

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
    expected = {
        rendition_path(figure.image.name, width, image_format)
        for width in rendition_widths(figure.width or 0)
        for image_format in rendition_formats()
    }
    recorded = {item.get("path") for item in figure.renditions or []}
    return bool(figure.width) and recorded == expected


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
