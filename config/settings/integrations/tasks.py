"""Background work through Django's Tasks API (the django-tasks backport).

TASK_BACKEND=database (default): tasks are rows in the main database and `make worker` (db_worker) runs them; no
extra service. TASK_BACKEND=redis: tasks go to Redis through RQ (REDIS_URL required) for deployments with several
machines; the worker is `manage.py rqworker --job-class django_tasks_rq.Job default`.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.env import env, env_required

TASK_BACKEND = env.str("TASK_BACKEND", default="database")
RQ_QUEUES: dict[str, Any] = {}

if TASK_BACKEND == "database":
    TASKS: dict[str, Any] = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "redis":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_required("REDIS_URL"), "DEFAULT_TIMEOUT": 1800}}
elif TASK_BACKEND == "immediate":
    # Runs each task synchronously at enqueue time: only for tests and one-off scripts.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"TASK_BACKEND phải là 'database', 'redis' hoặc 'immediate' (TASK_BACKEND must be one of them): {TASK_BACKEND!r}."
    )
