"""movement_review_add: launched → sơ kết → tổng kết, under a lock; refusals change nothing."""

import datetime as dt

import pytest

from thidua.core.exceptions import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.movements.choices import MovementStatus
from thidua.movements.errors import (
    MovementClosed,
    MovementNotManageable,
    MovementReviewExists,
    MovementReviewTooEarly,
)
from thidua.movements.services import movement_review_add
from thidua.movements.tests.factories import movement_make
from thidua.movements.tests.helpers import fake_pdf, pdf, state

pytestmark = pytest.mark.django_db


def _review(actor, movement, kind, day, **extra):
    return movement_review_add(actor=actor, movement=movement, kind=kind, held_on=day, summary="Kết quả", **extra)


def test_mid_term_then_final_closes_the_movement(world):
    # given
    movement = movement_make(world.p)
    # when
    _review(world.province_office, movement, "mid_term", dt.date(2019, 7, 15), attachment=pdf("so-ket.pdf"))
    movement.refresh_from_db()
    mid_status = movement.status
    _review(world.province_office, movement, "final", dt.date(2019, 12, 20))
    # then
    movement.refresh_from_db()
    assert (mid_status, movement.status) == (MovementStatus.MID_TERM_REVIEWED, MovementStatus.FINAL_REVIEWED)
    event = AuditEvent.objects.latest("id")
    assert event.action == "movements.movement_reviewed"
    assert (event.before, event.after["status"]) == ({"status": "mid_term_reviewed"}, "final_reviewed")


def test_a_final_review_without_a_mid_term_one_closes_it(world):
    movement = movement_make(world.a)
    _review(world.officer_a, movement, "final", dt.date(2019, 12, 20))
    movement.refresh_from_db()
    assert movement.status == MovementStatus.FINAL_REVIEWED


@pytest.mark.parametrize(
    ("_case", "setup", "kind", "day", "error"),
    [
        ("before the launch date", [], "mid_term", dt.date(2019, 2, 19), MovementReviewTooEarly),
        ("a final one before the mid-term", [("mid_term", 7)], "final", dt.date(2019, 6, 30), MovementReviewTooEarly),
        ("a second mid-term", [("mid_term", 7)], "mid_term", dt.date(2019, 8, 1), MovementReviewExists),
        ("after the final one", [("final", 12)], "mid_term", dt.date(2019, 12, 25), MovementClosed),
    ],
)
def test_refusals_change_nothing(world, _case, setup, kind, day, error):
    # given
    movement = movement_make(world.p)
    for earlier_kind, month in setup:
        _review(None, movement, earlier_kind, dt.date(2019, month, 1))
    before = state()
    # when / then
    with pytest.raises(error):
        _review(world.province_office, movement, kind, day)
    assert state() == before


def test_a_review_on_the_launch_date_is_accepted(world):
    movement = movement_make(world.p)
    review = _review(world.province_office, movement, "mid_term", movement.launched_on)
    assert review.held_on == dt.date(2019, 2, 20)


@pytest.mark.parametrize("who", ["plain", "head_a", "officer_a", "secretariat", "other_secretariat", "q_office"])
def test_only_the_launching_body_reviews_a_province_movement(world, request, who):
    movement = movement_make(world.p)
    actor = request.getfixturevalue(who) if who == "other_secretariat" else getattr(world, who)
    before = state()
    with pytest.raises(MovementNotManageable):
        _review(actor, movement, "mid_term", dt.date(2019, 7, 1))
    assert state() == before


def test_a_report_that_is_not_a_document_is_refused(world):
    movement = movement_make(world.p)
    before = state()
    with pytest.raises(ValidationFailed):
        _review(world.province_office, movement, "mid_term", dt.date(2019, 7, 1), attachment=fake_pdf("bao-cao.pdf"))
    assert state() == before
