"""API tokens: created once and shown once, stored as a digest, authenticated, revoked only by their owner."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from thidua.accounts.errors import TokenAlreadyRevoked
from thidua.accounts.models import ApiToken
from thidua.accounts.selectors import api_token_access, api_token_list_for
from thidua.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from thidua.accounts.tests.factories import UserFactory
from thidua.core.exceptions import NotFound
from thidua.core.models import AuditEvent


def _state() -> tuple[int, int, int]:
    return (
        ApiToken.objects.count(),
        ApiToken.objects.filter(revoked_at__isnull=True).count(),
        AuditEvent.objects.count(),
    )


# --- create ----------------------------------------------------------------------------------------------------------


def test_create_returns_the_raw_token_and_stores_only_its_digest(world: Any) -> None:
    # given
    user = world.head_a
    # when
    token, raw = api_token_create(actor=user, name="Hệ thống văn bản", expires_on=None)
    # then
    token.refresh_from_db()
    assert raw.startswith("td_")
    assert len(raw) > 40
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:10]
    assert raw not in {token.digest, token.prefix, token.name}
    assert (token.user, token.name, token.revoked_at) == (user, "Hệ thống văn bản", None)


def test_token_without_an_expiry_date_expires_after_the_default_period(world: Any, settings: Any) -> None:
    # given
    settings.THIDUA_API_TOKEN_DEFAULT_DAYS = 90
    # when
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    # then
    token.refresh_from_db()
    assert token.expires_on == timezone.localdate() + dt.timedelta(days=90)


def test_token_keeps_the_expiry_date_given(world: Any) -> None:
    # given
    expires_on = dt.date(2031, 3, 15)
    # when
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=expires_on)
    # then
    token.refresh_from_db()
    assert token.expires_on == expires_on


def test_each_token_is_different(world: Any) -> None:
    # given
    user = world.head_a
    # when
    first = api_token_create(actor=user, name="Một", expires_on=None)
    second = api_token_create(actor=user, name="Hai", expires_on=None)
    # then
    assert first[1] != second[1]
    assert first[0].digest != second[0].digest


def test_create_writes_one_audit_event_without_the_secret(world: Any) -> None:
    # given
    user = world.head_a
    events_before = AuditEvent.objects.count()
    # when
    token, raw = api_token_create(actor=user, name="Cổng dịch vụ công", expires_on=dt.date(2030, 1, 1))
    # then
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == ("accounts.api_token_created", user, world.a)
    assert (event.target_type, event.target_id) == (ContentType.objects.get_for_model(ApiToken), str(token.pk))
    assert event.after == {"name": "Cổng dịch vụ công", "prefix": token.prefix, "expires_on": "2030-01-01"}
    assert raw not in str(event.after)


def test_token_list_shows_only_own_tokens(world: Any) -> None:
    # given
    own, _ = api_token_create(actor=world.head_a, name="Của tôi", expires_on=None)
    api_token_create(actor=world.head_b, name="Của người khác", expires_on=None)
    # when
    tokens = list(api_token_list_for(actor=world.head_a))
    # then
    assert tokens == [own]


# --- authenticate ----------------------------------------------------------------------------------------------------


def test_authenticate_returns_the_owner(world: Any) -> None:
    # given
    _, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user == world.officer_a


def test_authenticate_records_the_last_use(world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    now = timezone.now()
    # when
    api_token_authenticate(raw=raw, now=now)
    # then
    token.refresh_from_db()
    assert token.last_used_at == now


def test_authenticate_records_the_last_use_at_most_once_a_minute(world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    first = timezone.now()
    api_token_authenticate(raw=raw, now=first)
    # when
    api_token_authenticate(raw=raw, now=first + dt.timedelta(seconds=30))
    token.refresh_from_db()
    after_half_a_minute = token.last_used_at
    api_token_authenticate(raw=raw, now=first + dt.timedelta(minutes=2))
    token.refresh_from_db()
    # then
    assert after_half_a_minute == first
    assert token.last_used_at == first + dt.timedelta(minutes=2)


def test_authenticate_accepts_a_token_on_its_last_day(world: Any) -> None:
    # given
    today = timezone.localdate()
    _, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=today)
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user == world.officer_a


def test_authenticate_refuses_an_expired_token(world: Any) -> None:
    # given
    today = timezone.localdate()
    _, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=today - dt.timedelta(days=1))
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user is None


def test_authenticate_refuses_a_revoked_token(world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    api_token_revoke(actor=world.officer_a, token=token)
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user is None


def test_authenticate_refuses_the_token_of_an_inactive_user(world: Any) -> None:
    # given
    inactive = UserFactory(unit=world.a, is_active=False)
    token, raw = api_token_create(actor=inactive, name="Hệ thống", expires_on=None)
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user is None
    token.refresh_from_db()
    assert token.last_used_at is None


@pytest.mark.parametrize(
    ("_case", "raw"),
    [
        ("empty", ""),
        ("unknown token with the prefix", "td_" + "x" * 43),
        ("no prefix", "abc.def.ghi"),
        ("prefix only", "td_"),
        ("too long", "td_" + "a" * 300),
    ],
)
def test_authenticate_refuses_garbage(world: Any, _case: str, raw: str) -> None:
    # given
    api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    # when
    user = api_token_authenticate(raw=raw)
    # then
    assert user is None


def test_authenticate_refuses_the_stored_digest(world: Any) -> None:
    # given: someone who read the database has the digest, not the token
    token, _ = api_token_create(actor=world.officer_a, name="Hệ thống", expires_on=None)
    # when
    user = api_token_authenticate(raw=token.digest)
    # then
    assert user is None


# --- revoke ----------------------------------------------------------------------------------------------------------


def test_owner_revokes_a_token_with_one_audit_event(world: Any) -> None:
    # given
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    count_before, active_before, events_before = _state()
    now = timezone.now()
    # when
    revoked = api_token_revoke(actor=world.head_a, token=token, now=now)
    # then
    assert _state() == (count_before, active_before - 1, events_before + 1)
    assert revoked.revoked_at == now
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.target_id) == ("accounts.api_token_revoked", world.head_a, str(token.pk))
    assert event.before == {"prefix": token.prefix}


def test_revoking_twice_is_refused_and_changes_nothing(world: Any) -> None:
    # given
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    api_token_revoke(actor=world.head_a, token=token)
    before = _state()
    # when
    with pytest.raises(TokenAlreadyRevoked):
        api_token_revoke(actor=world.head_a, token=token)
    # then
    assert _state() == before


def test_another_user_cannot_reach_the_token(world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    before = _state()
    # when
    with pytest.raises(NotFound):
        api_token_access(actor=world.province_office, token_id=token.pk)
    # then
    assert _state() == before
    assert api_token_authenticate(raw=raw) == world.head_a


def test_another_user_cannot_revoke_the_token_even_through_the_service(world: Any) -> None:
    # given
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    before = _state()
    # when
    with pytest.raises(NotFound):
        api_token_revoke(actor=world.province_office, token=token)
    # then
    assert _state() == before
    token.refresh_from_db()
    assert token.revoked_at is None


def test_owner_reaches_own_token(world: Any) -> None:
    # given
    token, _ = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    # when
    found = api_token_access(actor=world.head_a, token_id=token.pk)
    # then
    assert found == token
