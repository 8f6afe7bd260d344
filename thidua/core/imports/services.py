"""Import of XLSX files: upload and preview (nothing written), then confirmation (all rows or none).

``import_batch_preview`` reads the file, lets the kind check every row and stores the rows and their errors as an
:class:`~thidua.core.models.ImportBatch`; no domain data is written. ``import_batch_confirm`` checks the rows again
(the database may have changed since the preview) and, if none has an error, writes them all through the kind's
services in one transaction: a refusal on row N rolls back rows 1 to N-1, and the batch is marked failed with the
row's error.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exceptions import NotFound
from thidua.core.imports.audit import import_applied_event
from thidua.core.imports.base import ImportKind, ParseResult, RowError
from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.errors import ImportBatchExpired, ImportBatchNotPending, ImportNotAllowed, ImportRowFailed
from thidua.core.imports.registry import import_kind_get
from thidua.core.models import ImportBatch
from thidua.core.spreadsheets import SheetRow, read_table

if TYPE_CHECKING:
    from thidua.accounts.models import User

logger = logging.getLogger(__name__)


def _sheet_rows(batch: ImportBatch) -> list[SheetRow]:
    return [SheetRow(number=int(row["row"]), values=dict(row["values"])) for row in batch.rows]


def _errors_json(errors: list[RowError]) -> list[dict[str, object]]:
    return [error.as_json() for error in errors]


def import_batch_preview(
    *, actor: User, kind_code: str, upload: IO[bytes], file_name: str, size: int | None = None
) -> ImportBatch:
    """Read an uploaded XLSX file of ``kind_code`` and check every row; store the rows and errors for the preview.

    Raises ``SpreadsheetInvalid`` for a file that cannot be read as the kind's table, ``ImportNotAllowed`` when the
    actor may not import this kind. Writes no domain data and no audit event.
    """
    kind = import_kind_get(kind_code)
    if not kind.can_import(actor):
        raise ImportNotAllowed()
    rows = read_table(
        upload,
        columns=kind.columns,
        max_bytes=settings.THIDUA_IMPORT_MAX_BYTES,
        max_rows=settings.THIDUA_IMPORT_MAX_ROWS,
        size=size,
    )
    result: ParseResult[Any] = kind.parse(actor=actor, rows=rows)
    return ImportBatch.objects.create(
        owner=actor,
        kind=kind.code,
        file_name=file_name[:255],
        rows=[{"row": row.number, "values": row.values} for row in rows],
        errors=_errors_json(result.errors),
    )


def import_batch_access(*, actor: User, batch_id: str | uuid.UUID) -> ImportBatch:
    """A batch of the actor's own; NotFound for anyone else's and for a missing one."""
    try:
        key = uuid.UUID(str(batch_id))
    except ValueError:
        raise NotFound() from None
    batch = ImportBatch.objects.filter(pk=key, owner_id=actor.pk).first()
    if batch is None:
        raise NotFound()
    return batch


def import_batch_is_expired(batch: ImportBatch, *, now: dt.datetime | None = None) -> bool:
    age = (now or timezone.now()) - batch.created_at
    return age > dt.timedelta(hours=settings.THIDUA_IMPORT_PREVIEW_HOURS)


def import_batch_confirm(*, actor: User, batch: ImportBatch, now: dt.datetime | None = None) -> ImportBatch:
    """Apply a previewed batch: check its rows again and write them all through the kind's services, or none.

    Returns the batch: ``applied``; ``failed`` with the error of the row a service refused (nothing written); or
    still ``previewed`` with the new errors when the database changed since the preview. Raises
    ``ImportBatchNotPending`` for a batch already applied, failed or expired, and ``ImportBatchExpired`` for a
    preview that is too old. Holds a lock on the batch so that two confirmations cannot both apply it.
    """
    kind = import_kind_get(batch.kind)
    if batch.owner_id != actor.pk:
        raise NotFound()
    if not kind.can_import(actor):
        raise ImportNotAllowed()
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatchStatus.PREVIEWED:
            raise ImportBatchNotPending()
        if import_batch_is_expired(locked, now=now):
            locked.status, locked.finished_at = ImportBatchStatus.EXPIRED, timezone.now()
            locked.save(update_fields=["status", "finished_at"])
            expired = True
        else:
            expired = False
            _import_batch_apply(kind=kind, actor=actor, batch=locked)
    if expired:
        raise ImportBatchExpired()
    return locked


def _import_batch_apply(*, kind: ImportKind[Any], actor: User, batch: ImportBatch) -> None:
    """Caller holds the lock on ``batch`` inside a transaction; the rows are written in a savepoint of it."""
    result: ParseResult[Any] = kind.parse(actor=actor, rows=_sheet_rows(batch))
    if result.errors:
        batch.errors = _errors_json(result.errors)
        batch.save(update_fields=["errors"])
        return
    try:
        with transaction.atomic():
            batch.applied_count = kind.apply(actor=actor, rows=result.rows)
            batch.status, batch.finished_at = ImportBatchStatus.APPLIED, timezone.now()
            batch.save(update_fields=["status", "finished_at", "applied_count"])
            import_applied_event(batch=batch, actor=actor)
    except ImportRowFailed as error:
        _import_batch_fail(batch, row=error.row, message=error.message)
    except IntegrityError:
        logger.warning("import integrity error", extra={"batch_id": str(batch.pk), "kind": batch.kind})
        _import_batch_fail(batch, row=0, message=_("Dữ liệu vừa bị thay đổi bởi người khác. Vui lòng nhập lại."))


def _import_batch_fail(batch: ImportBatch, *, row: int, message: str) -> None:
    batch.status, batch.finished_at, batch.applied_count = ImportBatchStatus.FAILED, timezone.now(), 0
    batch.errors = [RowError(row=row, column="", message=message).as_json()]
    batch.save(update_fields=["status", "finished_at", "applied_count", "errors"])
