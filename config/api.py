"""The REST API for other government systems: django-ninja at /api/v1/, OpenAPI 3.1 at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from thidua.accounts.api import ApiTokenAuth
from thidua.accounts.api import router as accounts_router
from thidua.core.api.errors import install_error_handlers
from thidua.core.api.health import router as health_router
from thidua.organizations.api import router as organizations_router

api = NinjaAPI(
    title="Thi Đua API",
    version="1",
    description="API của Thi Đua cho các hệ thống khác: xác thực bằng khóa API (Bearer) hoặc phiên đăng nhập.",
    auth=[ApiTokenAuth(), django_auth],
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("", health_router)
api.add_router("", accounts_router)
api.add_router("", organizations_router)
api.add_router("", "thidua.people.api.router")
api.add_router("", "thidua.emulation.api.router")
api.add_router("", "thidua.covenants.api.router")
api.add_router("", "thidua.movements.api.router")
api.add_router("", "thidua.registrations.api.router")
api.add_router("", "thidua.initiatives.api.router")
api.add_router("", "thidua.scoring.api.router")
api.add_router("", "thidua.awards.api.router")
