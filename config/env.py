"""The one place that reads the process environment (STYLE S32).

Every setting that can change between machines is read here through django-environ, so a missing or malformed variable
fails at start-up with one line that names it.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# A developer's own overrides, never committed (.gitignore lists .env).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_required(name: str) -> str:
    """Return a variable that production cannot run without, or stop with a message naming it."""
    value: str = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Thiếu biến môi trường {name} (missing required environment variable {name}).")
    return value


def development_secret_key() -> str:
    """The development secret key: generated once into an ignored local file, never committed."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    key: str = path.read_text(encoding="utf-8").strip()
    return key
