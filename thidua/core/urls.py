from django.urls import path

from thidua.core import views
from thidua.core.imports import views as import_views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("nhat-ky/", views.AuditEventListView.as_view(), name="audit-list"),
    path("cong-viec/<str:job_id>/", views.JobDetailView.as_view(), name="job-detail"),
    path("cong-viec/<str:job_id>/tai-ve/", views.JobDownloadView.as_view(), name="job-download"),
    path("nhap-excel/<slug:kind>/", import_views.ImportUploadView.as_view(), name="import-upload"),
    path("nhap-excel/<slug:kind>/mau/", import_views.ImportTemplateView.as_view(), name="import-template"),
    path("nhap-excel/lo/<str:batch_id>/", import_views.ImportPreviewView.as_view(), name="import-preview"),
    path("nhap-excel/lo/<str:batch_id>/xac-nhan/", import_views.ImportConfirmView.as_view(), name="import-confirm"),
    path("xuat-excel/<slug:kind>/", import_views.ExportView.as_view(), name="export"),
]
