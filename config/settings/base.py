"""Settings shared by every environment. dev, test and prod only override (STYLE S32)."""

from __future__ import annotations

from config.env import BASE_DIR, env

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # form widget templates for the TemplatesSetting renderer
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # Thi Đua apps: one per domain noun; core is infrastructure only.
    "thidua.core",
    "thidua.organizations",
    "thidua.emulation",
    "thidua.accounts",
    "thidua.people",
    "thidua.awards",
    "thidua.initiatives",
    "thidua.covenants",
    "thidua.registrations",
    "thidua.movements",
    "thidua.scoring",
    "thidua.conferences",
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "thidua.core.middleware.AuditContextMiddleware",
    "thidua.core.middleware.NotFoundMiddleware",
    "thidua.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.core.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "thidua.core.forms.BootstrapFormRenderer"

# Database: SQLite is the embedded default so that a newcomer runs Thi Đua with one command; PostgreSQL in production.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'thidua.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://thidua")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# --- Locale: Vietnamese first, English second -----------------------------------------------------------------------
LANGUAGE_CODE = "vi"
# Each language is named in itself, so a reader of either can find their own.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale: our catalogues; locale_vendor: Vietnamese for third-party pages (allauth ships none).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "thidua_language"

# --- Static and media files: served by the app, never from a CDN ---------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/noto-sans", NODE_MODULES / "@fontsource" / "noto-sans"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

MESSAGE_TAGS = {40: "danger"}  # messages.ERROR → Bootstrap's "danger"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

# --- Thi Đua's own settings ------------------------------------------------------------------------------------------
# Province-level roles (province office, council) must use two-factor authentication (issue 2, item 3).
THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = env.bool("THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES", default=True)
THIDUA_PAGE_SIZE = 25
# Attachments (plans, reviews, covenants, initiatives): at most this size; only PDF, DOCX, XLSX, JPEG, PNG.
THIDUA_ATTACHMENT_MAX_BYTES = env.int("THIDUA_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
THIDUA_API_TOKEN_DEFAULT_DAYS = env.int("THIDUA_API_TOKEN_DEFAULT_DAYS", default=365)
# XLSX import (issue 3): the modules that register import kinds, loaded on first use so core imports no domain app.
THIDUA_IMPORT_KINDS = [
    "thidua.organizations.xlsx",
    "thidua.people.xlsx",
    "thidua.emulation.xlsx",
    "thidua.initiatives.xlsx",
    "thidua.registrations.xlsx",
    "thidua.movements.xlsx",
    "thidua.covenants.xlsx",
    "thidua.awards.xlsx",
]
THIDUA_IMPORT_MAX_BYTES = 5 * 1024 * 1024
THIDUA_IMPORT_MAX_ROWS = 5000
THIDUA_IMPORT_PREVIEW_HOURS = 24
# Larger imports are confirmed as a background job (3–4 ms per row: 500 rows take about two seconds).
THIDUA_IMPORT_SYNC_MAX_ROWS = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

from config.settings.integrations.accounts import *  # noqa: E402, F403
from config.settings.integrations.email import *  # noqa: E402, F403
from config.settings.integrations.oidc import *  # noqa: E402, F403
from config.settings.integrations.storage import *  # noqa: E402, F403
from config.settings.integrations.tasks import *  # noqa: E402, F403
