from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("kiem-tra-tieu-chuan/", views.EligibilityView.as_view(), name="eligibility"),
    path("lich-su/", views.HistoryView.as_view(), name="history"),
    path("quy-dinh/", views.RulesView.as_view(), name="rules"),
]

# Proposal dossiers and decisions (issue 6)
from thidua.awards import views_dossiers  # noqa: E402

urlpatterns += [
    path("ho-so/", views_dossiers.DossierListView.as_view(), name="dossier_list"),
    path("ho-so/<int:dossier_id>/", views_dossiers.DossierView.as_view(), name="dossier"),
    path("ho-so/<int:dossier_id>/sua/", views_dossiers.DossierUpdateView.as_view(), name="dossier_update"),
    path(
        "ho-so/<int:dossier_id>/thao-tac/<slug:action>/",
        views_dossiers.DossierActionView.as_view(),
        name="dossier_action",
    ),
    path(
        "ho-so/<int:dossier_id>/tai-lieu/<int:document_id>/",
        views_dossiers.DossierDocumentDownloadView.as_view(),
        name="dossier_document",
    ),
    path("quyet-dinh/", views_dossiers.DecisionListView.as_view(), name="decision_list"),
    path("quyet-dinh/<int:decision_id>/", views_dossiers.DecisionView.as_view(), name="decision"),
    path("quyet-dinh/<int:decision_id>/huy-bo/", views_dossiers.DecisionRevokeView.as_view(), name="decision_revoke"),
]
