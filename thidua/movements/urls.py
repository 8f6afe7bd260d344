from django.urls import path

from thidua.movements import views

app_name = "movements"
urlpatterns = [
    path("", views.MovementListView.as_view(), name="movement-list"),
    path("them/", views.MovementCreateView.as_view(), name="movement-create"),
    path("<int:movement_id>/", views.MovementDetailView.as_view(), name="movement-detail"),
    path("<int:movement_id>/so-ket-tong-ket/", views.MovementReviewCreateView.as_view(), name="review-create"),
    path("khoi/<int:bloc_id>/nam/<int:year>/", views.MovementBlocYearView.as_view(), name="bloc-year"),
]
