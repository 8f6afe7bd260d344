"""Reads of the initiatives app: scoped lists, access, duplicates and statistics (STYLE S12)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.initiatives.choices import RecognitionLevel
from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeRecognition
from thidua.initiatives.permissions import can_manage_initiatives_of, can_recognise_any, initiative_view_condition

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit

MAX_SEARCH_LENGTH = 100
# Near titles: difflib's ratio on the folded titles (ignoring diacritics, case and spacing).
DUPLICATE_RATIO = 0.85
DUPLICATE_CANDIDATES = 200


def initiative_list_visible_to(
    *,
    actor: Actor,
    search: str = "",
    unit: Unit | None = None,
    year: int | None = None,
    level: str = "",
) -> QuerySet[Initiative]:
    """Initiatives the actor may read, newest first; one query per page (unit joined).

    ``search`` ignores diacritics ("cai tien quy trinh" finds "Cải tiến quy trình"); ``unit`` keeps that unit and the
    units below; ``year`` is the year applied; ``level`` the current recognition level ("none": not recognised).
    """
    qs = Initiative.objects.filter(initiative_view_condition(actor)).select_related("unit")
    for word in fold(search[:MAX_SEARCH_LENGTH]).split():
        qs = qs.filter(search_title__contains=word)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year is not None:
        qs = qs.filter(applied_on__gte=dt.date(year, 1, 1), applied_on__lte=dt.date(year, 12, 31))
    if level == "none":
        qs = qs.filter(current_level="")
    elif level:
        qs = qs.filter(current_level=level)
    return qs.order_by("-applied_on", "-id")


def initiative_access(*, actor: Actor, initiative_id: int) -> Initiative:
    """The initiative if the actor may read it; NotFound for missing and forbidden alike."""
    initiative = (
        Initiative.objects.filter(initiative_view_condition(actor), pk=initiative_id).select_related("unit").first()
    )
    if initiative is None:
        raise NotFound()
    return initiative


@dataclass(frozen=True)
class InitiativeDetail:
    initiative: Initiative
    authors: list[InitiativeAuthor]
    recognitions: list[InitiativeRecognition]
    attachments: list[object]
    can_edit: bool
    can_recognise: bool


def initiative_detail(*, actor: Actor, initiative_id: int) -> InitiativeDetail:
    """An initiative with its authors, its recognitions (oldest first) and attachments, in a fixed number of queries."""
    initiative = initiative_access(actor=actor, initiative_id=initiative_id)
    authors = list(initiative.authors.select_related("person").order_by("-share", "id"))
    recognitions = list(initiative.recognitions.order_by("recognised_on", "id"))
    return InitiativeDetail(
        initiative=initiative,
        authors=authors,
        recognitions=recognitions,
        attachments=list(initiative.attachments.all()),
        can_edit=can_manage_initiatives_of(actor, unit=initiative.unit),
        can_recognise=can_recognise_any(actor, unit=initiative.unit),
    )


def initiative_list_with_authors(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Prefetch the authors of a page of initiatives (one more query)."""
    return qs.prefetch_related(
        Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("person").order_by("-share", "id"))
    )


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    title: str
    unit_name: str
    applied_on: dt.date
    ratio: float
    shared_authors: int


def initiative_find_duplicates(
    *,
    actor: Actor,
    title: str,
    applied_on: dt.date,
    person_ids: Iterable[int],
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Likely duplicates among the initiatives the actor may read: same year applied, and either the same title
    (ignoring diacritics) or a near title (ratio ≥ 0.85) with at least one author in common.

    A warning, never a refusal. Two queries: a prefilter (same year ∧ (same folded title ∨ a shared author)), capped,
    then the candidates' authors; the title comparison runs in Python on that handful.
    """
    key = fold(title)
    people = set(person_ids)
    year = applied_on.year
    qs = (
        Initiative.objects.filter(initiative_view_condition(actor))
        .filter(applied_on__gte=dt.date(year, 1, 1), applied_on__lte=dt.date(year, 12, 31))
        .filter(Q(search_title=key) | Q(authors__person_id__in=people))
        .select_related("unit")
        .distinct()
        .order_by("-id")
    )
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    candidates = list(qs[:DUPLICATE_CANDIDATES])
    authors: dict[int, set[int]] = defaultdict(set)
    for initiative_id, person_id in InitiativeAuthor.objects.filter(
        initiative__in=[c.pk for c in candidates]
    ).values_list("initiative_id", "person_id"):
        authors[initiative_id].add(person_id)
    found = []
    for candidate in candidates:
        ratio = (
            1.0 if candidate.search_title == key else difflib.SequenceMatcher(None, key, candidate.search_title).ratio()
        )
        shared = len(authors[candidate.pk] & people)
        if ratio == 1.0 or (ratio >= DUPLICATE_RATIO and shared):
            found.append(
                DuplicateCandidate(
                    id=candidate.pk,
                    title=candidate.title,
                    unit_name=candidate.unit.name,
                    applied_on=candidate.applied_on,
                    ratio=round(ratio, 2),
                    shared_authors=shared,
                )
            )
    return sorted(found, key=lambda d: (-d.ratio, -d.shared_authors, d.id))


# --- Statistics ---------------------------------------------------------------------------------------------------


@dataclass
class LevelCounts:
    """Initiatives by current recognition level."""

    base: int = 0
    province: int = 0
    national: int = 0

    def add(self, level: str, count: int) -> None:
        setattr(self, RecognitionLevel(level).name.lower(), getattr(self, RecognitionLevel(level).name.lower()) + count)

    @property
    def total(self) -> int:
        return self.base + self.province + self.national


@dataclass(frozen=True)
class UnitYearCounts:
    unit_id: int
    unit_name: str
    year: int
    counts: LevelCounts


@dataclass(frozen=True)
class BlocYearCounts:
    bloc_id: int
    bloc_name: str
    year: int
    counts: LevelCounts


@dataclass(frozen=True)
class InitiativeStatistics:
    """Recognised initiatives by unit, bloc (through the bloc's membership of that year) and year, by current level."""

    years: list[int]
    by_unit: list[UnitYearCounts]
    by_bloc: list[BlocYearCounts]
    by_year: dict[int, LevelCounts] = field(default_factory=dict)


def initiative_counts_by_unit(*, year: int, unit_ids: Sequence[int]) -> dict[int, LevelCounts]:
    """Counts by current level for the given units in ``year`` (unscoped: for the bloc year board). One query."""
    counts: dict[int, LevelCounts] = defaultdict(LevelCounts)
    rows = (
        Initiative.objects.filter(unit_id__in=list(unit_ids), recognised_year=year)
        .exclude(current_level="")
        .values("unit_id", "current_level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["unit_id"]].add(row["current_level"], row["n"])
    return dict(counts)


def initiative_statistics(
    *, actor: Actor, year: int | None = None, bloc: Bloc | None = None, unit: Unit | None = None
) -> InitiativeStatistics:
    """Statistics of recognised initiatives the actor may read, in three queries whatever the volume.

    1. GROUP BY unit, recognition year and current level over the initiatives (the stats index);
    2. the units' names; 3. the bloc memberships of those units in those years. A unit counts for the bloc it was a
    member of in the year of recognition.
    """
    from thidua.emulation.models import BlocMembership
    from thidua.organizations.models import Unit

    qs = Initiative.objects.filter(initiative_view_condition(actor)).exclude(current_level="")
    if year is not None:
        qs = qs.filter(recognised_year=year)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if bloc is not None:
        members = BlocMembership.objects.filter(bloc=bloc)
        if year is not None:
            members = members.filter(year=year)
        qs = qs.filter(unit__in=members.values("unit_id"))
    rows = list(qs.values("unit_id", "recognised_year", "current_level").annotate(n=Count("id")).order_by())
    unit_ids = {row["unit_id"] for row in rows}
    years = sorted({row["recognised_year"] for row in rows})
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    memberships = (
        BlocMembership.objects.filter(unit_id__in=unit_ids, year__in=years).values_list(
            "unit_id", "year", "bloc_id", "bloc__name"
        )
        if unit_ids
        else []
    )
    bloc_of = {(u, y): (b, name) for u, y, b, name in memberships}
    by_unit: dict[tuple[int, int], LevelCounts] = defaultdict(LevelCounts)
    by_bloc: dict[tuple[int, int], LevelCounts] = defaultdict(LevelCounts)
    by_year: dict[int, LevelCounts] = defaultdict(LevelCounts)
    bloc_names: dict[int, str] = {}
    for row in rows:
        key = (row["unit_id"], row["recognised_year"])
        by_unit[key].add(row["current_level"], row["n"])
        by_year[row["recognised_year"]].add(row["current_level"], row["n"])
        seat = bloc_of.get(key)
        if seat is not None and (bloc is None or seat[0] == bloc.pk):
            bloc_names[seat[0]] = seat[1]
            by_bloc[(seat[0], key[1])].add(row["current_level"], row["n"])
    return InitiativeStatistics(
        years=years,
        by_unit=sorted(
            (UnitYearCounts(unit_id=u, unit_name=names.get(u, ""), year=y, counts=c) for (u, y), c in by_unit.items()),
            key=lambda r: (-r.year, r.unit_name),
        ),
        by_bloc=sorted(
            (BlocYearCounts(bloc_id=b, bloc_name=bloc_names[b], year=y, counts=c) for (b, y), c in by_bloc.items()),
            key=lambda r: (-r.year, r.bloc_name),
        ),
        by_year=dict(sorted(by_year.items(), reverse=True)),
    )
