"""The secretariat's poll pages (issue 7): creating a poll, its candidates, the readiness checklist, the transitions
(open, close, publish, run-off) and the paper ballot desk; after the close, the roll with voted / not voted and,
once published, the frozen result — never anyone's choice (``voting/README.md``).

As on the conference pages, a poll out of reach or a step the user may not take is a 404 and nothing changes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from thidua.conferences.choices import CandidateOutcomeStatus, ConferenceStatus, PollKind, PollStatus
from thidua.conferences.errors import ConferenceNotAllowed
from thidua.conferences.forms import (
    CandidatesForm,
    HandOutForm,
    PaperEntryForm,
    PaperIssueForm,
    PollForm,
    SheetMarkForm,
)
from thidua.conferences.models import AgendaItem, Conference, Poll, PollCandidate
from thidua.conferences.permissions import can_run_conference
from thidua.conferences.selectors import poll_access, poll_roll_published
from thidua.conferences.selectors_pages import (
    conference_member_units,
    poll_candidates,
    poll_outstanding_serials,
    poll_paper_figures,
    poll_roll_entries,
    units_registered_for,
)
from thidua.conferences.services import (
    CandidateInput,
    paper_ballot_enter,
    paper_ballot_hand_out,
    paper_ballots_issue,
    paper_sheet_mark,
    poll_candidates_set,
    poll_close,
    poll_create,
    poll_open,
    poll_open_blockers,
    poll_publish,
    poll_runoff_create,
)
from thidua.conferences.views_manage import conference_run_access
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest

OUTCOME_BADGES = {
    CandidateOutcomeStatus.ELECTED: "success",
    CandidateOutcomeStatus.NOT_ELECTED: "secondary",
    CandidateOutcomeStatus.TIE: "warning",
}


def _poll_of(request: AuthenticatedHttpRequest, conference_id: int, poll_id: int) -> Poll:
    """The poll, reached through its own conference (a poll of another conference under this URL is missing)."""
    poll = poll_access(actor=request.user, poll_id=poll_id)
    if poll.conference_id != conference_id:
        raise NotFound()
    return poll


def _run_poll_of(request: AuthenticatedHttpRequest, conference_id: int, poll_id: int) -> Poll:
    poll = _poll_of(request, conference_id, poll_id)
    if poll.conference is None or not can_run_conference(request.user, conference=poll.conference):
        raise NotFound()
    return poll


def _conference(poll: Poll) -> Conference:
    if poll.conference is None:  # pragma: no cover - _poll_of only returns polls of a conference
        raise NotFound()
    return poll.conference


# --- Create ----------------------------------------------------------------------------------------------------------


class PollCreateView(LoginRequiredMixin, View):
    template_name = "conferences/poll_create.html"

    def _form(self, conference: Conference, data: Any = None) -> PollForm:
        return PollForm(data, agenda_items=AgendaItem.objects.filter(conference=conference).order_by("order"))

    def _conference(self, request: AuthenticatedHttpRequest, conference_id: int) -> Conference:
        conference = conference_run_access(request, conference_id)
        if conference.status == ConferenceStatus.CLOSED:
            raise NotFound()
        return conference

    def get(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = self._conference(request, conference_id)
        return render(request, self.template_name, {"conference": conference, "form": self._form(conference)})

    def post(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = self._conference(request, conference_id)
        form = self._form(conference, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                poll = poll_create(
                    actor=request.user,
                    conference=conference,
                    title=data["title"],
                    kind=data["kind"],
                    max_choices=data["max_choices"],
                    is_secret=data["is_secret"],
                    allows_self_vote=data["allows_self_vote"],
                    majority_rule=data["majority_rule"],
                    majority_share=data["majority_share"],
                    percentage_base=data["percentage_base"],
                    office=data["office"] or "",
                    agenda_item=data["agenda_item"],
                    award_title=data["award_title"],
                )
            except ConferenceNotAllowed as refused:
                raise NotFound() from refused
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã tạo cuộc biểu quyết. Hãy lập danh sách trên phiếu."))
                return redirect("conferences:poll", conference_id=conference.pk, poll_id=poll.pk)
        return render(request, self.template_name, {"conference": conference, "form": form}, status=422)


# --- One poll --------------------------------------------------------------------------------------------------------


def _result_rows(poll: Poll, candidates: list[PollCandidate]) -> list[dict[str, Any]]:
    """The published tally, one row per candidate in ballot order (counts only: no ballot, no voter)."""
    tallies = {row["candidate_id"]: row for row in poll.result.get("candidates", [])}
    statuses = dict(CandidateOutcomeStatus.choices)
    rows = []
    for candidate in candidates:
        row = tallies.get(candidate.pk)
        if row is None:
            continue
        rows.append(
            {
                "label": candidate.label,
                "votes": row["votes"],
                "against": row["against"],
                "abstain": row["abstain"],
                "share_percent": row["share_percent"],
                "rank": row["rank"],
                "status": statuses.get(row["status"], row["status"]),
                "colour": OUTCOME_BADGES.get(row["status"], "secondary"),
            }
        )
    return rows


def _page_forms(poll: Poll, candidates: list[PollCandidate], can_run: bool) -> dict[str, forms.Form | None]:
    conference = _conference(poll)
    status = poll.status
    page_forms: dict[str, forms.Form | None] = dict.fromkeys(("candidates", "issue", "handout", "entry", "mark"))
    if not can_run or (conference.status == ConferenceStatus.CLOSED and status == PollStatus.DRAFT):
        return page_forms
    if status == PollStatus.DRAFT:
        registered = units_registered_for(conference=conference, title_id=poll.award_title_id)
        # A new list starts from the registrations: the units that registered for the title the poll proposes.
        chosen = [c.unit_id for c in candidates if c.unit_id] or sorted(registered)
        page_forms["candidates"] = CandidatesForm(
            units=conference_member_units(conference=conference), initial={"units": chosen}, registered=registered
        )
    if status in (PollStatus.DRAFT, PollStatus.OPEN):
        page_forms["issue"] = PaperIssueForm()
    if status == PollStatus.OPEN:
        page_forms["handout"] = HandOutForm(roll=poll_roll_entries(poll=poll))
    if status in (PollStatus.OPEN, PollStatus.CLOSED):
        page_forms["entry"] = PaperEntryForm(candidates=candidates, kind=poll.kind)
    if status in (PollStatus.DRAFT, PollStatus.OPEN, PollStatus.CLOSED):
        page_forms["mark"] = SheetMarkForm()
    return page_forms


def poll_page(
    request: AuthenticatedHttpRequest,
    poll: Poll,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    conference = _conference(poll)
    can_run = can_run_conference(request.user, conference=conference)
    candidates = poll_candidates(poll=poll)
    page_forms = _page_forms(poll, candidates, can_run)
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    is_draft = poll.status == PollStatus.DRAFT
    is_over = poll.status in (PollStatus.CLOSED, PollStatus.PUBLISHED)
    is_published = poll.status == PollStatus.PUBLISHED
    conference_open = conference.status != ConferenceStatus.CLOSED
    context = {
        "conference": conference,
        "poll": poll,
        "can_run": can_run,
        "candidates": candidates,
        "blockers": poll_open_blockers(poll=poll) if can_run and is_draft else [],
        "can_open": can_run and is_draft,
        "can_close": can_run and poll.status == PollStatus.OPEN,
        "can_publish": can_run and poll.status == PollStatus.CLOSED,
        "can_runoff": can_run and is_published and bool(poll.result.get("runoff")) and conference_open,
        "paper": poll_paper_figures(poll=poll) if can_run else None,
        "outstanding": poll_outstanding_serials(poll=poll) if can_run and not is_published else [],
        "roll": poll_roll_published(poll=poll) if is_over else [],
        "result_rows": _result_rows(poll, candidates) if is_published else [],
        "runoff": poll.result.get("runoff") if is_published else None,
        "is_yes_no": poll.kind == PollKind.YES_NO_ABSTAIN,
        "forms": page_forms,
    }
    return render(request, "conferences/poll_detail.html", context, status=status)


class PollView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, conference_id: int, poll_id: int) -> HttpResponse:
        return poll_page(request, _poll_of(request, conference_id, poll_id))


def _done(request: AuthenticatedHttpRequest, poll: Poll, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("conferences:poll", conference_id=poll.conference_id, poll_id=poll.pk)


class PollActionView(LoginRequiredMixin, View):
    """One step on a poll (POST). The state machine lives in the services; a refused step is shown on the page."""

    FORM_OF = {
        "candidates": "candidates",
        "issue": "issue",
        "handout": "handout",
        "enter": "entry",
        "mark": "mark",
        "open": None,
        "close": None,
        "publish": None,
        "runoff": None,
    }

    def post(self, request: AuthenticatedHttpRequest, conference_id: int, poll_id: int, action: str) -> HttpResponse:
        if action not in self.FORM_OF:
            raise NotFound()
        poll = _run_poll_of(request, conference_id, poll_id)
        form_name = self.FORM_OF[action]
        form = self._form(request, poll, action)
        if form is not None and form_name is not None and not form.is_valid():
            return poll_page(request, poll, bound=(form_name, form), status=422)
        try:
            return self._run(request, poll, action, form)
        except ConferenceNotAllowed as refused:
            raise NotFound() from refused
        except ApplicationError as error:
            if form is None or form_name is None:
                messages.error(request, error.message)
                poll.refresh_from_db()
                return poll_page(request, poll, status=error.status_code or 409)
            form_errors_add(form, error, summary="distinct")
            poll.refresh_from_db()
            return poll_page(request, poll, bound=(form_name, form), status=422)

    def _form(self, request: AuthenticatedHttpRequest, poll: Poll, action: str) -> forms.Form | None:
        if action == "candidates":
            return CandidatesForm(request.POST, units=conference_member_units(conference=_conference(poll)))
        if action == "issue":
            return PaperIssueForm(request.POST)
        if action == "handout":
            return HandOutForm(request.POST, roll=poll_roll_entries(poll=poll))
        if action == "enter":
            return PaperEntryForm(request.POST, candidates=poll_candidates(poll=poll), kind=poll.kind)
        if action == "mark":
            return SheetMarkForm(request.POST)
        return None

    def _run(self, request: AuthenticatedHttpRequest, poll: Poll, action: str, form: forms.Form | None) -> HttpResponse:
        user = request.user
        data: dict[str, Any] = form.cleaned_data if form is not None else {}
        if action == "candidates":
            candidates = [CandidateInput(unit=unit) for unit in data["units"]]
            poll_candidates_set(actor=user, poll=poll, candidates=candidates)
            return _done(request, poll, _("Đã lưu danh sách trên phiếu."))
        if action == "open":
            poll_open(actor=user, poll=poll)
            return _done(request, poll, _("Đã bắt đầu bỏ phiếu."))
        if action == "close":
            poll_close(actor=user, poll=poll)
            return _done(request, poll, _("Đã kết thúc bỏ phiếu."))
        if action == "publish":
            poll_publish(actor=user, poll=poll)
            return _done(request, poll, _("Đã công bố kết quả."))
        if action == "runoff":
            runoff = poll_runoff_create(actor=user, poll=poll)
            messages.success(request, _("Đã tạo cuộc bầu lại cho các trường hợp bằng phiếu."))
            return redirect("conferences:poll", conference_id=runoff.conference_id, poll_id=runoff.pk)
        if action == "issue":
            serials = paper_ballots_issue(actor=user, poll=poll, count=data["count"])
            return _done(
                request, poll, _("Đã in phiếu số %(first)s đến %(last)s.") % {"first": serials[0], "last": serials[-1]}
            )
        if action == "handout":
            paper_ballot_hand_out(actor=user, poll=poll, roll_entry=data["roll_entry"])
            return _done(request, poll, _("Đã phát phiếu giấy cho %(voter)s.") % {"voter": data["roll_entry"].label})
        if action == "enter":
            marks = form.marks() if isinstance(form, PaperEntryForm) else {}
            paper_ballot_enter(actor=user, poll=poll, serial=data["serial"], choices=marks, is_valid=data["validity"])
            return _done(request, poll, _("Đã nhập phiếu số %(serial)s.") % {"serial": data["serial"]})
        paper_sheet_mark(actor=user, poll=poll, serial=data["serial"], status=data["status"])
        return _done(request, poll, _("Đã ghi nhận phiếu số %(serial)s.") % {"serial": data["serial"]})


class PaperBallotsPrintView(LoginRequiredMixin, View):
    """The numbered paper ballots still outstanding, one per printed page: the poll's question, the instruction
    (choose up to K, or for / against / abstain per candidate), the candidates with boxes, and the sheet's number.
    The number identifies the sheet for the count, never a voter (``voting/README.md`` S8)."""

    def get(self, request: AuthenticatedHttpRequest, conference_id: int, poll_id: int) -> HttpResponse:
        poll = _run_poll_of(request, conference_id, poll_id)
        return render(
            request,
            "conferences/paper_ballots_print.html",
            {
                "conference": _conference(poll),
                "poll": poll,
                "serials": poll_outstanding_serials(poll=poll, limit=1000),
                "candidates": poll_candidates(poll=poll),
                "is_yes_no": poll.kind == PollKind.YES_NO_ABSTAIN,
            },
        )
