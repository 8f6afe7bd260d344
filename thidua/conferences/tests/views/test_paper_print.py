"""Printing the numbered paper ballots: one page per outstanding sheet, for those who run the conference only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.conferences.models import PaperSheet
from thidua.conferences.services import paper_ballots_issue, paper_sheet_mark
from thidua.conferences.tests.conftest import ConferenceWorld


def _url(cw: ConferenceWorld) -> str:
    return reverse("conferences:paper_ballots_print", args=[cw.conference.pk, cw.poll.pk])


def test_each_outstanding_sheet_prints_with_its_number_and_the_candidates(client, cw: ConferenceWorld):
    paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    paper_sheet_mark(actor=None, poll=cw.poll, serial=2, status="spoiled")
    client.force_login(cw.world.secretariat)
    html = client.get(_url(cw)).content.decode()
    assert 'id="ballot-1"' in html and 'id="ballot-3"' in html and 'id="ballot-2"' not in html
    assert html.count(cw.c.name) == 2  # the candidates on each of the two pages
    assert "tối đa 1 đơn vị, cá nhân" in html and "Không bầu cho đơn vị mình." in html


@pytest.mark.parametrize("who", ["head_b", "q_office", "plain"])
def test_delegates_and_outsiders_cannot_print_ballots(client, cw: ConferenceWorld, who: str):
    paper_ballots_issue(actor=None, poll=cw.poll, count=1)
    client.force_login(getattr(cw.world, who))
    assert client.get(_url(cw)).status_code == 404
    assert PaperSheet.objects.filter(poll=cw.poll).count() == 1
