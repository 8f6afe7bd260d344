from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.choices import Role
from thidua.core.models import BaseModel


class User(AbstractUser):
    """Người dùng: a person who signs in. Custom from the start so that fields can be added without pain.

    ``unit`` is the unit the person works for; it decides which officers may see the account. Roles are not on the
    user: they are :class:`RoleAssignment` rows, each in a scope.
    """

    full_name = models.CharField(_("họ và tên"), max_length=200)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, *, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=day),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day),
            revoked_at__isnull=True,
        )


class RoleAssignment(BaseModel):
    """Phân quyền: a role granted to a user in one scope: a unit (and every unit under it) or a bloc.

    A province-wide role is a role on the province's unit. Assignments are never deleted: revoking stamps
    ``revoked_at`` so that the history of who could do what stays readable.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    bloc = models.ForeignKey(
        "emulation.Bloc",
        verbose_name=_("khối, cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú, căn cứ"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(unit__isnull=False, bloc__isnull=True) | models.Q(unit__isnull=True, bloc__isnull=False)
                ),
                name="accounts_roleassignment_one_scope",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="accounts_roleassignment_valid_range",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=models.Q(revoked_at__isnull=True, unit__isnull=False),
                name="accounts_roleassignment_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "bloc"],
                condition=models.Q(revoked_at__isnull=True, bloc__isnull=False),
                name="accounts_roleassignment_unique_bloc",
            ),
        ]
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_role_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.scope}"

    @property
    def scope(self) -> object:
        return self.unit if self.unit_id else self.bloc

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ApiToken(BaseModel):
    """Khóa API: a bearer token another government system uses to call the REST API as a user.

    Only a SHA-256 digest is stored; the token itself is shown once, when created. ``prefix`` identifies it in lists.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=12)
    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    expires_on = models.DateField(_("hết hạn ngày"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
