"""The secret ballot, in two tables that never meet (STYLE S14; OpenSlides, Helios).

- ``Ballot`` + ``BallotChoice``: what was chosen. Random UUID keys, no voter, delegate, unit, user or session column,
  no timestamp of any kind, default order by the UUID (unrelated to casting order). They deliberately do not inherit
  ``BaseModel``, whose ``created_at``/``updated_at`` would date each ballot.
- ``PollParticipation``: who voted. Unique per poll and voter (the database refuses a second vote), no timestamp and
  no link to the ballot.

Both are written in one transaction by ``ballot_cast``. No code path joins them: there is no foreign key, column or
selector that could. ``voting/README.md`` states the guarantees and the tests that prove them.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.conferences.choices import BallotChannel, ChoiceValue


class Ballot(models.Model):
    """Phiếu bầu: one ballot counted in a poll, with no trace of who cast it or when.

    ``receipt_digest`` is the SHA-256 of the receipt token handed once to the online voter; only the voter can
    recompute it, so it proves the ballot was counted without revealing it to anyone else. Paper ballots have none.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        "conferences.Poll", verbose_name=_("cuộc biểu quyết"), on_delete=models.PROTECT, related_name="ballots"
    )
    receipt_digest = models.CharField(_("mã xác nhận (băm)"), max_length=64, null=True, blank=True, editable=False)
    channel = models.CharField(_("hình thức bỏ phiếu"), max_length=10, choices=BallotChannel.choices)
    is_valid = models.BooleanField(_("phiếu hợp lệ"), default=True)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_digest"],
                condition=Q(receipt_digest__isnull=False),
                name="conferences_ballot_unique_receipt",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class BallotChoice(models.Model):
    """One mark on a ballot: a candidate chosen, or a yes / no / abstain on a candidate. A random UUID key (a
    sequential one would number the ballots in casting order) and no timestamp."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, verbose_name=_("phiếu bầu"), on_delete=models.PROTECT, related_name="choices")
    candidate = models.ForeignKey(
        "conferences.PollCandidate", verbose_name=_("ứng cử viên"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(_("lựa chọn"), max_length=10, choices=ChoiceValue.choices)

    class Meta:
        verbose_name = _("lựa chọn trên phiếu")
        verbose_name_plural = _("lựa chọn trên phiếu")
        ordering = ["ballot_id", "candidate_id"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "candidate"], name="conferences_choice_once_per_candidate"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.value}"


class PollParticipation(models.Model):
    """Đã bỏ phiếu: the voter (a roll entry) took part in the poll, online or by collecting a paper ballot.

    The unique constraint is what stops double voting, even under concurrent requests. No timestamp, no link to
    the ballot; after the close, the roll is published with voted / not voted from this table, never with choices.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        "conferences.Poll", verbose_name=_("cuộc biểu quyết"), on_delete=models.PROTECT, related_name="participations"
    )
    roll_entry = models.ForeignKey(
        "conferences.RollEntry", verbose_name=_("cử tri"), on_delete=models.PROTECT, related_name="participations"
    )
    channel = models.CharField(_("hình thức bỏ phiếu"), max_length=10, choices=BallotChannel.choices)

    class Meta:
        verbose_name = _("lượt bỏ phiếu")
        verbose_name_plural = _("lượt bỏ phiếu")
        ordering = ["poll_id", "roll_entry_id"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "roll_entry"], name="conferences_participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.roll_entry_id}"


class NamedVote(models.Model):
    """Biểu quyết công khai: a voter's mark on a candidate in an open (named) poll, written beside the anonymous
    ballot so that the count stays one code path. Never written for a secret poll."""

    poll = models.ForeignKey(
        "conferences.Poll", verbose_name=_("cuộc biểu quyết"), on_delete=models.PROTECT, related_name="named_votes"
    )
    roll_entry = models.ForeignKey(
        "conferences.RollEntry", verbose_name=_("cử tri"), on_delete=models.PROTECT, related_name="named_votes"
    )
    candidate = models.ForeignKey(
        "conferences.PollCandidate", verbose_name=_("ứng cử viên"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(_("lựa chọn"), max_length=10, choices=ChoiceValue.choices)

    class Meta:
        verbose_name = _("biểu quyết công khai")
        verbose_name_plural = _("biểu quyết công khai")
        ordering = ["poll_id", "roll_entry_id", "candidate_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "roll_entry", "candidate"], name="conferences_namedvote_once_per_candidate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.roll_entry_id} → {self.candidate_id}: {self.value}"
