"""Conference pages under /hoi-nghi/: the secretariat's pages (``urls_manage``), the delegates' and projector's
pages (``urls_vote``) and the record (``urls_record``), one namespace."""

from thidua.conferences import urls_manage, urls_record, urls_vote

app_name = "conferences"

urlpatterns = [*urls_manage.urlpatterns, *urls_vote.urlpatterns, *urls_record.urlpatterns]
