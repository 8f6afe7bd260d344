"""Tasks of the emulation app: thin wrappers around services (S9, S23)."""

from django_tasks import task

from thidua.emulation.services.reminders import deadline_reminders_send


@task()
def deadline_reminders_send_task() -> int:
    return deadline_reminders_send()
