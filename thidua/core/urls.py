from django.urls import path

from thidua.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("nhat-ky/", views.AuditEventListView.as_view(), name="audit-list"),
    path("cong-viec/<str:job_id>/", views.JobDetailView.as_view(), name="job-detail"),
    path("cong-viec/<str:job_id>/tai-ve/", views.JobDownloadView.as_view(), name="job-download"),
]
