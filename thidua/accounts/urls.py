from django.urls import path

from thidua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("nguoi-dung/", views.UserListView.as_view(), name="user-list"),
    path("nguoi-dung/<int:user_id>/", views.UserDetailView.as_view(), name="user-detail"),
    path(
        "nguoi-dung/<int:user_id>/vai-tro/<int:assignment_id>/thu-hoi/",
        views.RoleRevokeView.as_view(),
        name="role-revoke",
    ),
    path("tai-khoan/", views.ProfileView.as_view(), name="profile"),
    path("tai-khoan/khoa-api/<int:token_id>/thu-hoi/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
]
