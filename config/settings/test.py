"""Tests: fast hashing, in-memory e-mail and cache; the database comes from DATABASE_URL like everywhere else."""

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS, TASK_BACKEND

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thidua-test"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if TASK_BACKEND == "redis":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
ALLOWED_HOSTS = ["*"]
THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = env.bool("THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES", default=True)
# Serve static files straight from the finders (app folders and node_modules): no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
