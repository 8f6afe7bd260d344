"""Form rendering: Bootstrap 5 markup, labels on every field, errors next to their field, values kept on error.

Every form renders through ``core/forms/field.html`` (set as the FORM_RENDERER), which uses the
``bootstrap_widget`` filter to add Bootstrap classes and ARIA attributes; allauth's pages use the same template.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class Form(forms.Form):
    """Base class of every Thi Đua form."""
