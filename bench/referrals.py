"""`make bench`'s last phase: public referral submissions through `referral_submit` from several processes at
once, then a check that every submission opened exactly one case with a unique reference."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
import uuid
from typing import Any


def _referral_worker(args: tuple[int, int, str]) -> list[tuple[str, str]]:
    """In its own process: `count` public referrals through the service, each with its own key."""
    from bench.run import _django

    worker, count, run = args
    _django()
    from django.db import connection

    from senmediation.core import clock
    from senmediation.directory.models import LocalAuthority
    from senmediation.referrals import services
    from senmediation.referrals.steps import STEPS

    connection.close()
    la = LocalAuthority.objects.filter(commissions_us=True).order_by("id").first()
    assert la is not None
    posted = referral_answers(la.pk)
    answers: dict[str, Any] = {}
    for step in STEPS:
        if step.form_class is not None and step.slug in posted:
            form = step.form_class(posted[step.slug], answers=answers)
            assert form.is_valid(), (step.slug, form.errors)
            answers[step.slug] = form.to_session()
    out = []
    for n in range(count):
        key = f"bench-{run}-{worker}-{n}"
        outcome = services.referral_submit(
            answers=answers, channel="online", by=None, idempotency_key=key,
            address=services.address_hash(f"198.51.100.{worker}:{n}"), now=clock.now(),
            callback="We will call you.", site_root="http://127.0.0.1/", notify_coordinators=False,
        )
        out.append((key, outcome.reference))
    return out


def referral_answers(la_id: int) -> dict[str, dict[str, Any]]:
    """A parent's answers as the public form posts them (the journey the browser tests walk)."""
    today = dt.date.today()
    notice = today - dt.timedelta(days=20)
    child_dob = today.replace(year=today.year - 9)

    def parts(name: str, day: dt.date) -> dict[str, str]:
        return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}

    return {
        "who": {"who": "parent"},
        "local-authority": {"local_authority": str(la_id)},
        "disagreement": {"topics": ["plan_provision"]},
        "summary": {"summary": "The plan cut speech and language therapy to once a term."},
        "decision-date": parts("decision_date", notice),
        "key-dates": {},
        "wants": {"wants": "mediation"},
        "child": {"first_name": "Bench", "last_name": "Referral", **parts("date_of_birth", child_dob)},
        "contact-methods": {"methods": ["email"], "call_times": ""},
        "contact": {"name": "Bench Parent", "email": "bench.parent@example.com", "phone": "07700 900123",
                    "address": ""},
        "language": {"language": "English"},
        "adjustments": {"adjustments": [], "notes": ""},
        "child-views": {"views": ""},
        "check": {},
    }


def referrals(processes: int, each: int) -> dict[str, Any]:
    from senmediation.cases.models import Case
    from senmediation.referrals.models import Submission

    run = uuid.uuid4().hex[:8]
    before = Case.objects.count()
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        batches = pool.map(_referral_worker, [(w, each, run) for w in range(processes)])
    seconds = time.perf_counter() - started
    outcomes = [o for batch in batches for o in batch]
    references = [ref for _, ref in outcomes]
    made = Case.objects.filter(idempotency_key__startswith=f"bench-{run}-")
    stored = list(made.values_list("idempotency_key", "reference"))
    return {
        "processes": processes, "submitted": len(outcomes), "seconds": round(seconds, 2),
        "per_second": round(len(outcomes) / seconds, 1),
        "cases_opened": len(stored), "cases_before": before,
        "unique_references": len(set(references)) == len(references) == len({r for _, r in stored}),
        "none_lost_or_duplicated": sorted(stored) == sorted(outcomes),
        "submissions_recorded": Submission.objects.filter(idempotency_key__startswith=f"bench-{run}-").count(),
    }
