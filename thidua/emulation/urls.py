from django.urls import path

from thidua.emulation import views

app_name = "emulation"
urlpatterns = [
    path("", views.BlocListView.as_view(), name="bloc-list"),
    path("them/", views.BlocCreateView.as_view(), name="bloc-create"),
    path("<int:bloc_id>/", views.BlocDetailView.as_view(), name="bloc-detail"),
    path("<int:bloc_id>/sua/", views.BlocUpdateView.as_view(), name="bloc-update"),
    path("<int:bloc_id>/nam/<int:year>/them-don-vi/", views.BlocMembershipAddView.as_view(), name="membership-add"),
    path(
        "<int:bloc_id>/thanh-vien/<int:membership_id>/roi-khoi/",
        views.BlocMembershipRemoveView.as_view(),
        name="membership-remove",
    ),
    path(
        "<int:bloc_id>/thanh-vien/<int:membership_id>/vai-tro/",
        views.BlocMembershipSetRoleView.as_view(),
        name="membership-set-role",
    ),
    path("<int:bloc_id>/nam/<int:year>/sao-chep/", views.BlocYearCopyView.as_view(), name="year-copy"),
    path("<int:bloc_id>/nam/<int:year>/xac-nhan/", views.BlocYearConfirmView.as_view(), name="year-confirm"),
    path("<int:bloc_id>/nam/<int:year>/theo-doi/", views.BlocYearBoardView.as_view(), name="year-board"),
]
