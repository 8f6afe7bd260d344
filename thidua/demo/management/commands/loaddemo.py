from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.accounts.choices import PROVINCE_ROLES
from thidua.demo.world import DEMO_PASSWORD, demo_world_load


class Command(BaseCommand):
    help = "Load the demo world (Khối thi đua các cơ quan tham mưu III, Quảng Nam) and print its accounts. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = demo_world_load()
        self.stdout.write(
            self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng. Tài khoản mẫu (mật khẩu chung: %s):" % DEMO_PASSWORD)
        )
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            note = "  [bắt buộc xác thực hai lớp khi đăng nhập]" if account.role in PROVINCE_ROLES else ""
            self.stdout.write(f"  {account.username.ljust(width)}  {account.full_name} — {account.role.label}{note}")
