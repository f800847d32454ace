"""Opens (or with --close ends) a break-glass superuser account; see accounts/breakglass.py."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from senmediation.accounts.breakglass import breakglass_close, breakglass_open
from senmediation.accounts.enrolment import enrolment_link_issue
from senmediation.core import clock
from senmediation.core.errors import ServiceError


class Command(BaseCommand):
    help = ("Make or reopen a superuser for break-glass use, for a few hours, with a reason for the audit log "
            "(the password is asked for, or read from BREAKGLASS_PASSWORD). --close ends it at once.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", help="Where the link to set up the authenticator app goes.")
        parser.add_argument("--reason", help="Why, in a sentence: it goes in the audit log.")
        parser.add_argument("--hours", type=int, default=4)
        parser.add_argument("--close", action="store_true", help="End the account's break-glass access now.")
        parser.add_argument("--site-url", default="http://127.0.0.1:8000",
                            help="The service's address, for the link to set up the authenticator app.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            if options["close"]:
                breakglass_close(username=username)
                self.stdout.write(self.style.SUCCESS(f"Closed the break-glass account {username}."))
                return
            if not options["email"] or not options["reason"]:
                raise CommandError("Give --email and --reason (or --close).")
            password = os.environ.get("BREAKGLASS_PASSWORD") or self._ask_password()
            user = breakglass_open(username=username, email=options["email"], reason=options["reason"],
                                   hours=options["hours"], password=password)
            enrolment_link_issue(user=user, by=None, base_url=options["site_url"])
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        except ServiceError as refusal:
            raise CommandError(refusal.message) from None
        until = clock.local(user.break_glass_until) if user.break_glass_until else None
        self.stdout.write(self.style.SUCCESS(
            f"{username} is a superuser until {until:%-d %B %Y at %H:%M}. Every request it makes is audited. "
            f"A link to set up its authenticator app was e-mailed to {user.email}."))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password (12 characters or more): ")
        if first != getpass.getpass("The same password again: "):
            raise CommandError("The two passwords differ.")
        return first
