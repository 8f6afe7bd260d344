"""The secretariat's pages: preparing and running a conference, its polls and paper ballots, its record."""

from django.urls import URLPattern, path

from thidua.conferences import views_manage, views_polls

urlpatterns: list[URLPattern] = [
    path("", views_manage.ConferenceListView.as_view(), name="conference_list"),
    path("tao-moi/", views_manage.ConferenceCreateView.as_view(), name="conference_create"),
    path("<int:conference_id>/", views_manage.ConferenceView.as_view(), name="conference"),
    path(
        "<int:conference_id>/thao-tac/<slug:action>/",
        views_manage.ConferenceActionView.as_view(),
        name="conference_action",
    ),
    path(
        "<int:conference_id>/dai-bieu/<int:delegate_id>/diem-danh/",
        views_manage.DelegateCheckInView.as_view(),
        name="delegate_check_in",
    ),
    path("<int:conference_id>/bieu-quyet/tao-moi/", views_polls.PollCreateView.as_view(), name="poll_create"),
    path("<int:conference_id>/bieu-quyet/<int:poll_id>/", views_polls.PollView.as_view(), name="poll"),
    path(
        "<int:conference_id>/bieu-quyet/<int:poll_id>/phieu-giay/",
        views_polls.PaperBallotsPrintView.as_view(),
        name="paper_ballots_print",
    ),
    path(
        "<int:conference_id>/bieu-quyet/<int:poll_id>/thao-tac/<slug:action>/",
        views_polls.PollActionView.as_view(),
        name="poll_action",
    ),
]
