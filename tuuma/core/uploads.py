"""Checks an uploaded file by its real content, not by its name or the browser's claim."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED = {
    "image/jpeg": "image", "image/png": "image", "image/gif": "image", "image/webp": "image",
    "application/pdf": "pdf",
}


def validate_upload(upload) -> None:
    """Reject oversized files and files whose content is not an image or a PDF.

    On success the detected type is stored on the upload as `checked_type`.
    """
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest allowed is %(max)s.") % {
                "name": upload.name, "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}, code="too_large")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED:
        raise ValidationError(
            _("“%(name)s” is not an image (JPEG, PNG, GIF, WebP) or a PDF file.")
            % {"name": upload.name}, code="bad_type")
    if ALLOWED[mime] == "image":
        try:
            with Image.open(upload) as image:
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format in ("JPEG", "MPO"):
                    # verify() reads no JPEG data; decoding at 1/8 scale finds a cut-off
                    # file without holding the full picture in memory.
                    image.draft(image.mode, (max(1, image.width // 8),
                                             max(1, image.height // 8)))
                    image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
                Image.DecompressionBombError) as exc:  # the last: billions of pixels claimed
            raise ValidationError(_("“%(name)s” is a damaged image.") % {"name": upload.name},
                                  code="bad_image") from exc
        finally:
            upload.seek(0)
    upload.checked_type = mime
