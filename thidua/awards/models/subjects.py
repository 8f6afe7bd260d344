"""The subject of a fact, a nomination or an award: a person (cá nhân) *or* a collective (tập thể), never both.

Every model with such a subject declares its two optional foreign keys with these helpers and adds
``one_subject_constraint`` to its ``Meta.constraints``, so the rule lives in one place.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def subject_person_fk(related_name: str, **extra: Any) -> models.ForeignKey[Any, Any]:
    """The person, if the subject is an individual (protected: history is never deleted with a person)."""
    return models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        **extra,
    )


def subject_unit_fk(related_name: str, **extra: Any) -> models.ForeignKey[Any, Any]:
    """The unit, if the subject is a collective."""
    return models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        **extra,
    )


def one_subject_constraint(name: str) -> models.CheckConstraint:
    """Exactly one of ``person`` and ``unit`` is set."""
    return models.CheckConstraint(
        condition=models.Q(person__isnull=False, unit__isnull=True) | models.Q(person__isnull=True, unit__isnull=False),
        name=name,
    )
