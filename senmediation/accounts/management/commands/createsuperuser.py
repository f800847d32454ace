"""Django's createsuperuser, refused: superusers are made only for break-glass use (accounts/breakglass.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Refused here: use `manage.py staff_create` for staff, or `manage.py breakglass` for emergency access."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs="*")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--noinput", "--no-input", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("Superusers are made only for break-glass use, with a reason and an end time: run "
                           "`manage.py breakglass --username NAME --email ADDRESS --reason '...'`. For a staff "
                           "account run `manage.py staff_create`.")
