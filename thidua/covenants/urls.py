from django.urls import path

from thidua.covenants import views

app_name = "covenants"
urlpatterns = [
    path("khoi/<int:bloc_id>/<int:year>/", views.BlocCovenantYearView.as_view(), name="bloc-covenant-year"),
    path("khoi/<int:bloc_id>/<int:year>/soan/", views.BlocCovenantCreateView.as_view(), name="bloc-covenant-create"),
    path("<int:covenant_id>/", views.BlocCovenantDetailView.as_view(), name="bloc-covenant-detail"),
    path("<int:covenant_id>/sua/", views.BlocCovenantUpdateView.as_view(), name="bloc-covenant-update"),
    path("<int:covenant_id>/chi-tieu/", views.BlocCovenantTargetAddView.as_view(), name="bloc-covenant-target-add"),
    path("<int:covenant_id>/mo/", views.BlocCovenantOpenView.as_view(), name="bloc-covenant-open"),
    path(
        "<int:covenant_id>/tiep-nhan/<int:unit_id>/",
        views.CovenantAcknowledgeView.as_view(),
        name="covenant-acknowledge",
    ),
    path("don-vi/<int:unit_id>/them/", views.UnitCovenantCreateView.as_view(), name="unit-covenant-create"),
    path("ubnd/<int:covenant_id>/", views.UnitCovenantDetailView.as_view(), name="unit-covenant-detail"),
    path("chi-tieu/<int:target_id>/bao-cao/", views.ProgressReportCreateView.as_view(), name="progress-report-create"),
]
