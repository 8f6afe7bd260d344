from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.api import api

admin.site.site_header = _("Thi Đua — quản trị dữ liệu tham chiếu")
admin.site.site_title = _("Thi Đua")
# The admin signs in through allauth too: same throttling, same two-factor; no second, weaker door.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("", include("thidua.accounts.urls")),
    path("don-vi/", include("thidua.organizations.urls")),
    path("khoi-thi-dua/", include("thidua.emulation.urls")),
    path("nhan-su/", include("thidua.people.urls")),
    path("phong-trao/", include("thidua.movements.urls")),
    path("dang-ky/", include("thidua.registrations.urls")),
    path("giao-uoc/", include("thidua.covenants.urls")),
    path("sang-kien/", include("thidua.initiatives.urls")),
    path("cham-diem/", include("thidua.scoring.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    path("hoi-nghi/", include("thidua.conferences.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
]

handler400 = "thidua.core.errors.bad_request"
handler403 = "thidua.core.errors.permission_denied"
handler404 = "thidua.core.errors.page_not_found"
handler500 = "thidua.core.errors.server_error"
