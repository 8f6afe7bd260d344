"""The conference's record: the minutes and each poll's vote-count record, printable, confirmed by chair and
secretary; and carrying a published result on."""

from django.urls import path

from thidua.conferences import views_record

urlpatterns = [
    path("<int:conference_id>/bien-ban/", views_record.MinutesView.as_view(), name="minutes"),
    path("<int:conference_id>/bien-ban/xac-nhan/", views_record.RecordConfirmView.as_view(), name="record_confirm"),
    path(
        "bieu-quyet/<int:poll_id>/bien-ban-kiem-phieu/",
        views_record.CountRecordView.as_view(),
        name="count_record",
    ),
    path("bieu-quyet/<int:poll_id>/chuyen-ket-qua/", views_record.ResultApplyView.as_view(), name="result_apply"),
]
