from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("kiem-tra-tieu-chuan/", views.EligibilityView.as_view(), name="eligibility"),
    path("lich-su/", views.HistoryView.as_view(), name="history"),
    path("quy-dinh/", views.RulesView.as_view(), name="rules"),
]
