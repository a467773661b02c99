#!/usr/bin/env python
"""Django's command-line utility for OASIS."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A setting missing from the environment is a usage error: one line, not a traceback.
        sys.stderr.write(f"manage.py: {exc}\n")
        sys.exit(2)
