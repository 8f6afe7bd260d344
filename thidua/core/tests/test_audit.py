import pytest
from django.db import transaction

from thidua.core.audit import audit_record
from thidua.core.models import AuditEvent
from thidua.organizations.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    # given a target
    province = ProvinceFactory()
    # when / then
    with pytest.raises(RuntimeError):
        audit_record(action="organizations.unit_created", actor=None, target=province)


def test_audit_record_stores_target_and_summaries():
    # given
    province = ProvinceFactory()
    # when
    with transaction.atomic():
        event = audit_record(
            action="organizations.unit_created",
            actor=None,
            target=province,
            before={"a": 1},
            after={"a": 2},
            legal_basis="QĐ 1",
        )
    # then
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.target_id, stored.before, stored.after, stored.legal_basis) == (
        "organizations.unit_created",
        str(province.pk),
        {"a": 1},
        {"a": 2},
        "QĐ 1",
    )
    assert stored.target_repr == province.name


def test_audit_events_cannot_be_changed_or_deleted():
    # given
    province = ProvinceFactory()
    event = AuditEvent.objects.filter(target_id=str(province.pk)).first()
    # when / then
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "organizations.unit_created"


def test_an_unregistered_action_is_refused_so_every_event_has_a_label():
    province = ProvinceFactory()
    with pytest.raises(LookupError), transaction.atomic():
        audit_record(action="nobody.declared_this", actor=None, target=province)
