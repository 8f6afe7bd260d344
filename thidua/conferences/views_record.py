"""The conference's record: the minutes (biên bản hội nghị) and each poll's vote-count record (biên bản kiểm phiếu),
printable from the browser, with their confirmations by the chair and the secretary; and carrying a published
result on to the bloc's dossier or next year's composition. Outsiders get a 404 (S12)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from thidua.conferences.choices import ConferenceStatus, PollStatus, RecordSignatory
from thidua.conferences.models import Conference, Poll
from thidua.conferences.permissions import can_manage_conferences_of, can_run_conference, is_chair_of
from thidua.conferences.selectors import conference_access, poll_access
from thidua.conferences.selectors_record import conference_minutes, poll_count_record
from thidua.conferences.services import poll_result_apply, record_confirm
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.http import AuthenticatedHttpRequest


def _signatories(request: AuthenticatedHttpRequest, conference: Conference) -> list[tuple[str, str]]:
    """The capacities in which this user may confirm the record (chair, secretary), with their labels."""
    labels = dict(RecordSignatory.choices)
    allowed = []
    if is_chair_of(request.user, conference=conference):
        allowed.append(RecordSignatory.CHAIR)
    if can_manage_conferences_of(request.user, bloc=conference.bloc):
        allowed.append(RecordSignatory.SECRETARY)
    return [(value, str(labels[value])) for value in allowed]


class MinutesView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = conference_access(actor=request.user, conference_id=conference_id)
        record = conference_minutes(conference=conference)
        is_closed = conference.status == ConferenceStatus.CLOSED
        return render(
            request,
            "conferences/record/minutes.html",
            {
                "conference": conference,
                "record": record,
                "minutes": record.content,
                "signatories": _signatories(request, conference) if is_closed else [],
            },
        )


class CountRecordView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
        poll = poll_access(actor=request.user, poll_id=poll_id)
        if poll.status not in (PollStatus.CLOSED, PollStatus.PUBLISHED):
            raise NotFound()
        conference = poll.conference
        assert conference is not None  # noqa: S101  (poll_access returns conference polls only)
        record = poll_count_record(poll=poll)
        return render(
            request,
            "conferences/record/count_record.html",
            {
                "conference": conference,
                "poll": poll,
                "record": record,
                "count": record.content,
                "signatories": _signatories(request, conference) if poll.status == PollStatus.PUBLISHED else [],
                "can_apply": poll.status == PollStatus.PUBLISHED
                and poll.applied_at is None
                and (poll.award_title_id is not None or bool(poll.office))
                and can_run_conference(request.user, conference=conference),
            },
        )


class RecordConfirmView(LoginRequiredMixin, View):
    """POST: confirm the minutes (no ``poll``) or a poll's count record, as ``signatory``."""

    def post(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = conference_access(actor=request.user, conference_id=conference_id)
        poll: Poll | None = None
        poll_id = request.POST.get("poll", "")
        if poll_id:
            if not poll_id.isdigit():
                raise NotFound()
            poll = poll_access(actor=request.user, poll_id=int(poll_id))
            if poll.conference_id != conference.pk:
                raise NotFound()
        try:
            record_confirm(
                actor=request.user, conference=conference, poll=poll, signatory=request.POST.get("signatory", "")
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã xác nhận biên bản."))
        if poll is not None:
            return redirect("conferences:count_record", poll_id=poll.pk)
        return redirect("conferences:minutes", conference_id=conference.pk)


class ResultApplyView(LoginRequiredMixin, View):
    """POST: carry a published result on (the bloc's dossier, or next year's Khối trưởng / Khối phó)."""

    def post(self, request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
        poll = poll_access(actor=request.user, poll_id=poll_id)
        try:
            applied = poll_result_apply(actor=request.user, poll=poll)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("conferences:count_record", poll_id=poll.pk)
        if applied.dossier is not None:
            messages.success(
                request,
                _("Đã đưa %(count)s đơn vị vào hồ sơ đề nghị khen thưởng của khối.")
                % {"count": len(applied.nominations)},
            )
            return redirect("awards:dossier", dossier_id=applied.dossier.pk)
        messages.success(request, _("Đã cập nhật Khối trưởng, Khối phó năm sau theo kết quả bầu."))
        return redirect("conferences:count_record", poll_id=poll.pk)
