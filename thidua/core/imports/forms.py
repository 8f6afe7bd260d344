from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form


class ImportUploadForm(Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        error_messages={"required": _("Hãy chọn tệp Excel để tải lên."), "empty": _("Tệp rỗng.")},
        help_text=_(
            "Dùng tệp mẫu; tối đa 5 MB và 5.000 dòng. Hệ thống chỉ kiểm tra, chưa ghi gì cho đến khi bạn xác nhận."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
