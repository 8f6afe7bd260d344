from django.urls import path

from thidua.registrations import views

app_name = "registrations"
urlpatterns = [
    path("", views.RegistrationListView.as_view(), name="registration-list"),
    path("don-vi/<int:unit_id>/nam/<int:year>/", views.RegistrationCreateView.as_view(), name="registration-create"),
    path("<int:registration_id>/", views.RegistrationDetailView.as_view(), name="registration-detail"),
    path("<int:registration_id>/sua/", views.RegistrationUpdateView.as_view(), name="registration-update"),
    path("<int:registration_id>/gui/", views.RegistrationSubmitView.as_view(), name="registration-submit"),
    path("<int:registration_id>/tra-lai/", views.RegistrationReturnView.as_view(), name="registration-return"),
    path("khoi/<int:bloc_id>/nam/<int:year>/", views.RegistrationOverviewView.as_view(), name="registration-overview"),
]
