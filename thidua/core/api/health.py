from __future__ import annotations

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str
    database: str


@router.get("/health", response=HealthOut, auth=None, operation_id="health_get", summary="Tình trạng hệ thống")
def health_get(request: HttpRequest) -> HealthOut:
    """Liveness and database check for monitoring. No authentication."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HealthOut(status="ok", database=connection.vendor)
