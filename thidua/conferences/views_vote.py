"""The delegates' pages and the hall's projector (issue 7).

- ``MyPollsView``: a delegate's landing page, the open polls of the conferences where they hold a seat.
- ``PollVoteView``: the question and the ballot; the POST casts it through ``ballot_cast`` and shows the receipt
  code in that very response — the token is never put in a URL, the session or a message, and the response is
  marked ``no-store`` so that the browser does not keep it either.
- ``ReceiptCheckView``: "was my ballot counted?" through ``receipt_check`` (yes or no, nothing else).
- ``ProjectorView`` and ``ProjectorPanelView``: the full-screen page for the hall and the partial it polls
  (HTMX ``every 3s``; without JavaScript the page refreshes itself). A constant number of queries.

Forbidden looks like missing (S12): a poll or conference out of reach is a 404 (``poll_access``,
``conference_access``). No page ever shows a choice but the voter's own marks, echoed back in the response to their
own refused POST.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import View

from thidua.conferences.choices import PollStatus
from thidua.conferences.forms_vote import BallotForm, ReceiptCheckForm
from thidua.conferences.models import Poll
from thidua.conferences.permissions import can_run_conference
from thidua.conferences.selectors import conference_access, poll_access
from thidua.conferences.selectors_vote import (
    my_seats_with_open_polls,
    poll_candidates_list,
    poll_voter_status,
    projector_panel_get,
)
from thidua.conferences.services import ballot_cast, receipt_check
from thidua.core.exceptions import ApplicationError
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest

PROJECTOR_REFRESH_SECONDS = 3


class MyPollsView(LoginRequiredMixin, View):
    template_name = "conferences/vote/my_polls.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"seats": my_seats_with_open_polls(actor=request.user)})


def _vote_page(
    request: AuthenticatedHttpRequest,
    poll: Poll,
    *,
    form: BallotForm | None = None,
    receipt_form: ReceiptCheckForm | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    candidates = poll_candidates_list(poll=poll)
    voter = poll_voter_status(actor=request.user, poll=poll)
    if form is None and voter.can_vote:
        form = BallotForm(poll=poll, candidates=candidates)
    context = {
        "poll": poll,
        "conference": poll.conference,
        "candidates": candidates,
        "voter": voter,
        "form": form,
        "receipt_form": receipt_form or ReceiptCheckForm(),
        "can_check_receipt": poll.status != PollStatus.DRAFT,
        "can_run": poll.conference is not None and can_run_conference(request.user, conference=poll.conference),
        **extra,
    }
    response = render(request, "conferences/vote/poll_vote.html", context, status=status)
    add_never_cache_headers(response)
    return response


class PollVoteView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
        poll = poll_access(actor=request.user, poll_id=poll_id)
        return _vote_page(request, poll)

    def post(self, request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
        poll = poll_access(actor=request.user, poll_id=poll_id)
        form = BallotForm(request.POST, poll=poll, candidates=poll_candidates_list(poll=poll))
        if form.is_valid():
            try:
                receipt = ballot_cast(actor=request.user, poll=poll, choices=form.choices())
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                # Shown once, in this response only: neither redirected with it, nor stored in the session.
                return _vote_page(request, poll, receipt_token=receipt.token)
        return _vote_page(request, poll, form=form, status=422)


class ReceiptCheckView(LoginRequiredMixin, View):
    """POST only, so that a receipt code never lands in a URL, a server log or the browser's history."""

    def post(self, request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
        poll = poll_access(actor=request.user, poll_id=poll_id)
        form = ReceiptCheckForm(request.POST)
        if not form.is_valid():
            return _vote_page(request, poll, receipt_form=form, status=422)
        counted = receipt_check(poll=poll, token=form.cleaned_data["token"])
        return _vote_page(request, poll, receipt_form=ReceiptCheckForm(), receipt_counted=counted)


class ProjectorView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = conference_access(actor=request.user, conference_id=conference_id)
        context = {
            "panel": projector_panel_get(conference=conference),
            "refresh_seconds": PROJECTOR_REFRESH_SECONDS,
        }
        response = render(request, "conferences/vote/projector.html", context)
        add_never_cache_headers(response)
        return response


class ProjectorPanelView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        conference = conference_access(actor=request.user, conference_id=conference_id)
        response = render(
            request, "conferences/vote/_projector_panel.html", {"panel": projector_panel_get(conference=conference)}
        )
        add_never_cache_headers(response)
        return response
