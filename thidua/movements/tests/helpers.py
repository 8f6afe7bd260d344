"""What "nothing changed" means for the movements tests (S26), and uploads by content."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import AuditEvent
from thidua.movements.models import Movement, MovementReview


def state() -> tuple[int, int, int, list[tuple[Any, ...]]]:
    return (
        Movement.objects.count(),
        MovementReview.objects.count(),
        AuditEvent.objects.count(),
        list(Movement.objects.order_by("pk").values_list("pk", "status")),
    )


def pdf(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def fake_pdf(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    """A file named .pdf whose content is an executable: refused by content."""
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
