import datetime as dt
import io

import pytest

from thidua.core.spreadsheets import Column, SpreadsheetInvalid, cell_text, parse_date, read_table, workbook_bytes
from thidua.core.tests.imports.helpers import read_xlsx, sheet_titles, xlsx_bytes

COLUMNS = (
    Column("code", "Mã đơn vị", required=True),
    Column("name", "Tên đầy đủ", required=True),
    Column("valid_from", "Hiệu lực từ ngày", is_date=True),
)


def _read(content: bytes, **kwargs):
    options = {"max_bytes": 5 * 1024 * 1024, "max_rows": 5000, **kwargs}
    return read_table(io.BytesIO(content), columns=COLUMNS, **options)


def test_reads_rows_under_titles_matched_without_case_or_diacritics():
    # given a header in another order, without diacritics, and an empty row
    content = xlsx_bytes(
        ["ten day du", "MÃ ĐƠN VỊ", "Cột lạ", "Hiệu lực từ ngày"],
        [["Sở Y tế", "so-y-te", "x", dt.date(2020, 1, 17)], [None, None, None, None], ["Báo", 12.0, "", "1/2/2021"]],
    )
    # when
    rows = _read(content)
    # then
    assert [(r.number, r.values) for r in rows] == [
        (2, {"name": "Sở Y tế", "code": "so-y-te", "valid_from": "17/01/2020"}),
        (4, {"name": "Báo", "code": "12", "valid_from": "1/2/2021"}),
    ]


@pytest.mark.parametrize(
    ("_case", "content", "message"),
    [
        ("not_xlsx", b"%PDF-1.4 not a spreadsheet", "Tệp không đọc được"),
        ("empty_file", b"", "Tệp rỗng"),
        ("no_rows_at_all", xlsx_bytes([]), "Tệp rỗng"),
        ("header_only", xlsx_bytes(["Mã đơn vị", "Tên đầy đủ"]), "không có dòng dữ liệu"),
        ("wrong_headers", xlsx_bytes(["Họ và tên", "Ngày sinh"], [["A", "B"]]), "thiếu cột: “Mã đơn vị”, “Tên đầy đủ”"),
    ],
)
def test_refuses_unreadable_files_with_a_vietnamese_reason(_case, content, message):
    with pytest.raises(SpreadsheetInvalid) as error:
        _read(content)
    assert message in error.value.message


def test_refuses_too_many_rows():
    content = xlsx_bytes(["Mã đơn vị", "Tên đầy đủ"], [[f"m-{i}", "x"] for i in range(11)])
    with pytest.raises(SpreadsheetInvalid) as error:
        _read(content, max_rows=10)
    assert "tối đa 10 dòng" in error.value.message


def test_accepts_exactly_the_row_limit():
    content = xlsx_bytes(["Mã đơn vị", "Tên đầy đủ"], [[f"m-{i}", "x"] for i in range(10)])
    assert len(_read(content, max_rows=10)) == 10


@pytest.mark.parametrize("_case", ["declared_size", "actual_size"])
def test_refuses_files_over_the_size_limit(_case):
    content = xlsx_bytes(["Mã đơn vị", "Tên đầy đủ"], [["m", "x"]])
    size = 10_000_000 if _case == "declared_size" else None
    with pytest.raises(SpreadsheetInvalid) as error:
        _read(content, max_bytes=len(content) - 1 if size is None else 5 * 1024 * 1024, size=size)
    assert "Tệp quá lớn" in error.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("17/01/2020", dt.date(2020, 1, 17)), ("1.2.2021", dt.date(2021, 2, 1)), ("2020-01-17", dt.date(2020, 1, 17))],
)
def test_parses_vietnamese_and_iso_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020", "17-1-20", "hôm qua", "2020/01/17"])
def test_refuses_impossible_or_unknown_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), (2019.0, "2019"), (2.5, "2.5"), ("  Sở   Y tế ", "Sở Y tế"), (dt.date(2020, 1, 2), "02/01/2020")],
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


def test_written_workbook_has_header_date_cells_and_instructions():
    # when
    content = workbook_bytes(
        sheet_title="Đơn vị",
        columns=COLUMNS,
        rows=[("so-y-te", "Sở Y tế", dt.date(2020, 1, 17))],
        instructions=["Mỗi dòng một đơn vị."],
    )
    # then
    assert sheet_titles(content) == ["Đơn vị", "Hướng dẫn"]
    rows = read_xlsx(content)
    assert rows[0] == ["Mã đơn vị", "Tên đầy đủ", "Hiệu lực từ ngày"]
    assert rows[1][:2] == ["so-y-te", "Sở Y tế"]
    assert rows[1][2].date() == dt.date(2020, 1, 17)
    # and it reads back as it was written
    assert _read(content)[0].values == {"code": "so-y-te", "name": "Sở Y tế", "valid_from": "17/01/2020"}
