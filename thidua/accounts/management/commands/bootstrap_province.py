from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.services import role_grant, user_create
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.services import unit_create


class Command(BaseCommand):
    help = (
        "First set-up of an installation: create the province (or city) and the first account of its emulation "
        "office (Ban Thi đua – Khen thưởng). Everything after that is done in the application. The password is "
        "asked for, or read from THIDUA_BOOTSTRAP_PASSWORD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="province code, e.g. da-nang")
        parser.add_argument("--name", required=True, help='full name, e.g. "Thành phố Đà Nẵng"')
        parser.add_argument("--short-name", default="")
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if Unit.objects.filter(code=options["code"]).exists():
            raise CommandError(f"Đơn vị mã {options['code']!r} đã tồn tại.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"Tên đăng nhập {options['username']!r} đã tồn tại.")
        password = os.environ.get("THIDUA_BOOTSTRAP_PASSWORD") or getpass.getpass("Mật khẩu: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            province = unit_create(
                actor=None,
                code=options["code"],
                name=options["name"],
                short_name=options["short_name"],
                kind=UnitKind.PROVINCE,
            )
            user = user_create(
                actor=None,
                username=options["username"],
                full_name=options["full_name"],
                email=options["email"],
                password=password,
                unit=province,
            )
            role_grant(actor=None, user=user, role=Role.PROVINCE_OFFICE, unit=province, note="Khởi tạo hệ thống")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo {province.name} và tài khoản {user.username} (Ban Thi đua – Khen thưởng). "
                "Lần đăng nhập đầu tiên sẽ yêu cầu cài đặt xác thực hai lớp."
            )
        )
