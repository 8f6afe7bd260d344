from django.urls import path

from thidua.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.InitiativeListView.as_view(), name="initiative-list"),
    path("them/", views.InitiativeCreateView.as_view(), name="initiative-create"),
    path("thong-ke/", views.InitiativeStatisticsView.as_view(), name="initiative-statistics"),
    path("<int:initiative_id>/", views.InitiativeDetailView.as_view(), name="initiative-detail"),
    path("<int:initiative_id>/sua/", views.InitiativeUpdateView.as_view(), name="initiative-update"),
    path("<int:initiative_id>/cong-nhan/", views.InitiativeRecogniseView.as_view(), name="initiative-recognise"),
]
