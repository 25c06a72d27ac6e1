"""Uploaded figure images: checked by what they contain, limited, and re-encoded.

The file's name and declared type are never trusted: Pillow must recognise the content as
PNG, JPEG, WebP or GIF. The image is then decoded and written again, which drops any
metadata (camera, GPS position, comments) and anything hidden after the image data, and
stored under a generated name with the extension of its real format
(articles.models.figure_upload_to).
"""

import io
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow refuses to decode anything much larger (a "decompression bomb") anywhere in the site.
Image.MAX_IMAGE_PIXELS = settings.FIGURE_MAX_PIXELS

FORMATS = {
    # Pillow format: (extension, content type, save options)
    "PNG": (".png", "image/png", {"optimize": True}),
    "JPEG": (".jpg", "image/jpeg", {"quality": 90, "optimize": True}),
    "WEBP": (".webp", "image/webp", {"quality": 90}),
    "GIF": (".gif", "image/gif", {}),
}


class FigureImageField(forms.ImageField):
    default_error_messages = {
        "invalid_image": (
            "“%(name)s” is not a PNG, JPEG, WebP or GIF image. Files such as SVG drawings or "
            "web pages are refused even when they are named .png: export the figure as PNG "
            "or JPEG and upload that."
        ),
        "too_large": "“%(name)s” is %(size)s; figures can be at most %(limit)s.",
        "too_many_pixels": (
            "“%(name)s” is %(width)s × %(height)s pixels, more than the %(limit)s megapixels "
            "a figure may have. Make it smaller and upload it again."
        ),
        "too_many_animated_pixels": (
            "“%(name)s” is %(frames)s frames of %(width)s × %(height)s pixels, more than "
            "the %(limit)s megapixels a figure may have in all its frames together. Use "
            "fewer or smaller frames."
        ),
        "too_many_frames": (
            "“%(name)s” is an animation of %(frames)s frames; a figure can have at most "
            "%(limit)s frames. Shorten the animation, or upload one still frame."
        ),
        "pixel_bomb": (
            "“%(name)s” has far more pixels than the %(limit)s megapixels a figure may have "
            "(its file is small, but its picture is huge). Make it smaller and upload it "
            "again."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(
            content_type for _, content_type, _ in FORMATS.values()
        )

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        name = PurePath(upload.name).name
        if upload.size > settings.FIGURE_MAX_BYTES:
            raise forms.ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.FIGURE_MAX_BYTES),
                },
            )
        content = upload.read()
        upload.seek(0)
        try:
            reencoded, image_format = reencode(content, name, self.error_messages)
        except Image.DecompressionBombError as error:
            # Pillow refuses before reading the size to us: a size problem, not a type one.
            raise forms.ValidationError(
                self.error_messages["pixel_bomb"],
                code="too_many_pixels",
                params={"name": name, "limit": settings.FIGURE_MAX_PIXELS // 1_000_000},
            ) from error
        except (UnidentifiedImageError, OSError, ValueError) as error:
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image", params={"name": name}
            ) from error
        extension, content_type, _ = FORMATS[image_format]
        result = SimpleUploadedFile(PurePath(name).stem + extension, reencoded, content_type)
        result.image = Image.open(io.BytesIO(reencoded))
        return result


def reencode(content, name, error_messages):
    """The image written afresh in its own format, without metadata; and that format."""
    with Image.open(io.BytesIO(content)) as image:
        if image.format not in FORMATS:
            raise ValueError(f"format {image.format} is not accepted")
        width, height = image.size
        # Counting frames reads the file (at most FIGURE_MAX_BYTES) but decodes no pixels;
        # re-encoding an animation decodes every frame, so their number is limited first.
        frames = getattr(image, "n_frames", 1)
        if frames > settings.FIGURE_MAX_FRAMES:
            raise forms.ValidationError(
                error_messages["too_many_frames"],
                code="too_many_frames",
                params={"name": name, "frames": frames, "limit": settings.FIGURE_MAX_FRAMES},
            )
        if width * height * frames > settings.FIGURE_MAX_PIXELS:
            raise forms.ValidationError(
                error_messages["too_many_pixels" if frames == 1 else "too_many_animated_pixels"],
                code="too_many_pixels",
                params={
                    "name": name,
                    "width": width,
                    "height": height,
                    "frames": frames,
                    "limit": settings.FIGURE_MAX_PIXELS // 1_000_000,
                },
            )
        image_format = image.format
        _, _, options = FORMATS[image_format]
        options = dict(options)
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]  # colours, not metadata
        output = io.BytesIO()
        if image_format == "GIF" and frames > 1:
            image.save(output, format="GIF", save_all=True)
        else:
            # Photos are stored sideways with an EXIF rotation: apply it before EXIF goes.
            upright = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
                upright = upright.convert("RGB")
            upright.save(output, format=image_format, **options)
    return output.getvalue(), image_format
