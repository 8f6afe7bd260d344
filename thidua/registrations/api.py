"""REST operations of registrations (STYLE S17): list, get, create, update, submit, return.

Ids and lists are bounded so that no input reaches the database as an overflow; unknown or unreadable ids answer 404,
titles or people the registration cannot take answer 422.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from thidua.accounts.api import api_actor
from thidua.accounts.models import User
from thidua.awards.models import Title
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.core.exceptions import NotFound
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.registrations.choices import RegistrationAction, RegistrationStatus
from thidua.registrations.errors import RegistrationInvalid
from thidua.registrations.models import Registration
from thidua.registrations.selectors import registration_access, registration_list_visible_to
from thidua.registrations.services import (
    EntryInput,
    registration_create,
    registration_return,
    registration_submit,
    registration_update,
)
from thidua.registrations.services.registrations import MAX_REASON_LENGTH

router = Router(tags=["registrations"])

MAX_TITLES = 20
MAX_ENTRIES = 2000


class RegistrationPath(Schema):
    registration_id: int = Field(..., ge=1, le=MAX_ID)


class RegistrationFilters(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    bloc_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: RegistrationStatus | None = None


class EntryIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    title_id: int = Field(..., ge=1, le=MAX_ID)


class RegistrationContentIn(Schema):
    collective_title_ids: list[int] = Field(default_factory=list, max_length=MAX_TITLES)
    entries: list[EntryIn] = Field(default_factory=list, max_length=MAX_ENTRIES)


class RegistrationCreateIn(RegistrationContentIn):
    unit_id: int = Field(..., ge=1, le=MAX_ID)
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)


class RegistrationReturnIn(Schema):
    reason: str = Field(..., min_length=1, max_length=MAX_REASON_LENGTH)


class RegistrationOut(Schema):
    id: int
    unit_id: int
    bloc_id: int
    year: int
    status: RegistrationStatus
    submitted_at: dt.datetime | None


class EntryOut(Schema):
    person_id: int
    person_name: str
    title_code: str


class EventOut(Schema):
    action: RegistrationAction
    actor_name: str
    reason: str
    at: dt.datetime


class RegistrationDetailOut(RegistrationOut):
    collective_title_codes: list[str]
    entries: list[EntryOut]
    events: list[EventOut]


def _detail(registration: Registration) -> RegistrationDetailOut:
    return RegistrationDetailOut(
        id=registration.pk,
        unit_id=registration.unit_id,
        bloc_id=registration.bloc_id,
        year=registration.year,
        status=RegistrationStatus(registration.status),
        submitted_at=registration.submitted_at,
        collective_title_codes=[t.code for t in registration.collective_titles.all()],
        entries=[
            EntryOut(person_id=e.person_id, person_name=e.person.full_name, title_code=e.title.code)
            for e in registration.entries.all()
        ],
        events=[
            EventOut(
                action=RegistrationAction(e.action),
                actor_name=(e.actor.get_full_name() if e.actor else ""),
                reason=e.reason,
                at=e.at,
            )
            for e in registration.events.all()
        ],
    )


def _reload(actor: User, registration_id: int) -> RegistrationDetailOut:
    return _detail(registration_access(actor=actor, registration_id=registration_id))


def _content(payload: RegistrationContentIn) -> tuple[list[Title], list[EntryInput]]:
    """Resolve ids: unknown titles or people are refused as invalid input (422), never a server error."""
    title_ids = set(payload.collective_title_ids) | {e.title_id for e in payload.entries}
    titles = Title.objects.in_bulk(list(title_ids))
    people = Person.objects.in_bulk(list({e.person_id for e in payload.entries}))
    if len(titles) != len(title_ids) or len(people) != len({e.person_id for e in payload.entries}):
        raise RegistrationInvalid()
    collective = [titles[pk] for pk in dict.fromkeys(payload.collective_title_ids)]
    entries = [EntryInput(person=people[e.person_id], title=titles[e.title_id]) for e in payload.entries]
    return collective, entries


@router.get(
    "/registrations",
    response={200: list[RegistrationOut], **ERROR_RESPONSES},
    operation_id="registration_list",
    summary="Danh sách bản đăng ký thi đua",
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def registration_list(request: HttpRequest, filters: Query[RegistrationFilters]) -> QuerySet[Registration]:
    return registration_list_visible_to(
        actor=api_actor(request), year=filters.year, bloc_id=filters.bloc_id, status=filters.status or ""
    )


@router.get(
    "/registrations/{registration_id}",
    response={200: RegistrationDetailOut, **ERROR_RESPONSES},
    operation_id="registration_get",
    summary="Một bản đăng ký thi đua, với danh hiệu, cá nhân và lịch sử",
)
def registration_get(request: HttpRequest, path: Path[RegistrationPath]) -> RegistrationDetailOut:
    return _reload(api_actor(request), path.registration_id)


@router.post(
    "/registrations",
    response={201: RegistrationDetailOut, **WRITE_RESPONSES},
    operation_id="registration_create",
    summary="Tạo bản đăng ký thi đua của đơn vị",
)
def registration_create_op(request: HttpRequest, payload: RegistrationCreateIn) -> Status[RegistrationDetailOut]:
    actor = api_actor(request)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFound()
    collective, entries = _content(payload)
    registration = registration_create(
        actor=actor, unit=unit, year=payload.year, collective_titles=collective, entries=entries
    )
    return Status(201, _reload(actor, registration.pk))


@router.put(
    "/registrations/{registration_id}",
    response={200: RegistrationDetailOut, **WRITE_RESPONSES},
    operation_id="registration_update",
    summary="Sửa bản đăng ký đang soạn hoặc bị trả lại",
)
def registration_update_op(
    request: HttpRequest, path: Path[RegistrationPath], payload: RegistrationContentIn
) -> RegistrationDetailOut:
    actor = api_actor(request)
    registration = registration_access(actor=actor, registration_id=path.registration_id)
    collective, entries = _content(payload)
    registration_update(actor=actor, registration=registration, collective_titles=collective, entries=entries)
    return _reload(actor, registration.pk)


@router.post(
    "/registrations/{registration_id}/submit",
    response={200: RegistrationDetailOut, **WRITE_RESPONSES},
    operation_id="registration_submit",
    summary="Thủ trưởng đơn vị gửi bản đăng ký",
)
def registration_submit_op(request: HttpRequest, path: Path[RegistrationPath]) -> RegistrationDetailOut:
    actor = api_actor(request)
    registration = registration_access(actor=actor, registration_id=path.registration_id)
    registration_submit(actor=actor, registration=registration)
    return _reload(actor, registration.pk)


@router.post(
    "/registrations/{registration_id}/return",
    response={200: RegistrationDetailOut, **WRITE_RESPONSES},
    operation_id="registration_return",
    summary="Trả lại bản đăng ký cho đơn vị, có lý do",
)
def registration_return_op(
    request: HttpRequest, path: Path[RegistrationPath], payload: RegistrationReturnIn
) -> RegistrationDetailOut:
    actor = api_actor(request)
    registration = registration_access(actor=actor, registration_id=path.registration_id)
    registration_return(actor=actor, registration=registration, reason=payload.reason)
    return _reload(actor, registration.pk)
