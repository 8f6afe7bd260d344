"""Pagination of API lists: page numbers and sizes are bounded, so no input reaches the database as an overflow."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100


class BoundedPageNumberPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Số trang, bắt đầu từ 1")
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="Số mục mỗi trang (tối đa 100)")
