"""Start-up configuration: production refuses to start without its variables, and passes check --deploy with them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[3]
PROD = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "thidua.example.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/thidua-prod-check.sqlite3",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS"}}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("_case", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable_and_names_it(_case):
    env = {k: v for k, v in PROD.items() if k != _case}
    result = _manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Lỗi cấu hình (configuration error): Thiếu biến môi trường {_case} (missing required environment variable {_case})."
    ]


def test_production_settings_pass_check_deploy_without_any_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_wrong_task_backend_is_named_in_one_line():
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "config.settings.dev", "TASK_BACKEND": "celery"})
    assert result.returncode == 2
    assert "TASK_BACKEND" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_oidc_is_configured_only_when_switched_on():
    script = "from django.conf import settings as s; print(sorted(s.SOCIALACCOUNT_PROVIDERS))"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "USE_OIDC": "true",
        "OIDC_PROVIDER_ID": "sso-tinh",
        "OIDC_SERVER_URL": "https://sso.example.gov.vn/realms/tinh",
        "OIDC_CLIENT_ID": "thidua",
        "OIDC_CLIENT_SECRET": "bi-mat",
    }
    on = _manage("shell", "--no-imports", "-c", script, env=env)
    off = _manage("shell", "--no-imports", "-c", script, env={"DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    missing = _manage("check", env={**env, "OIDC_CLIENT_SECRET": ""})
    assert on.stdout.strip() == "['openid_connect']"
    assert off.stdout.strip() == "[]"
    assert "OIDC_CLIENT_SECRET" in missing.stderr


def test_vietnamese_dates_and_numbers():
    import datetime as dt

    with translation.override("vi"):
        assert formats.date_format(dt.date(2020, 1, 17), "SHORT_DATE_FORMAT") == "17/01/2020"
        assert formats.number_format(1234567.5, decimal_pos=1, use_l10n=True, force_grouping=True) == "1.234.567,5"
