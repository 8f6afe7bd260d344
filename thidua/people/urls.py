from django.urls import path

from thidua.people import views

app_name = "people"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="person-list"),
    path("them/", views.PersonCreateView.as_view(), name="person-create"),
    path("chon/", views.PersonOptionsView.as_view(), name="person-options"),
    path("<int:person_id>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<int:person_id>/sua/", views.PersonUpdateView.as_view(), name="person-update"),
    path("<int:person_id>/dieu-dong/", views.AssignmentMoveView.as_view(), name="assignment-move"),
]
