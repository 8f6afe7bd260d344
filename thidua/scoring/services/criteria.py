"""Criteria sets (bộ tiêu chí): drafted by the secretariat, approved by the bloc, locked once scoring opens.

A set is edited only as a draft. Copying makes a new draft: from last year's set (a new bloc-year, version 1) or
from the set in use (the same bloc-year, the next version, with a mandatory reason). Score sheets record which
version they were scored against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.emulation.services._common import check_year
from thidua.scoring.audit import scoring_event
from thidua.scoring.choices import CriteriaSetStatus, CriterionKind
from thidua.scoring.errors import CriteriaSetNotEditable, ScoringInvalid, ScoringStateError
from thidua.scoring.models import CriteriaSet, Criterion, CriterionGroup
from thidua.scoring.services._common import check_manage, points_in_bounds, required_reason

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc

MAX_CRITERION_POINTS = Decimal("10000")


@dataclass(frozen=True)
class CriterionInput:
    code: str
    name: str
    kind: str
    max_points: Decimal | str
    guidance: str = ""
    required_evidence: str = ""


def _invalid(field: str, message: str) -> ScoringInvalid:
    return ScoringInvalid(message, fields={field: [message]})


def _lock_set(criteria_set: CriteriaSet) -> CriteriaSet:
    return CriteriaSet.objects.select_for_update(of=("self",)).select_related("bloc__province").get(pk=criteria_set.pk)


def _require_draft(criteria_set: CriteriaSet) -> None:
    if not criteria_set.is_editable:
        raise CriteriaSetNotEditable()


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise _invalid("title", _("Vui lòng nhập tên bộ tiêu chí."))
    return title[:300]


def criteria_set_create(*, actor: User | None, bloc: Bloc, year: int, title: str) -> CriteriaSet:
    """A new, empty draft set (version 1) for a bloc-year that has none."""
    check_manage(actor, bloc)
    check_year(year)
    title = _title(title)
    with transaction.atomic():
        if CriteriaSet.objects.select_for_update().filter(bloc=bloc, year=year).exists():
            raise ScoringStateError(
                _("Khối đã có bộ tiêu chí cho năm %(year)s: hãy sửa bộ đó hoặc tạo phiên bản mới.") % {"year": year}
            )
        criteria_set = CriteriaSet.objects.create(bloc=bloc, year=year, version=1, title=title)
        scoring_event(
            "scoring.criteria_set_created",
            actor=actor,
            target=criteria_set,
            after={"bloc": bloc.name, "year": year, "title": title},
        )
    return criteria_set


def criteria_set_copy(
    *, actor: User | None, source: CriteriaSet, year: int, title: str = "", reason: str = ""
) -> CriteriaSet:
    """Copy ``source`` (its groups and criteria) into a new draft of the same bloc.

    For another year it becomes that year's version 1 (the year must have no set yet); for the same year it becomes
    the next version, and ``reason`` (why the set in use changes) is mandatory.
    """
    check_manage(actor, source.bloc)
    check_year(year)
    with transaction.atomic():
        existing = CriteriaSet.objects.select_for_update().filter(bloc=source.bloc, year=year)
        if year == source.year:
            reason = required_reason(reason, "reason")
            version = (existing.aggregate(top=Max("version"))["top"] or 0) + 1
            if existing.filter(status=CriteriaSetStatus.DRAFT).exists():
                raise ScoringStateError(_("Đã có một phiên bản đang soạn của bộ tiêu chí này: hãy sửa phiên bản đó."))
        else:
            if existing.exists():
                raise ScoringStateError(
                    _("Khối đã có bộ tiêu chí cho năm %(year)s: hãy sửa bộ đó hoặc tạo phiên bản mới.") % {"year": year}
                )
            version = 1
        copy = CriteriaSet.objects.create(
            bloc=source.bloc,
            year=year,
            version=version,
            title=_title(title or source.title),
            copied_from=source,
            change_reason=reason,
        )
        groups = list(source.groups.prefetch_related("criteria").order_by("position", "id"))
        new_groups = CriterionGroup.objects.bulk_create(
            [CriterionGroup(criteria_set=copy, code=g.code, name=g.name, position=g.position) for g in groups]
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    group=new_group,
                    code=c.code,
                    name=c.name,
                    kind=c.kind,
                    max_points=c.max_points,
                    guidance=c.guidance,
                    required_evidence=c.required_evidence,
                    position=c.position,
                )
                for group, new_group in zip(groups, new_groups, strict=True)
                for c in group.criteria.all()
            ]
        )
        scoring_event(
            "scoring.criteria_set_copied",
            actor=actor,
            target=copy,
            after={"source": source.pk, "year": year, "version": version, "reason": reason},
        )
    return copy


def criterion_group_save(
    *,
    actor: User | None,
    criteria_set: CriteriaSet,
    code: str,
    name: str,
    group: CriterionGroup | None = None,
    position: int | None = None,
) -> CriterionGroup:
    """Add a group to a draft set, or rename one."""
    check_manage(actor, criteria_set.bloc)
    code, name = (code or "").strip()[:10], (name or "").strip()[:500]
    if not name:
        raise _invalid("name", _("Vui lòng nhập tên nhóm tiêu chí."))
    with transaction.atomic():
        locked = _lock_set(criteria_set)
        _require_draft(locked)
        if group is None:
            if position is None:
                position = (locked.groups.aggregate(top=Max("position"))["top"] or 0) + 1
            group = CriterionGroup.objects.create(criteria_set=locked, code=code, name=name, position=position)
        else:
            if group.criteria_set_id != locked.pk:
                raise ScoringStateError()
            group.code, group.name = code, name
            if position is not None:
                group.position = position
            group.save()
        scoring_event("scoring.criteria_set_changed", actor=actor, target=locked, after={"group": f"{code}. {name}"})
    return group


def criterion_save(
    *,
    actor: User | None,
    group: CriterionGroup,
    data: CriterionInput,
    criterion: Criterion | None = None,
    position: int | None = None,
) -> Criterion:
    """Add a criterion to a group of a draft set, or change one. Every field error is reported together."""
    criteria_set = group.criteria_set
    check_manage(actor, criteria_set.bloc)
    errors: dict[str, list[str]] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = [_("Vui lòng nhập nội dung tiêu chí.")]
    if data.kind not in CriterionKind.values:
        errors["kind"] = [_("Loại tiêu chí không hợp lệ.")]
    max_points = Decimal("0")
    try:
        max_points = points_in_bounds(data.max_points, maximum=MAX_CRITERION_POINTS, field="max_points")
        if max_points <= 0:
            errors["max_points"] = [_("Điểm tối đa phải lớn hơn 0.")]
    except ScoringInvalid as error:
        errors.update(error.fields)
    if errors:
        raise ScoringInvalid(fields=errors)
    with transaction.atomic():
        locked = _lock_set(criteria_set)
        _require_draft(locked)
        if criterion is None:
            if position is None:
                position = (group.criteria.aggregate(top=Max("position"))["top"] or 0) + 1
            criterion = Criterion(group=group, position=position)
        elif criterion.group.criteria_set_id != locked.pk:
            raise ScoringStateError()
        else:
            criterion.group = group
            if position is not None:
                criterion.position = position
        criterion.code = (data.code or "").strip()[:10]
        criterion.name = name[:1000]
        criterion.kind = data.kind
        criterion.max_points = max_points
        criterion.guidance = data.guidance.strip()
        criterion.required_evidence = data.required_evidence.strip()
        criterion.save()
        scoring_event(
            "scoring.criteria_set_changed",
            actor=actor,
            target=locked,
            after={"criterion": f"{criterion.code}. {criterion.name}", "kind": data.kind, "max": str(max_points)},
        )
    return criterion


def criterion_delete(*, actor: User | None, criterion: Criterion) -> None:
    criteria_set = criterion.group.criteria_set
    check_manage(actor, criteria_set.bloc)
    with transaction.atomic():
        locked = _lock_set(criteria_set)
        _require_draft(locked)
        scoring_event(
            "scoring.criteria_set_changed",
            actor=actor,
            target=locked,
            before={"criterion": f"{criterion.code}. {criterion.name}"},
        )
        criterion.delete()


def criterion_group_delete(*, actor: User | None, group: CriterionGroup) -> None:
    check_manage(actor, group.criteria_set.bloc)
    with transaction.atomic():
        locked = _lock_set(group.criteria_set)
        _require_draft(locked)
        scoring_event(
            "scoring.criteria_set_changed", actor=actor, target=locked, before={"group": f"{group.code}. {group.name}"}
        )
        group.delete()


def criteria_set_approve(
    *, actor: User | None, criteria_set: CriteriaSet, reference: str, now: dt.datetime | None = None
) -> CriteriaSet:
    """Record the bloc's approval (with its reference, e.g. the minutes of the bloc's meeting). The set must have at
    least one scored criterion; it can no longer be edited."""
    check_manage(actor, criteria_set.bloc)
    reference = required_reason(reference, "reference")[:300]
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_set(criteria_set)
        _require_draft(locked)
        if not Criterion.objects.filter(group__criteria_set=locked, kind=CriterionKind.SCORED).exists():
            raise ScoringStateError(_("Bộ tiêu chí chưa có tiêu chí chấm điểm nào."))
        locked.status = CriteriaSetStatus.APPROVED
        locked.approval_reference = reference
        locked.approved_at = now
        locked.approved_by = actor
        locked.save(update_fields=["status", "approval_reference", "approved_at", "approved_by", "updated_at"])
        scoring_event(
            "scoring.criteria_set_approved",
            actor=actor,
            target=locked,
            before={"status": CriteriaSetStatus.DRAFT},
            after={"status": locked.status, "reference": reference},
        )
    return locked
