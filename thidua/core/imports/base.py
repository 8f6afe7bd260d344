"""The contract of an import kind (loại dữ liệu nhập): columns, who may use it, how rows parse, how they apply.

A kind turns the text rows of a file into typed rows, reporting every problem as a per-cell Vietnamese error
(:meth:`ImportKind.parse`), and later writes typed rows through its app's services (:meth:`ImportKind.apply`). The
framework (``core.imports.services``) runs ``parse`` at upload and again at confirmation, and runs ``apply`` inside
one transaction: a failure on any row rolls back every row before it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Generic, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from thidua.core.exceptions import ApplicationError
from thidua.core.imports.errors import ImportNotAllowed, ImportRowFailed
from thidua.core.spreadsheets import Column, SheetRow, date_error, parse_date
from thidua.core.text import fold

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from thidua.accounts.models import User


class NumberedRow(Protocol):
    @property
    def number(self) -> int: ...


RowT = TypeVar("RowT", bound=NumberedRow)


@dataclass(frozen=True)
class RowError:
    """One problem with one row: ``column`` is a column key, or empty when the whole row is at fault."""

    row: int
    column: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class ParseResult(Generic[RowT]):
    """Typed rows (only those without errors) and every error found, in row order."""

    rows: list[RowT]
    errors: list[RowError]


class RowReader:
    """Reads the cells of one row into typed values, collecting a Vietnamese error for each cell that does not fit."""

    def __init__(self, row: SheetRow, columns: Sequence[Column]) -> None:
        self.number = row.number
        self._values = row.values
        self._columns = {column.key: column for column in columns}
        self.errors: list[RowError] = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(row=self.number, column=key, message=message))

    def raw(self, key: str) -> str:
        return self._values.get(key, "")

    def text(self, key: str, *, max_length: int | None = None) -> str:
        value = self.raw(key)
        column = self._columns[key]
        if not value and column.required:
            self.error(key, _("Chưa ghi “%(column)s”.") % {"column": column.title})
        elif max_length is not None and len(value) > max_length:
            self.error(key, _("Dài quá %(limit)s ký tự.") % {"limit": max_length})
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(key, date_error(value))
            return None

    def integer(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self.text(key)
        if not value:
            return None
        if not value.isdigit() or not minimum <= int(value) <= maximum:
            self.error(
                key,
                _("“%(value)s” không hợp lệ: cần một số từ %(min)s đến %(max)s.")
                % {"value": value, "min": minimum, "max": maximum},
            )
            return None
        return int(value)

    def choice(self, key: str, choices: type[models.TextChoices]) -> str:
        """Match a Vietnamese label (without regard to case or diacritics) or the stored code."""
        value = self.text(key)
        if not value:
            return ""
        wanted = fold(value)
        for code, label in choices.choices:
            if wanted in (fold(str(code)), fold(str(label))):
                return str(code)
        allowed = ", ".join(str(label) for label in choices.labels)
        self.error(key, _("“%(value)s” không có trong danh sách: %(allowed)s.") % {"value": value, "allowed": allowed})
        return ""


@contextlib.contextmanager
def row_failure(number: int) -> Iterator[None]:
    """Inside ``apply``: a refusal by a service while writing row ``number`` becomes :class:`ImportRowFailed`."""
    try:
        yield
    except ApplicationError as error:
        details = [message for messages in error.fields.values() for message in messages]
        raise ImportRowFailed(row=number, message=" ".join([error.message, *details])) from error
    except ValidationError as error:
        raise ImportRowFailed(row=number, message=" ".join(error.messages)) from error


def format_date(value: dt.date | None) -> dt.date | str:
    """An export cell for an optional date: the date itself (written as a date cell), or empty."""
    return value if value is not None else ""


class ImportKind(ABC, Generic[RowT]):
    """One kind of data that can be imported from and exported to XLSX. Subclass, then ``import_kind_register``."""

    code: ClassVar[str]
    title: ClassVar[str | Promise]
    sheet_title: ClassVar[str | Promise]
    file_stem: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    instructions: ClassVar[tuple[str | Promise, ...]] = ()
    example_rows: ClassVar[tuple[tuple[object, ...], ...]] = ()

    @abstractmethod
    def can_import(self, actor: User) -> bool:
        """May ``actor`` import this kind at all? Rows outside the actor's scope are refused row by row by ``parse``."""

    @abstractmethod
    def can_export(self, actor: User) -> bool:
        """May ``actor`` export this kind? ``export_rows`` keeps to what the actor may see."""

    @abstractmethod
    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[RowT]:
        """Check every row against the database and the other rows; write nothing."""

    @abstractmethod
    def apply(self, *, actor: User, rows: Sequence[RowT]) -> int:
        """Write the rows through the app's services, in order, under ``row_failure``; return how many were written.

        Runs inside the framework's transaction: raising rolls back every row.
        """

    @abstractmethod
    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        """The rows the actor may see, in the order of :meth:`export_columns`, so that an export re-imports."""

    def export_columns(self, actor: User) -> Sequence[Column]:
        return self.columns

    def column_titles(self) -> Mapping[str, str]:
        return {column.key: str(column.title) for column in self.columns}


class ExportOnlyKind(ImportKind[RowT]):
    """A kind that is only exported (Xuất Excel): nobody may import it, so the upload and template pages are 404 and
    the import services refuse it before ``parse`` or ``apply`` could run."""

    def can_import(self, actor: User) -> bool:
        return False

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[RowT]:
        raise ImportNotAllowed()

    def apply(self, *, actor: User, rows: Sequence[RowT]) -> int:
        raise ImportNotAllowed()
