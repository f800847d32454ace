"""Loads the demo provider, reference data, one user per role and, optionally, N realistic cases.

Idempotent: running it again updates what exists and never duplicates anything.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from senmediation.accounts.models import User
from senmediation.demodata.documents import OWN_DOCUMENTS_BELOW
from senmediation.demodata.generator import cases_generate
from senmediation.demodata.progress import Progress
from senmediation.demodata.queue_examples import queue_examples_make
from senmediation.demodata.reference import demo_reference_data_load, demo_users_create


def _cases_exist() -> bool:
    from senmediation.cases.models import Case

    return bool(Case.objects.exists())


def _demo_password() -> tuple[str, bool]:
    """DEMO_PASSWORD if set; otherwise one generated once and kept in var/ so later runs agree."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"], False
    path = Path(settings.BASE_DIR) / "var" / "demo-password.txt"
    if path.exists():
        return path.read_text().strip(), True
    path.parent.mkdir(exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


SEED_REFUSED = "seed_demo runs only with DEBUG=1 or DEMO_MODE=1: demo users must never exist on a live service."


class Command(BaseCommand):
    help = "Load demo data: the provider, LAs, venues, mediators, one user per role and N cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=0, help="How many demo cases to create (default 0).")
        parser.add_argument("--seed", type=int, default=2014, help="Random seed, so runs are repeatable.")
        parser.add_argument("--processes", type=int, default=None,
                            help="Worker processes making cases on PostgreSQL (default: up to 2).")
        parser.add_argument(
            "--only-if-no-cases", action="store_true",
            help="Create the demo cases only when there are no cases yet (make run uses this).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo users share one known password: never on a live service.
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError(SEED_REFUSED)
        password, generated = _demo_password()
        with transaction.atomic():
            demo_reference_data_load()
            usernames = demo_users_create(password=password)
        created = 0
        if options["cases"] and not (options["only_if_no_cases"] and _cases_exist()):
            started = time.monotonic()
            created = cases_generate(count=options["cases"], seed=options["seed"], processes=options["processes"],
                                     progress=Progress(options["cases"], stream=self.stderr))
            self.stdout.write(f"Made {created} cases in {time.monotonic() - started:.1f} s.")
            # The generator writes in bulk, which marks no month: count every month's report figures once.
            call_command("report_buckets", "--build", stdout=self.stdout)
            if options["cases"] < OWN_DOCUMENTS_BELOW:
                coordinator = User.objects.get(username="coordinator")
                sent = queue_examples_make(by=coordinator)
                self.stdout.write(f"Sent {sent} links that put work on the coordinator's queue.")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if created:
            self.stdout.write(f"Created {created} demo cases.")
        self.stdout.write("Demo sign-ins at http://127.0.0.1:8000/accounts/sign-in/ :")
        for username in usernames:
            self.stdout.write(f"  {username}")
        if generated:
            self.stdout.write(f"Password for every demo user (generated; set DEMO_PASSWORD to choose): {password}")
        else:
            self.stdout.write("Password for every demo user: the value of DEMO_PASSWORD")
