"""``form_errors_add``: a refusal lands next to the field it names, everything else above the form, unprefixed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from thidua.core.exceptions import ApplicationError
from thidua.core.forms import form_errors_add


class _NameForm(forms.Form):
    name = forms.CharField()
    year = forms.IntegerField()


def _form() -> _NameForm:
    form = _NameForm({"name": "Khối thi đua số 1", "year": "2024"})
    assert form.is_valid()
    return form


def test_a_known_field_gets_the_message_next_to_it():
    form = _form()

    form_errors_add(form, ApplicationError("Tên đã được dùng.", fields={"name": ["Tên đã được dùng."]}))

    assert form.errors["name"] == ["Tên đã được dùng."]
    assert form.non_field_errors() == []


def test_an_unknown_key_becomes_a_non_field_message_without_its_name():
    form = _form()

    form_errors_add(form, ApplicationError("Có tác giả không thuộc đơn vị.", fields={"authors": ["Bùi Công Phúc"]}))

    assert form.non_field_errors() == ["Có tác giả không thuộc đơn vị.", "Bùi Công Phúc"]
    assert not any("authors" in message for message in form.non_field_errors())
    assert set(form.errors) == {"__all__"}


def test_no_fields_puts_the_message_above_the_form():
    form = _form()

    form_errors_add(form, ApplicationError("Đã hết hạn đăng ký."))

    assert form.non_field_errors() == ["Đã hết hạn đăng ký."]


def test_field_map_renames_a_service_field_to_the_form_field():
    form = _form()

    form_errors_add(form, ApplicationError("Tên trùng.", fields={"title": ["Tên trùng."]}), field_map={"title": "name"})

    assert form.errors["name"] == ["Tên trùng."]
    assert form.non_field_errors() == []


def test_a_non_field_message_is_not_repeated():
    form = _form()

    form_errors_add(form, ApplicationError("Năm không hợp lệ.", fields={"season": ["Năm không hợp lệ."]}))

    assert form.non_field_errors() == ["Năm không hợp lệ."]


def test_summary_always_adds_the_message_even_when_a_field_is_named():
    form = _form()

    form_errors_add(
        form, ApplicationError("Năm không hợp lệ.", fields={"year": ["Năm không hợp lệ."]}), summary="always"
    )

    assert form.errors["year"] == ["Năm không hợp lệ."]
    assert form.non_field_errors() == ["Năm không hợp lệ."]


def test_summary_distinct_adds_the_message_only_when_it_says_something_new():
    repeated, different = _form(), _form()

    form_errors_add(repeated, ApplicationError("Năm sai.", fields={"year": ["Năm sai."]}), summary="distinct")
    form_errors_add(different, ApplicationError("Dữ liệu sai.", fields={"year": ["Năm sai."]}), summary="distinct")

    assert repeated.non_field_errors() == []
    assert different.non_field_errors() == ["Dữ liệu sai."]
    assert different.errors["year"] == ["Năm sai."]


def test_a_django_validation_error_is_placed_by_field_or_above_the_form():
    by_field, plain = _form(), _form()

    form_errors_add(by_field, ValidationError({"name": ["Tên trống."], "code": ["Mã trùng."]}))
    form_errors_add(plain, ValidationError(["Ngày không hợp lệ."]))

    assert by_field.errors["name"] == ["Tên trống."]
    assert by_field.non_field_errors() == ["Mã trùng."]
    assert plain.non_field_errors() == ["Ngày không hợp lệ."]
