"""Creates a staff account from the command line: how an operator makes the first manager."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senmediation.accounts.enrolment import enrolment_link_issue
from senmediation.accounts.roles import Role
from senmediation.accounts.services import staff_user_create
from senmediation.core.errors import ServiceError


class Command(BaseCommand):
    help = "Create a staff account with one role. The password is asked for (or read from STAFF_PASSWORD)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--site-url", default="http://127.0.0.1:8000",
                            help="The service's address, for the link to set up the authenticator app.")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("STAFF_PASSWORD") or self._ask_password()
        try:
            user = staff_user_create(
                username=options["username"], email=options["email"], first_name=options["first_name"],
                last_name=options["last_name"], role=Role(options["role"]), password=password,
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        except ValueError as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({options['role']})."))
        # The first manager has no manager to send them a set-up link, so the operator's command does.
        try:
            enrolment_link_issue(user=user, by=None, base_url=options["site_url"])
        except ServiceError as refusal:
            raise CommandError(f"The account was made, but the set-up link was not sent: {refusal.message}") from None
        self.stdout.write(self.style.SUCCESS(
            f"A link to set up their authenticator app was e-mailed to {user.email}. It works once, for 24 hours."
        ))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password (12 characters or more): ")
        if first != getpass.getpass("The same password again: "):
            raise CommandError("The two passwords differ.")
        return first
