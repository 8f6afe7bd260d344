"""The delegates' voting pages and the projector."""

from django.urls import URLPattern, path

from thidua.conferences import views_vote

urlpatterns: list[URLPattern] = [
    path("bieu-quyet/", views_vote.MyPollsView.as_view(), name="my_polls"),
    path("bieu-quyet/<int:poll_id>/", views_vote.PollVoteView.as_view(), name="vote"),
    path("bieu-quyet/<int:poll_id>/kiem-tra-ma/", views_vote.ReceiptCheckView.as_view(), name="receipt_check"),
    path("<int:conference_id>/trinh-chieu/", views_vote.ProjectorView.as_view(), name="projector"),
    path("<int:conference_id>/trinh-chieu/bang/", views_vote.ProjectorPanelView.as_view(), name="projector_panel"),
]
