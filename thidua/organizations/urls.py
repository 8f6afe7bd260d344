from django.urls import path

from thidua.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit-list"),
    path("cay/", views.UnitTreeView.as_view(), name="unit-tree"),
    path("moi/", views.UnitCreateView.as_view(), name="unit-create"),
    path("thay-doi/", views.UnitChangeCreateView.as_view(), name="unit-change-create"),
    path("<int:unit_id>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("<int:unit_id>/sua/", views.UnitUpdateView.as_view(), name="unit-update"),
]
