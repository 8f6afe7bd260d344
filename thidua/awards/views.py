"""Pages of the awards app: the eligibility check, the history of awards, the rules and the province's adjustments.

Reads that the selectors do not offer yet are private functions here, built on the permission scopes (S12).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from thidua.accounts.scoping import unit_scope
from thidua.awards.choices import TitleSubject
from thidua.awards.errors import ParameterNotEditable
from thidua.awards.forms import EligibilityForm, HistoryFilterForm, ParameterOverrideForm
from thidua.awards.models import AwardRecord, ParameterOverride
from thidua.awards.permissions import AwardsPermission, can_view_facts
from thidua.awards.rules.catalogue import ABSENT, LAW_2003, LAW_2022, ND_91_2017, ND_152_2025, RULE_SETS, NoRuleSet
from thidua.awards.rules.engine import REGIME_B_FROM, REGIME_C_FROM, regime_for
from thidua.awards.rules.parameters import PROVINCE_PARAMETERS
from thidua.awards.rules.registry import condition_get
from thidua.awards.rules.results import LineStatus, Verdict, VerdictStatus
from thidua.awards.selectors import eligibility_evaluate_for, fact_people_visible_to, fact_units_visible_to
from thidua.awards.services import parameter_override_set
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.core.text import fold
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.people.models import Assignment

ND_98_2023 = "Nghị định 98/2023/NĐ-CP"


@dataclass(frozen=True)
class RegimeInfo:
    code: str
    texts: tuple[str, ...]
    period: str | Promise


REGIMES = {
    "A": RegimeInfo("A", (LAW_2003, ND_91_2017), gettext_lazy("đến hết ngày 31/12/2023")),
    "B": RegimeInfo("B", (LAW_2022, ND_98_2023), gettext_lazy("từ 01/01/2024 đến hết 30/06/2025")),
    "C": RegimeInfo("C", (LAW_2022, ND_152_2025), gettext_lazy("từ ngày 01/07/2025")),
}
VERDICT_BADGES = {
    VerdictStatus.ELIGIBLE: ("success", gettext_lazy("Đủ điều kiện")),
    VerdictStatus.NOT_ELIGIBLE: ("danger", gettext_lazy("Không đủ điều kiện")),
    VerdictStatus.NEEDS_CONFIRMATION: ("warning", gettext_lazy("Cần xác nhận")),
}
LINE_BADGES = {
    LineStatus.MET: ("success", gettext_lazy("Đạt")),
    LineStatus.NOT_MET: ("danger", gettext_lazy("Không đạt")),
    LineStatus.NEEDS_CONFIRMATION: ("warning", gettext_lazy("Cần xác nhận")),
}


# --- Private reads (candidates for awards/selectors.py) --------------------------------------------------------------


def _award_records_visible_to(actor: Any) -> QuerySet[AwardRecord]:
    """Award records of the collectives where the actor reads facts, and of the people within reach for the record's
    year (a post in such a unit that year, or their current post there), as ``people_within_reach``."""
    if not can_view_facts(actor):
        return AwardRecord.objects.none()
    units = fact_units_visible_to(actor=actor)
    in_year = Assignment.objects.filter(
        person_id=OuterRef("person_id"), unit__in=units, starts_on__year__lte=OuterRef("year")
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=OuterRef("year")))
    latest = (
        Assignment.objects.filter(person_id=OuterRef("person_id"))
        .order_by(F("ends_on").desc(nulls_first=True), "-starts_on")
        .values("unit_id")[:1]
    )
    return (
        AwardRecord.objects.annotate(current_unit_id=Subquery(latest))
        .filter(Q(unit__in=units) | Q(person__isnull=False) & (Exists(in_year) | Q(current_unit_id__in=units)))
        .select_related("person", "unit", "title")
        .order_by("-year", "-decided_on", "-pk")
    )


def _overrides_of(provinces: QuerySet[Unit]) -> QuerySet[ParameterOverride]:
    return (
        ParameterOverride.objects.filter(province__in=provinces)
        .select_related("province", "created_by")
        .order_by("province__name", "condition_code", "param", "-valid_from")
    )


# --- Pages -----------------------------------------------------------------------------------------------------------


def _tabs(request: AuthenticatedHttpRequest, active: str) -> dict[str, Any]:
    return {"tab": active, "can_view_facts": can_view_facts(request.user)}


class EligibilityView(LoginRequiredMixin, View):
    """Kiểm tra tiêu chuẩn: a GET form (bookmarkable) and the verdict, with one line per condition. No writes."""

    template_name = "awards/eligibility.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_view_facts(request.user):
            raise NotFound()
        today = timezone.localdate()
        form = EligibilityForm(
            request.GET or None,
            people=fact_people_visible_to(actor=request.user),
            units=fact_units_visible_to(actor=request.user).order_by("path"),
            initial={"reference_date": today, "year": today.year - 1},
        )
        context: dict[str, Any] = {"form": form, **_tabs(request, "eligibility")}
        reference_date = today
        if form.is_bound and not form.is_valid():
            context["regime"] = REGIMES[regime_for(reference_date)]
            return render(request, self.template_name, context, status=422)
        if form.is_bound:
            data = form.cleaned_data
            reference_date = data["reference_date"] or today
            person, unit, title = data["person"], data["unit"], data["title"]
            context.update(subject=person or unit, title=title, year=data["year"], reference_date=reference_date)
            try:
                verdicts = eligibility_evaluate_for(
                    actor=request.user,
                    title_code=title.code,
                    year=data["year"],
                    reference_date=reference_date,
                    person_ids=[person.pk] if person else (),
                    unit_ids=[unit.pk] if unit else (),
                )
            except NoRuleSet as missing:
                context["no_rule_set"] = str(missing)
            else:
                context.update(_verdict_context(verdicts[0]))
        context["regime"] = REGIMES[regime_for(reference_date)]
        return render(request, self.template_name, context)


def _verdict_context(verdict: Verdict) -> dict[str, Any]:
    colour, label = VERDICT_BADGES[verdict.status]
    lines = [
        {"line": line, "colour": LINE_BADGES[line.status][0], "status_label": LINE_BADGES[line.status][1]}
        for line in verdict.lines
    ]
    return {"verdict": verdict, "verdict_colour": colour, "verdict_label": label, "lines": lines}


class HistoryView(LoginRequiredMixin, View):
    """Lịch sử khen thưởng: the award records the user may see, searchable by name, year and title."""

    template_name = "awards/history.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_view_facts(request.user):
            raise NotFound()
        form = HistoryFilterForm(request.GET or None)
        records = _award_records_visible_to(request.user)
        status = 200
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            for word in fold(data["q"] or "").split():
                records = records.filter(Q(person__search_name__contains=word) | Q(unit__search_name__contains=word))
            if data["year"] is not None:
                records = records.filter(year=data["year"])
            if data["title"] is not None:
                records = records.filter(title=data["title"])
        elif form.is_bound:
            status = 422
        context = {
            "form": form,
            "page": paginate(request, records),
            "querystring": querystring_without_page(request),
            **_tabs(request, "history"),
        }
        return render(request, self.template_name, context, status=status)


@dataclass(frozen=True)
class ConditionRow:
    code: str
    label: str
    params: list[tuple[str, Any, bool]]
    citation: str
    is_configurable: bool


@dataclass(frozen=True)
class RuleSetRow:
    key: str
    title_code: str
    regime: str
    subject_label: str
    conditions: list[ConditionRow]


def _rule_set_rows() -> list[RuleSetRow]:
    subjects = {"individual": TitleSubject.INDIVIDUAL.label, "collective": TitleSubject.COLLECTIVE.label}
    rows = []
    for rule_set in RULE_SETS:
        conditions = []
        for spec in rule_set.conditions:
            condition = condition_get(spec.code)
            merged = {**condition.defaults, **(spec.params or {})}
            label = str(merged.pop("label", "") or "") or condition.label
            params = [(name, value, name in spec.configurable) for name, value in merged.items()]
            conditions.append(
                ConditionRow(
                    code=spec.code,
                    label=_(label),
                    params=params,
                    citation=str(spec.citation),
                    is_configurable=bool(spec.configurable),
                )
            )
        rows.append(
            RuleSetRow(
                key=rule_set.key,
                title_code=rule_set.title_code,
                regime=rule_set.regime,
                subject_label=str(subjects.get(rule_set.subject, "")),
                conditions=conditions,
            )
        )
    return rows


class RulesView(LoginRequiredMixin, View):
    """Quy định: the rule sets for everyone signed in; the province office's adjustments and their form."""

    template_name = "awards/rules.html"

    def _provinces(self, request: AuthenticatedHttpRequest) -> QuerySet[Unit]:
        return unit_scope(request.user, AwardsPermission.PARAMETER_SET).filter(kind=UnitKind.PROVINCE).order_by("name")

    def _context(self, request: AuthenticatedHttpRequest, form: ParameterOverrideForm | None) -> dict[str, Any]:
        provinces = self._provinces(request)
        return {
            "rule_sets": _rule_set_rows(),
            "province_parameters": PROVINCE_PARAMETERS,
            "absent": sorted(ABSENT.items()),
            "regimes": list(REGIMES.values()),
            "regime_b_from": REGIME_B_FROM,
            "regime_c_from": REGIME_C_FROM,
            "form": form,
            "overrides": list(_overrides_of(provinces)) if form is not None else [],
            **_tabs(request, "rules"),
        }

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        provinces = self._provinces(request)
        form = ParameterOverrideForm(provinces=provinces) if provinces.exists() else None
        return render(request, self.template_name, self._context(request, form))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        provinces = self._provinces(request)
        if not provinces.exists():
            raise NotFound()
        form = ParameterOverrideForm(request.POST, provinces=provinces)
        if form.is_valid():
            data = form.cleaned_data
            try:
                parameter_override_set(
                    actor=request.user,
                    province=data["province"],
                    condition_code=data["condition_code"],
                    param=data["param"],
                    value=data["value"],
                    valid_from=data["valid_from"],
                    decision_reference=data["decision_reference"],
                    rule_set_key=data["rule_set_key"] or "",
                )
            except ParameterNotEditable as refused:
                raise NotFound() from refused
            except ApplicationError as error:
                form_errors_add(form, error, summary="always")
            else:
                messages.success(request, _("Đã ghi điều chỉnh tham số quy tắc của tỉnh."))
                return redirect("awards:rules")
        return render(request, self.template_name, self._context(request, form), status=422)
