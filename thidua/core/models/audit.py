from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Nhật ký nghiệp vụ: one explicit record per business event (STYLE S8).

    Written by each app's ``audit.py`` inside the service transaction that made the change, so that the change and its
    record commit or roll back together. Append-only: the model refuses updates and deletes, and no screen edits it.
    Public-sector records must show who acted, for which unit, on what, and under which legal basis.
    """

    occurred_at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The actor's name as it was, so the record reads the same after a rename.
    actor_name = models.CharField(_("tên người thực hiện"), max_length=200, blank=True)
    acting_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("nhân danh đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=80)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    before = models.JSONField(_("trước"), default=dict, blank=True)
    after = models.JSONField(_("sau"), default=dict, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký nghiệp vụ")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["action", "-occurred_at"], name="core_audit_action_idx"),
            models.Index(fields=["acting_unit", "-occurred_at"], name="core_audit_unit_idx"),
            models.Index(fields=["actor", "-occurred_at"], name="core_audit_actor_idx"),
            models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")
