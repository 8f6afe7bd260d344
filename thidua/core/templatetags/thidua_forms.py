from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)
_SELECT_WIDGETS = (forms.Select, forms.SelectMultiple)


def widget_css_class(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, _CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(widget, _SELECT_WIDGETS):
        css = "form-select"
    else:
        css = "form-control"
    return f"{css} is-invalid" if field.errors else css


@register.filter
def bootstrap_widget(field: BoundField) -> SafeString:
    """Render the field's widget with Bootstrap classes, and link it to its error and help texts for screen readers."""
    attrs: dict[str, str | bool] = {
        "class": f"{field.field.widget.attrs.get('class', '')} {widget_css_class(field)}".strip()
    }
    described_by = []
    if field.errors:
        attrs["aria-invalid"] = "true"
        described_by.append(f"{field.auto_id}_error")
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)
