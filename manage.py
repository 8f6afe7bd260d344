#!/usr/bin/env python
"""Django's command-line utility for Thi Đua."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings: a configuration error stops here, in one line)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Lỗi cấu hình (configuration error): {error}\n")
        raise SystemExit(2) from None
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
