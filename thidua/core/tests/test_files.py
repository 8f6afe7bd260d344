import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.files import sniff_kind, validate_attachment


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("_case", "content", "kind"),
    [
        ("pdf", b"%PDF-1.7\n...", "pdf"),
        ("png", b"\x89PNG\r\n\x1a\n....", "png"),
        ("jpeg", b"\xff\xd8\xff\xe0....", "jpeg"),
        ("docx", _zip("[Content_Types].xml", "word/document.xml"), "docx"),
        ("xlsx", _zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        ("plain zip", _zip("a.txt"), None),
        ("html named .pdf", b"<html><script>", None),
        ("broken zip", b"PK\x03\x04garbage", None),
    ],
)
def test_kind_is_read_from_the_content(_case, content, kind):
    assert sniff_kind(io.BytesIO(content)) == kind


def test_a_script_named_like_a_pdf_is_refused_with_a_vietnamese_message():
    upload = SimpleUploadedFile("ke-hoach.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="không phải PDF"):
        validate_attachment(upload)


def test_a_file_over_the_limit_is_refused(settings):
    settings.THIDUA_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="quá lớn"):
        validate_attachment(SimpleUploadedFile("a.pdf", b"%PDF-1.7 more than ten bytes"))


def test_a_real_pdf_passes():
    validate_attachment(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%%EOF"))
