"""Uploaded attachments: only PDF, DOCX, XLSX, JPEG and PNG, recognised by their content, never by their name.

Use :func:`validate_attachment` as a form field validator (or call it in a service): it raises a ValidationError
with a Vietnamese message naming what is wrong. A rejected file does not clear the rest of the form: forms simply
re-render with their other values bound.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

KIND_PDF = "pdf"
KIND_DOCX = "docx"
KIND_XLSX = "xlsx"
KIND_JPEG = "jpeg"
KIND_PNG = "png"
ALLOWED_KINDS = (KIND_PDF, KIND_DOCX, KIND_XLSX, KIND_JPEG, KIND_PNG)


def sniff_kind(stream: IO[bytes]) -> str | None:
    """The kind of a file from its first bytes (and, for DOCX/XLSX, its ZIP directory), or None."""
    position = stream.tell()
    try:
        head = stream.read(8)
        if head.startswith(b"%PDF-"):
            return KIND_PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return KIND_PNG
        if head.startswith(b"\xff\xd8\xff"):
            return KIND_JPEG
        if head.startswith(b"PK\x03\x04"):
            stream.seek(position)
            data = stream.read()
            try:
                names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
            except zipfile.BadZipFile:
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return KIND_DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return KIND_XLSX
        return None
    finally:
        stream.seek(position)


def validate_attachment(upload: UploadedFile) -> None:
    """Refuse files above THIDUA_ATTACHMENT_MAX_BYTES and any content that is not PDF, DOCX, XLSX, JPEG or PNG."""
    limit = settings.THIDUA_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Tệp %(name)s quá lớn (tối đa %(limit)s MB).") % {"name": upload.name, "limit": limit // (1024 * 1024)},
            code="file_too_large",
        )
    kind = sniff_kind(upload.file) if upload.file is not None else None
    if kind is None or kind not in ALLOWED_KINDS:
        raise ValidationError(
            _(
                "Tệp %(name)s không phải PDF, DOCX, XLSX, JPEG hoặc PNG (hệ thống kiểm tra nội dung tệp, không dựa vào tên)."
            )
            % {"name": upload.name},
            code="file_type",
        )
