"""Pages of scoring: a criteria set (bộ tiêu chí) as a tree of groups and criteria, edited in place while a draft.

Every change is a POST. With HTMX the page's tree is swapped by the answer (the tree again, with the form left open
and its errors when refused); without JavaScript the POST redirects back to the page, or re-renders it with the
errors (422).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.scoring.choices import CriterionKind
from thidua.scoring.forms import (
    CriteriaSetApproveForm,
    CriteriaSetCopyForm,
    CriteriaSetNewVersionForm,
    CriterionForm,
    CriterionGroupForm,
)
from thidua.scoring.models import CriteriaSet, Criterion, CriterionGroup
from thidua.scoring.permissions import can_manage_scoring
from thidua.scoring.selectors import criteria_set_access, criteria_set_groups, criteria_set_list_for
from thidua.scoring.services import (
    criteria_set_approve,
    criteria_set_copy,
    criterion_delete,
    criterion_group_delete,
    criterion_group_save,
    criterion_save,
)

PAGE_TEMPLATE = "scoring/criteria/criteria_set_detail.html"
TREE_TEMPLATE = "scoring/criteria/_tree.html"


@dataclass
class CriterionRow:
    criterion: Criterion
    edit_form: CriterionForm | None = None


@dataclass
class GroupRow:
    group: CriterionGroup
    criteria: list[CriterionRow]
    add_form: CriterionForm
    edit_form: CriterionGroupForm | None = None
    add_open: bool = False

    @property
    def scored_max(self) -> Decimal:
        return sum(
            (r.criterion.max_points for r in self.criteria if r.criterion.kind == CriterionKind.SCORED), Decimal(0)
        )


@dataclass
class Tree:
    """What the page shows of the set; forms passed in (bound, with errors) replace the empty ones."""

    criteria_set: CriteriaSet
    groups: list[GroupRow]
    is_editable: bool
    group_add_form: CriterionGroupForm
    totals: dict[str, Decimal] = field(default_factory=dict)


def _criteria_set(request: AuthenticatedHttpRequest, set_id: int, *, manage: bool = False) -> CriteriaSet:
    criteria_set = criteria_set_access(actor=request.user, set_id=set_id)
    if manage and not can_manage_scoring(request.user, bloc=criteria_set.bloc):
        raise NotFound()
    return criteria_set


def _tree(
    request: AuthenticatedHttpRequest,
    criteria_set: CriteriaSet,
    *,
    groups: list[CriterionGroup] | None = None,
    group_add_form: CriterionGroupForm | None = None,
    group_edit: tuple[int, CriterionGroupForm] | None = None,
    criterion_add: tuple[int, CriterionForm] | None = None,
    criterion_edit: tuple[int, CriterionForm] | None = None,
) -> Tree:
    if groups is None:
        groups = criteria_set_groups(criteria_set_id=criteria_set.pk)
    totals = {kind: Decimal(0) for kind in CriterionKind.values}
    rows = []
    for group in groups:
        criteria = []
        for criterion in group.criteria.all():
            totals[criterion.kind] = totals.get(criterion.kind, Decimal(0)) + criterion.max_points
            edit_form = criterion_edit[1] if criterion_edit and criterion_edit[0] == criterion.pk else None
            criteria.append(CriterionRow(criterion=criterion, edit_form=edit_form))
        is_adding = criterion_add is not None and criterion_add[0] == group.pk
        rows.append(
            GroupRow(
                group=group,
                criteria=criteria,
                add_form=criterion_add[1] if criterion_add and is_adding else CriterionForm(prefix=f"g{group.pk}"),
                edit_form=group_edit[1] if group_edit and group_edit[0] == group.pk else None,
                add_open=is_adding,
            )
        )
    return Tree(
        criteria_set=criteria_set,
        groups=rows,
        is_editable=criteria_set.is_editable and can_manage_scoring(request.user, bloc=criteria_set.bloc),
        group_add_form=group_add_form or CriterionGroupForm(prefix="group"),
        totals=totals,
    )


def _respond(
    request: AuthenticatedHttpRequest,
    criteria_set: CriteriaSet,
    *,
    status: int = 200,
    approve_form: CriteriaSetApproveForm | None = None,
    copy_form: CriteriaSetCopyForm | None = None,
    version_form: CriteriaSetNewVersionForm | None = None,
    full_page: bool = False,
    **tree_forms: Any,
) -> HttpResponse:
    """The tree alone for HTMX (always 200, so that htmx swaps it), the whole page otherwise."""
    tree = _tree(request, criteria_set, **tree_forms)
    if request.htmx and not full_page:
        return render(request, TREE_TEMPLATE, {"tree": tree})
    can_manage = can_manage_scoring(request.user, bloc=criteria_set.bloc)
    versions = (
        list(criteria_set_list_for(actor=request.user, bloc_id=criteria_set.bloc_id).filter(year=criteria_set.year))
        if can_manage
        else []
    )
    context = {
        "criteria_set": criteria_set,
        "tree": tree,
        "can_manage": can_manage,
        "versions": versions,
        "approve_form": approve_form or CriteriaSetApproveForm(),
        "copy_form": copy_form or CriteriaSetCopyForm(initial={"year": criteria_set.year + 1}),
        "version_form": version_form or CriteriaSetNewVersionForm(),
    }
    return render(request, PAGE_TEMPLATE, context, status=status)


def _done(request: AuthenticatedHttpRequest, criteria_set: CriteriaSet, message: str) -> HttpResponse:
    messages.success(request, message)
    if request.htmx:
        return _respond(request, criteria_set)
    return redirect("scoring:criteria_set", set_id=criteria_set.pk)


def _refused(request: AuthenticatedHttpRequest, criteria_set: CriteriaSet, **forms_: Any) -> HttpResponse:
    return _respond(request, criteria_set, status=422, **forms_)


def _group_of(groups: list[CriterionGroup], group_id: int) -> CriterionGroup:
    for group in groups:
        if group.pk == group_id:
            return group
    raise NotFound()


def _criterion_of(groups: list[CriterionGroup], criterion_id: int) -> Criterion:
    for group in groups:
        for criterion in group.criteria.all():
            if criterion.pk == criterion_id:
                return criterion
    raise NotFound()


def _criterion_initial(criterion: Criterion) -> dict[str, Any]:
    return {
        "code": criterion.code,
        "name": criterion.name,
        "kind": criterion.kind,
        "max_points": f"{criterion.max_points.normalize():f}".replace(".", ","),
        "guidance": criterion.guidance,
        "required_evidence": criterion.required_evidence,
    }


class CriteriaSetView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, set_id: int) -> HttpResponse:
        return _respond(request, _criteria_set(request, set_id))


class GroupAddView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, set_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        form = CriterionGroupForm(request.POST, prefix="group")
        if form.is_valid():
            try:
                criterion_group_save(
                    actor=request.user,
                    criteria_set=criteria_set,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                return _done(request, criteria_set, _("Đã thêm nhóm tiêu chí."))
        return _refused(request, criteria_set, group_add_form=form)


class GroupEditView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, set_id: int, group_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        groups = criteria_set_groups(criteria_set_id=criteria_set.pk)
        group = _group_of(groups, group_id)
        form = CriterionGroupForm(initial={"code": group.code, "name": group.name}, prefix=f"eg{group.pk}")
        return _respond(request, criteria_set, groups=groups, group_edit=(group.pk, form))

    def post(self, request: AuthenticatedHttpRequest, set_id: int, group_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        group = _group_of(criteria_set_groups(criteria_set_id=criteria_set.pk), group_id)
        form = CriterionGroupForm(request.POST, prefix=f"eg{group.pk}")
        if form.is_valid():
            try:
                criterion_group_save(
                    actor=request.user,
                    criteria_set=criteria_set,
                    group=group,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                return _done(request, criteria_set, _("Đã lưu nhóm tiêu chí."))
        return _refused(request, criteria_set, group_edit=(group.pk, form))


class GroupDeleteView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, set_id: int, group_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        group = _group_of(criteria_set_groups(criteria_set_id=criteria_set.pk), group_id)
        try:
            criterion_group_delete(actor=request.user, group=group)
        except ApplicationError as error:
            messages.error(request, error.message)
            if request.htmx:
                return _respond(request, criteria_set)
            return redirect("scoring:criteria_set", set_id=criteria_set.pk)
        return _done(request, criteria_set, _("Đã xoá nhóm tiêu chí và các tiêu chí trong nhóm."))


class CriterionAddView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, set_id: int, group_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        group = _group_of(criteria_set_groups(criteria_set_id=criteria_set.pk), group_id)
        form = CriterionForm(request.POST, prefix=f"g{group.pk}")
        if form.is_valid():
            try:
                criterion_save(actor=request.user, group=group, data=form.to_input())
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                return _done(request, criteria_set, _("Đã thêm tiêu chí."))
        return _refused(request, criteria_set, criterion_add=(group.pk, form))


class CriterionEditView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, set_id: int, criterion_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        groups = criteria_set_groups(criteria_set_id=criteria_set.pk)
        criterion = _criterion_of(groups, criterion_id)
        form = CriterionForm(initial=_criterion_initial(criterion), prefix=f"c{criterion.pk}")
        return _respond(request, criteria_set, groups=groups, criterion_edit=(criterion.pk, form))

    def post(self, request: AuthenticatedHttpRequest, set_id: int, criterion_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        groups = criteria_set_groups(criteria_set_id=criteria_set.pk)
        criterion = _criterion_of(groups, criterion_id)
        group = _group_of(groups, criterion.group_id)
        criterion.group = group
        form = CriterionForm(request.POST, prefix=f"c{criterion.pk}")
        if form.is_valid():
            try:
                criterion_save(actor=request.user, group=group, criterion=criterion, data=form.to_input())
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                return _done(request, criteria_set, _("Đã lưu tiêu chí."))
        return _refused(request, criteria_set, criterion_edit=(criterion.pk, form))


class CriterionDeleteView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, set_id: int, criterion_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        groups = criteria_set_groups(criteria_set_id=criteria_set.pk)
        criterion = _criterion_of(groups, criterion_id)
        criterion.group = _group_of(groups, criterion.group_id)
        criterion.group.criteria_set = criteria_set
        try:
            criterion_delete(actor=request.user, criterion=criterion)
        except ApplicationError as error:
            messages.error(request, error.message)
            if request.htmx:
                return _respond(request, criteria_set)
            return redirect("scoring:criteria_set", set_id=criteria_set.pk)
        return _done(request, criteria_set, _("Đã xoá tiêu chí."))


def _page_form_post(
    request: AuthenticatedHttpRequest, criteria_set: CriteriaSet, form: Any, form_name: str
) -> HttpResponse:
    """Re-render the whole page (never the tree alone) with a refused page-level form."""
    return _respond(request, criteria_set, status=422, full_page=True, **{form_name: form})


class CriteriaSetApproveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, set_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        form = CriteriaSetApproveForm(request.POST)
        if form.is_valid():
            try:
                criteria_set_approve(
                    actor=request.user, criteria_set=criteria_set, reference=form.cleaned_data["reference"]
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã ghi nhận khối thông qua bộ tiêu chí."))
                return redirect("scoring:criteria_set", set_id=criteria_set.pk)
        return _page_form_post(request, criteria_set, form, "approve_form")


class CriteriaSetCopyView(LoginRequiredMixin, View):
    """Copy the set to another year (that year's version 1)."""

    def post(self, request: AuthenticatedHttpRequest, set_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        form = CriteriaSetCopyForm(request.POST)
        if form.is_valid() and form.cleaned_data["year"] == criteria_set.year:
            form.add_error("year", _("Hãy chọn một năm khác; để sửa bộ tiêu chí năm này, hãy tạo phiên bản mới."))
        if form.is_valid():
            try:
                copy = criteria_set_copy(
                    actor=request.user,
                    source=criteria_set,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã sao chép bộ tiêu chí sang năm %(year)s.") % {"year": copy.year})
                return redirect("scoring:criteria_set", set_id=copy.pk)
        return _page_form_post(request, criteria_set, form, "copy_form")


class CriteriaSetNewVersionView(LoginRequiredMixin, View):
    """A new draft version of the same year, with the reason of the change."""

    def post(self, request: AuthenticatedHttpRequest, set_id: int) -> HttpResponse:
        criteria_set = _criteria_set(request, set_id, manage=True)
        form = CriteriaSetNewVersionForm(request.POST)
        if form.is_valid():
            try:
                copy = criteria_set_copy(
                    actor=request.user,
                    source=criteria_set,
                    year=criteria_set.year,
                    title=form.cleaned_data["title"],
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request, _("Đã tạo phiên bản %(version)s của bộ tiêu chí.") % {"version": copy.version}
                )
                return redirect("scoring:criteria_set", set_id=copy.pk)
        return _page_form_post(request, criteria_set, form, "version_form")


urlpatterns: list[URLPattern] = [
    path("bo-tieu-chi/<int:set_id>/", CriteriaSetView.as_view(), name="criteria_set"),
    path("bo-tieu-chi/<int:set_id>/nhom/them/", GroupAddView.as_view(), name="criteria_group_add"),
    path("bo-tieu-chi/<int:set_id>/nhom/<int:group_id>/sua/", GroupEditView.as_view(), name="criteria_group_edit"),
    path("bo-tieu-chi/<int:set_id>/nhom/<int:group_id>/xoa/", GroupDeleteView.as_view(), name="criteria_group_delete"),
    path(
        "bo-tieu-chi/<int:set_id>/nhom/<int:group_id>/them-tieu-chi/",
        CriterionAddView.as_view(),
        name="criteria_criterion_add",
    ),
    path(
        "bo-tieu-chi/<int:set_id>/tieu-chi/<int:criterion_id>/sua/",
        CriterionEditView.as_view(),
        name="criteria_criterion_edit",
    ),
    path(
        "bo-tieu-chi/<int:set_id>/tieu-chi/<int:criterion_id>/xoa/",
        CriterionDeleteView.as_view(),
        name="criteria_criterion_delete",
    ),
    path("bo-tieu-chi/<int:set_id>/thong-qua/", CriteriaSetApproveView.as_view(), name="criteria_set_approve"),
    path("bo-tieu-chi/<int:set_id>/sao-chep/", CriteriaSetCopyView.as_view(), name="criteria_set_copy"),
    path("bo-tieu-chi/<int:set_id>/phien-ban-moi/", CriteriaSetNewVersionView.as_view(), name="criteria_set_version"),
]
