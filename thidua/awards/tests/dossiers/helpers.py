"""Helpers of the dossier tests: every row goes through the services, as the system unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

from thidua.awards.models import Dossier, DossierDocumentKind, Nomination, Title
from thidua.awards.services import (
    AppraisalInput,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_receive,
    dossier_submit,
    nomination_add,
)
from thidua.organizations.models import Unit
from thidua.people.models import Person

REF_B = dt.date(2024, 12, 5)  # regime B (NĐ 98/2023)
REF_A = dt.date(2019, 12, 5)  # regime A (NĐ 91/2017)


def title(code: str) -> Title:
    return Title.objects.get(code=code)


def dossier_make(unit: Unit, *, year: int = 2024, reference_date: dt.date = REF_B) -> Dossier:
    return dossier_create(
        actor=None, unit=unit, year=year, reference_date=reference_date, awarding_body="Giám đốc Sở Văn hóa An Phú"
    )


def documents_complete(dossier: Dossier) -> None:
    for kind in DossierDocumentKind.values:
        dossier_document_add(actor=None, dossier=dossier, kind=kind)


def nominate(dossier: Dossier, code: str, *, person: Person | None = None, unit: Unit | None = None) -> Nomination:
    return nomination_add(actor=None, dossier=dossier, title=title(code), person=person, unit=unit).nomination


def appraised(dossier: Dossier, *, passed: bool = True) -> Dossier:
    """Submit, receive and appraise every nominee (as the system)."""
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    dossier_receive(actor=None, dossier=dossier)
    ids = list(Nomination.objects.filter(dossier=dossier).values_list("pk", flat=True))
    return dossier_appraise(
        actor=None, dossier=dossier, results=[AppraisalInput(nomination_id=i, is_passed=passed) for i in ids]
    )
