"""Collective conditions over the members (R06, R06A, R07, R07A) and the bloc (R08).

Members' titles come as ``MemberFacts.title_codes_by_year``: the selector builds it from counting awards only
(not revoked, not special or thematic — R19), as ``SubjectFacts.awards_of`` does for the subject itself."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import (
    discipline_label,
    discipline_rank,
    pct,
    rating_label,
    rating_rank,
    title_short,
)
from thidua.awards.rules.context import DisciplineLevel, EvaluationContext, MemberFacts, Rating
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus


def _has_title(member: MemberFacts, title: str, year: int) -> bool:
    return title in member.title_codes_by_year.get(year, frozenset())


def _no_members(ctx: EvaluationContext) -> tuple[LineStatus, str]:
    return LineStatus.NOT_MET, _("Không có dữ liệu thành viên của tập thể năm %(year)s") % {"year": ctx.year}


@condition_register
class MembersShareWithTitle(Condition):
    """The share of members holding ``title`` in the year is at least ``min_share`` (R06: ≥ 70%), or strictly more
    with ``strict`` (R06A: > 50%). Params: ``title`` (default "LDTT"), ``min_share`` (0.70), ``strict`` (False)."""

    code = "members_share_with_title"
    label = gettext_noop("Tỷ lệ thành viên đạt danh hiệu")
    defaults: ClassVar[Mapping[str, Any]] = {"title": "LDTT", "min_share": 0.70, "strict": False}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        members = ctx.subject.members
        if not members:
            return _no_members(ctx)
        title = str(params["title"])
        share = Fraction(str(params["min_share"]))
        holders = sum(1 for m in members if _has_title(m, title, ctx.year))
        ratio = Fraction(holders, len(members))
        met = ratio > share if params["strict"] else ratio >= share
        facts = _("%(holders)s/%(total)s thành viên đạt %(title)s (%(pct)s); yêu cầu %(op)s %(need)s") % {
            "holders": holders,
            "total": len(members),
            "title": title_short(title),
            "pct": pct(holders, len(members)),
            "op": ">" if params["strict"] else "≥",
            "need": f"{float(share) * 100:g}%",
        }
        return (LineStatus.MET if met else LineStatus.NOT_MET), facts


@condition_register
class MembersNoDiscipline(Condition):
    """No member disciplined at ``min_level`` or heavier in the year (decision dated in the year).
    Params: ``min_level`` (default "canh_cao": cảnh cáo)."""

    code = "members_no_discipline"
    label = gettext_noop("Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên")
    defaults: ClassVar[Mapping[str, Any]] = {"min_level": DisciplineLevel.WARNING.value}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        members = ctx.subject.members
        if not members:
            return _no_members(ctx)
        floor = discipline_rank(str(params["min_level"]))
        hits = [
            (m, d)
            for m in members
            for d in m.disciplines
            if d.decided_on.year == ctx.year and discipline_rank(d.level) >= floor
        ]
        if not hits:
            return LineStatus.MET, _("Không thành viên nào bị kỷ luật từ %(level)s trở lên năm %(year)s") % {
                "level": discipline_label(str(params["min_level"])),
                "year": ctx.year,
            }
        items = "; ".join(
            _("thành viên #%(id)s: %(level)s ngày %(date)s")
            % {"id": m.person_id, "level": discipline_label(d.level), "date": d.decided_on.strftime("%d/%m/%Y")}
            for m, d in hits
        )
        return LineStatus.NOT_MET, _("%(count)s kỷ luật năm %(year)s: %(items)s") % {
            "count": len(hits),
            "year": ctx.year,
            "items": items,
        }


@condition_register
class MembersAllRatingAtLeast(Condition):
    """Every member is rated ``min_rating`` or better in the year (R07: 100% hoàn thành nhiệm vụ trở lên).
    Params: ``min_rating`` (default "htnv")."""

    code = "members_all_rating_at_least"
    label = gettext_noop("Tất cả thành viên hoàn thành nhiệm vụ trở lên")
    defaults: ClassVar[Mapping[str, Any]] = {"min_rating": Rating.COMPLETED.value}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        members = ctx.subject.members
        if not members:
            return _no_members(ctx)
        required = str(params["min_rating"])
        below = [m for m in members if rating_rank(m.ratings.get(ctx.year)) < rating_rank(required)]
        facts = _("%(ok)s/%(total)s thành viên đạt %(required)s trở lên năm %(year)s") % {
            "ok": len(members) - len(below),
            "total": len(members),
            "required": rating_label(required),
            "year": ctx.year,
        }
        if below:
            facts += _("; chưa đạt: %(items)s") % {
                "items": ", ".join(f"#{m.person_id} ({rating_label(m.ratings.get(ctx.year))})" for m in below)
            }
        return (LineStatus.NOT_MET if below else LineStatus.MET), facts


@condition_register
class MembersAnyWithTitle(Condition):
    """At least ``min_count`` members hold ``title`` in the year (R07: ≥ 1 member CSTĐCS).
    Params: ``title`` (default "CSTDCS"), ``min_count`` (default 1)."""

    code = "members_any_with_title"
    label = gettext_noop("Có thành viên đạt danh hiệu")
    defaults: ClassVar[Mapping[str, Any]] = {"title": "CSTDCS", "min_count": 1}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        members = ctx.subject.members
        if not members:
            return _no_members(ctx)
        title = str(params["title"])
        holders = [m for m in members if _has_title(m, title, ctx.year)]
        need = int(params["min_count"])
        facts = _("%(count)s thành viên đạt %(title)s năm %(year)s (yêu cầu ít nhất %(need)s)") % {
            "count": len(holders),
            "title": title_short(title),
            "year": ctx.year,
            "need": need,
        }
        return (LineStatus.MET if len(holders) >= need else LineStatus.NOT_MET), facts


@condition_register
class LeadsBloc(Condition):
    """The collective leads its emulation bloc (cụm, khối) in the year, as the bloc decided (R08)."""

    code = "leads_bloc"
    label = gettext_noop("Dẫn đầu cụm, khối thi đua do tỉnh tổ chức")

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        if ctx.year in ctx.subject.leads_bloc_in:
            return LineStatus.MET, _("Dẫn đầu khối thi đua năm %(year)s") % {"year": ctx.year}
        return LineStatus.NOT_MET, _("Không được khối suy tôn dẫn đầu năm %(year)s") % {"year": ctx.year}
