from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.accounts import audit
from thidua.accounts.errors import TokenAlreadyRevoked
from thidua.accounts.models import ApiToken, User
from thidua.core.exceptions import NotFound

TOKEN_PREFIX = "td_"  # noqa: S105  (a public prefix, not a secret)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, actor: User, name: str, expires_on: dt.date | None) -> tuple[ApiToken, str]:
    """Create an API token for the actor (tạo khóa API). Returns the row and the raw token, shown only once.

    Without ``expires_on`` the token expires after THIDUA_API_TOKEN_DEFAULT_DAYS: no token lives forever.
    """
    if expires_on is None:
        expires_on = timezone.localdate() + dt.timedelta(days=settings.THIDUA_API_TOKEN_DEFAULT_DAYS)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(user=actor, name=name, prefix=raw[:10], digest=_digest(raw), expires_on=expires_on)
        token.full_clean()
        token.save()
        audit.api_token_created_event(token=token, actor=actor)
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken, now: dt.datetime | None = None) -> ApiToken:
    """Revoke one of the actor's own tokens. Callers fetch the token through ``api_token_access`` (owner-scoped)."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().filter(pk=token.pk, user=actor).first()
        if locked is None:
            raise NotFound()
        if locked.revoked_at is not None:
            raise TokenAlreadyRevoked()
        locked.revoked_at = now or timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        audit.api_token_revoked_event(token=locked, actor=actor)
    return locked


def api_token_authenticate(*, raw: str, now: dt.datetime | None = None) -> User | None:
    """The active user behind a bearer token, or None. Records when the token was last used (at most once a minute)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    token = (
        ApiToken.objects.select_related("user")
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today), digest=_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or moment - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token.user
