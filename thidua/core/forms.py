"""Form rendering: Bootstrap 5 markup, labels on every field, errors next to their field, values kept on error.

Every form renders through ``core/forms/field.html`` (set as the FORM_RENDERER), which uses the
``bootstrap_widget`` filter to add Bootstrap classes and ARIA attributes; allauth's pages use the same template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from thidua.core.exceptions import ApplicationError


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class Form(forms.Form):
    """Base class of every Thi Đua form."""


def form_errors_add(
    form: forms.BaseForm,
    error: ApplicationError | ValidationError,
    *,
    field_map: Mapping[str, str] | None = None,
    summary: Literal["fallback", "always", "distinct"] = "fallback",
) -> None:
    """Put a refusal on a form: each message next to the field it names, everything else above the form.

    ``error.fields`` maps field names to messages. A name is first translated through ``field_map`` (a service's
    field name to the form's field name) and its messages go next to that field when the form has it. Messages
    whose name is not a field of the form become non-field errors, shown as they are (never prefixed with the
    name). A non-field message is never added twice.

    ``summary`` decides when ``error.message`` itself is added as a non-field error:

    * ``"fallback"`` (default): only when no message was placed next to a field;
    * ``"always"``: every time;
    * ``"distinct"``: when no message was placed next to a field, or when it differs from every field message.

    A Django :class:`~django.core.exceptions.ValidationError` (for instance from ``full_clean``) is placed the same
    way: its message dict by field, or its messages above the form; it has no separate summary message.
    """
    names = field_map or {}
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            fields: Mapping[str, Sequence[Any]] = error.message_dict
            summaries: list[str] = []
        else:
            fields, summaries = {}, [str(m) for m in error.messages]
        summary = "always"
    else:
        fields, summaries = error.fields, [error.message]

    placed = False
    stray: list[str] = []
    for name, field_messages in fields.items():
        target = names.get(name, name)
        if target in form.fields:
            for message in field_messages:
                form.add_error(target, message)
            placed = True
        else:
            stray.extend(str(m) for m in field_messages)

    field_texts = {str(m) for ms in fields.values() for m in ms}
    add_summary = (
        summary == "always" or not placed or (summary == "distinct" and not all(s in field_texts for s in summaries))
    )
    shown: set[str] = {str(e) for e in form.non_field_errors()}
    for message in [*(summaries if add_summary else []), *stray]:
        if message not in shown:
            form.add_error(None, message)
            shown.add(message)
