"""Development: safe defaults so that `make run` works on a fresh clone with no configuration."""

from config.env import development_secret_key, env
from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS, TASK_BACKEND

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="") or development_secret_key()
if TASK_BACKEND == "redis":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq", "django_tasks_rq"]
# Serve static files straight from the finders (app folders and node_modules): no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
