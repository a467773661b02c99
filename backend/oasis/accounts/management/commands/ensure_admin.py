"""``python manage.py ensure_admin``: create a first admin user when there is no superuser yet."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the user 'admin' with a random password if no superuser exists, and say how to log in."

    def handle(self, *args, **options):
        users = get_user_model().objects
        password_file = settings.DATA_DIR / "initial-admin-password"
        if users.filter(is_superuser=True).exists():
            if password_file.exists():
                self.stdout.write(f"Log in as 'admin' with the password in {password_file}.")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(username="admin", email="", password=password)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Created the first admin user. Log in as 'admin' with password {password}")
        )
        self.stdout.write(f"(The password is also in {password_file}; change it after logging in.)")
