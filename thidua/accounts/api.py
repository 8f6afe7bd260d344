"""REST operations of the accounts app (STYLE S17)."""

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from thidua.accounts.models import User
from thidua.accounts.selectors import role_assignment_list_for
from thidua.accounts.services import api_token_authenticate
from thidua.core.api.errors import ERROR_RESPONSES

router = Router(tags=["accounts"])


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer td_…``: the token of another government system (created on the profile page)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


def api_actor(request: HttpRequest) -> User:
    """The authenticated caller of an API operation (set by ApiTokenAuth or the session)."""
    actor = getattr(request, "auth", None)
    if not isinstance(actor, User):
        raise AuthenticationError()
    return actor


class RoleOut(Schema):
    role: str
    role_label: str
    unit_id: int | None
    bloc_id: int | None
    scope_name: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    unit_id: int | None
    roles: list[RoleOut]


@router.get("/me", response={200: MeOut, **ERROR_RESPONSES}, operation_id="me_get", summary="Người dùng hiện tại")
def me_get(request: HttpRequest) -> MeOut:
    """The calling user and their active roles."""
    user = api_actor(request)
    roles = [
        RoleOut(
            role=a.role,
            role_label=str(a.get_role_display()),
            unit_id=a.unit_id,
            bloc_id=a.bloc_id,
            scope_name=str(a.scope),
        )
        for a in role_assignment_list_for(user=user)
    ]
    return MeOut(id=user.pk, username=user.username, full_name=user.full_name, unit_id=user.unit_id, roles=roles)
