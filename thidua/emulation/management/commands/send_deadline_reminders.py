from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.emulation.services.reminders import deadline_reminders_send
from thidua.emulation.tasks import deadline_reminders_send_task


class Command(BaseCommand):
    help = (
        "Queue today's deadline reminders (e-mails to late units) for the worker. Schedule it once a day, e.g. cron: "
        "0 7 * * * .venv/bin/python manage.py send_deadline_reminders. --now sends them in this process instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="send now, without the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"{deadline_reminders_send()} e-mail(s) sent.")
            return
        result = deadline_reminders_send_task.enqueue()
        self.stdout.write(f"Reminders queued (task {result.id}).")
