"""The conference's record (biên bản): who confirmed the minutes and each poll's vote-count record, and what they
confirmed (a digest of the record's content, so that a later change shows as "changed since confirmation")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.conferences.choices import RecordDocument, RecordSignatory
from thidua.core.models import BaseModel


class RecordConfirmation(BaseModel):
    """Xác nhận biên bản: the chair (chủ trì) or the secretary (thư ký) confirms the minutes of a conference or the
    vote-count record (biên bản kiểm phiếu) of one poll. Confirming again replaces the digest and the time."""

    conference = models.ForeignKey(
        "conferences.Conference", verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="confirmations"
    )
    document = models.CharField(_("biên bản"), max_length=10, choices=RecordDocument.choices)
    poll = models.ForeignKey(
        "conferences.Poll",
        verbose_name=_("cuộc biểu quyết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    signatory = models.CharField(_("tư cách ký"), max_length=10, choices=RecordSignatory.choices)
    signer_name = models.CharField(_("người xác nhận"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"))
    content_digest = models.CharField(_("mã nội dung (SHA-256)"), max_length=64)

    class Meta:
        verbose_name = _("xác nhận biên bản")
        verbose_name_plural = _("xác nhận biên bản")
        ordering = ["conference_id", "document", "poll_id", "signatory"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "document", "signatory"],
                condition=Q(poll__isnull=True),
                name="conferences_confirmation_once_minutes",
            ),
            models.UniqueConstraint(
                fields=["poll", "document", "signatory"],
                condition=Q(poll__isnull=False),
                name="conferences_confirmation_once_count",
            ),
            models.CheckConstraint(
                condition=Q(document="minutes", poll__isnull=True) | Q(document="count", poll__isnull=False),
                name="conferences_confirmation_document_shape",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} — {self.signer_name}"
