"""Builds, refreshes and checks the reports' monthly summary buckets (reporting/buckets.py)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from senmediation.core import clock
from senmediation.reporting.buckets import buckets_differ_from_recount, months_to_build, rebuild_month, stale_months


class Command(BaseCommand):
    help = ("Recount the reports' monthly figures: --stale (each minute from cron) recounts the months a change "
            "has marked; --build recounts every month; --check compares every built month with a recount.")

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--stale", action="store_true", help="Recount the months marked by a change.")
        group.add_argument("--build", action="store_true", help="Recount every month from the first fact.")
        group.add_argument("--check", action="store_true",
                           help="Compare every built, unmarked month with a recount; exit 1 if any differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            months = months_to_build(clock.today())
            problems = buckets_differ_from_recount(months)
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError(f"{len(problems)} bucket(s) differ from a recount: run --build.")
            self.stdout.write(f"{len(months)} month(s) checked: every built bucket equals a recount.")
            return
        months = stale_months() if options["stale"] else months_to_build(clock.today())
        began = time.monotonic()
        for number, month in enumerate(months, start=1):
            rebuild_month(month)
            if options["verbosity"] > 1 or (options["build"] and number % 12 == 0):
                self.stdout.write(f"  {number} of {len(months)} months counted ({month:%B %Y})")
        self.stdout.write(f"{len(months)} month(s) recounted in {time.monotonic() - began:.1f} s.")
