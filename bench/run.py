"""`make bench`: the staff pages against gunicorn and the database in DATABASE_URL, on loopback only.

1. Starts gunicorn (4 workers) on 127.0.0.1 with the project's settings and signs in by making
   sessions in the database (no password or second factor needed on loopback).
2. One user at a time: each page `--runs` times; median, p95 and the ratio to the floor
   (`/accounts/password/`, a trivial signed-in page behind the same middleware).
3. Open loop: requests arrive at random (Poisson, `--rate` a second for `--seconds`), first over the
   case-work pages (dashboard, lists, case page, certificate), then over every page including reports
   and API reads; each latency counts from when the request was due, so queueing shows.
4. Public referral submissions per second through `referral_submit` from several processes at once,
   then a check that every submission opened exactly one case with a unique reference.

Bounded: at most runs x pages + 2 x rate x seconds requests and a fixed number of referrals. Seed the
database first (`manage.py seed_demo --cases N`). Writes JSON and markdown to bench/results/.

    DATABASE_URL=postgres://... python -m bench.run --runs 40 --rate 10 --seconds 60
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import http.client
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.referrals import referrals

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
FLOOR = "floor: /accounts/password/"
# (name, path, headers): staff pages as the coordinator, reports as a manager, the API with a key.
Page = tuple[str, str, dict[str, str]]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _session_for(user: Any) -> str:
    """A signed-in session, as after a real sign-in, stored where the server will read it."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return str(client.cookies["sessionid"].value)


def _api_key_for(la: Any) -> tuple[Any, str]:
    """A key for the LA's own system, read-only, as its administrator would be issued one."""
    from senmediation.api.keys import api_key_issue
    from senmediation.api.models import Organisation

    organisation, _ = Organisation.objects.get_or_create(
        name=f"{la.name} (bench)", kind=Organisation.Kind.LOCAL_AUTHORITY, local_authority=la)
    _, token = api_key_issue(organisation=organisation, name="bench", by=None,
                             scopes=["cases:read", "certificates:read", "reports:read"])
    return organisation, token


def _search_pages(case: Any, headers: dict[str, str]) -> list[Page]:
    """Search by anyone in a case (cases/search.py): a parent's full name, their phone as written
    differently from how it was stored, and their e-mail address."""
    from urllib.parse import urlencode

    parent = case.parties.filter(role="parent").order_by("id").first()
    if parent is None:
        return []
    pages: list[Page] = [("search by a parent's full name", f"/staff/cases/?{urlencode({'q': parent.name})}", headers)]
    if parent.phone:
        digits = "".join(c for c in parent.phone if c.isdigit())
        written = "+44 " + digits[1:] if digits.startswith("0") else digits
        pages.append(("search by phone", f"/staff/cases/?{urlencode({'q': written})}", headers))
    if parent.email:
        pages.append(("search by e-mail", f"/staff/cases/?{urlencode({'q': parent.email})}", headers))
    return pages


def _family_pages() -> list[Page]:
    """The family's own case page (yourcase/) for the parent in the newest case with an agreement: a
    fresh 'see your case' link made for the bench as the lost-link page would make one."""
    from senmediation.agreements.models import Agreement
    from senmediation.portal.models import Purpose
    from senmediation.portal.services.links import party_link_create
    from senmediation.rules.workflow import OPEN_STATES

    agreement = (Agreement.objects.filter(case__state__in=[str(state) for state in OPEN_STATES])
                 .order_by("-id").select_related("case").first())
    parent = None if agreement is None else agreement.case.parties.filter(role="parent").order_by("id").first()
    if parent is None:
        return []
    _, path = party_link_create(party=parent, purpose=Purpose.CASE, by=None)
    return [("family's case page /p/<token>/", path, {})]


def pages_to_measure() -> list[Page]:
    """Every page measured: the staff pages, each report page, API reads and a certificate PDF."""
    from senmediation.accounts.models import User
    from senmediation.accounts.roles import Role
    from senmediation.api.selectors import case_queryset_for_organisation
    from senmediation.cases.models import Case
    from senmediation.core import clock
    from senmediation.documents.models import Certificate
    from senmediation.reporting.forms import default_period_query

    coordinator = User.objects.filter(groups__name=Role.COORDINATOR.value).order_by("id").first()
    manager = User.objects.filter(groups__name=Role.MANAGER.value).order_by("id").first()
    if coordinator is None or manager is None or not Case.objects.exists():
        raise SystemExit("Seed the database first: manage.py seed_demo --cases 1000")
    case = Case.objects.order_by("-id").select_related("local_authority").first()
    certificate = Certificate.objects.order_by("-id").select_related("case").first()
    assert case is not None
    staff = {"Cookie": f"sessionid={_session_for(coordinator)}"}
    pages: list[Page] = [
        (FLOOR, "/accounts/password/", staff),
        ("work queue (home) /staff/", "/staff/", staff),
        *((f"queue list: {kind}", f"/staff/queue/{kind}/", staff) for kind in ("time-limits", "call-backs", "calls",
                                                                               "missing-details", "letters")),
        ("case list", "/staff/cases/", staff),
        ("search ?q=smith", "/staff/cases/?q=smith", staff),
        ("search by reference", f"/staff/cases/?q={case.reference}", staff),
        *_search_pages(case, staff),
        ("by next deadline ?sort=due", "/staff/cases/?sort=due", staff),
        ("filtered by state", "/staff/cases/?state=information_given", staff),
        ("filtered by LA and state", f"/staff/cases/?local_authority={case.local_authority_id}&state=closed", staff),
        ("case page", f"/staff/cases/{case.reference}/", staff),
        *_family_pages(),
    ]
    if certificate is not None:
        pages.append(("certificate PDF", f"/staff/cases/{certificate.case.reference}/documents/certificates/"
                      f"{certificate.pk}/download/", staff))
    la, year = case.local_authority, clock.today().year
    quarter = default_period_query(clock.today())  # the last complete quarter
    manager_headers = {"Cookie": f"sessionid={_session_for(manager)}"}
    pages += [
        ("reports: index", "/staff/reports/", manager_headers),
        ("report: one LA, a quarter", f"/staff/reports/{la.gss_code}/?{quarter}", manager_headers),
        ("report: one LA, a year", f"/staff/reports/{la.gss_code}/?period=year&year={year - 1}", manager_headers),
        ("report: all LAs, a quarter", f"/staff/reports/all/?{quarter}", manager_headers),
        ("report: all LAs, a year", f"/staff/reports/all/?period=year&year={year - 1}", manager_headers),
        ("report: SEN2 figures", f"/staff/reports/{la.gss_code}/sen2/{year - 1}/", manager_headers),
        ("report: activity statement", f"/staff/reports/{la.gss_code}/activity/?{quarter}", manager_headers),
        ("report: a table's CSV", f"/staff/reports/all/enquiries-by-source.csv?period=year&year={year - 1}",
         manager_headers),
    ]
    pages += _commissioner_pages(year, quarter)
    organisation, token = _api_key_for(la)
    api = {"Authorization": f"Bearer {token}"}
    readable = case_queryset_for_organisation(organisation).order_by("-id").first()
    if readable is not None:
        pages.append(("API: a case", f"/api/v1/cases/{readable.reference}", api))
    pages.append(("API: an LA's report figures", f"/api/v1/reports/{la.gss_code}?year={year - 1}", api))
    return pages


def _commissioner_pages(year: int, quarter: str) -> list[Page]:
    """A commissioner's reports: every count protected, with the neighbouring periods counted too."""
    from senmediation.accounts.models import User
    from senmediation.accounts.roles import Role

    commissioner = (User.objects.filter(groups__name=Role.COMMISSIONER.value, local_authority__isnull=False)
                    .select_related("local_authority").order_by("id").first())
    if commissioner is None:
        return []
    gss, headers = commissioner.local_authority.gss_code, {"Cookie": f"sessionid={_session_for(commissioner)}"}
    month = 12
    return [
        ("commissioner: report, a quarter", f"/staff/reports/{gss}/?{quarter}", headers),
        ("commissioner: report, a year", f"/staff/reports/{gss}/?period=year&year={year - 1}", headers),
        ("commissioner: report, 12 months", f"/staff/reports/{gss}/?period=rolling&year={year - 1}&month={month}",
         headers),
        ("commissioner: a table's CSV", f"/staff/reports/{gss}/outcomes.csv?period=year&year={year - 1}", headers),
        ("commissioner: statements", f"/staff/reports/{gss}/statements/", headers),
        ("commissioner: scorecard", f"/staff/reports/{gss}/scorecard/?year={year - 1}&month={month}", headers),
        ("commissioner: scorecard CSV", f"/staff/reports/{gss}/scorecard.csv?year={year - 1}&month={month}",
         headers),
    ]


class Server:
    def __init__(self, port: int, workers: int):
        env = {**os.environ, "OTP_REQUIRED": "0", "LOG_LEVEL": "WARNING", "ALLOWED_HOSTS": "127.0.0.1",
               "DJANGO_SETTINGS_MODULE": "bench.settings"}
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
             str(workers), "--access-logfile", "/dev/null", "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        self.port = port
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def _get(port: int, path: str, headers: dict[str, str],
         conn: http.client.HTTPConnection | None = None) -> tuple[float, int]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    conn.request("GET", path, headers={**headers, "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if own:
        conn.close()
    return elapsed, response.status


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {"median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1), "n": len(ordered)}


def serial(port: int, pages: list[Page], runs: int) -> dict[str, dict[str, float]]:
    """One user at a time, pages interleaved so slow drift affects them all alike."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings: dict[str, list[float]] = {name: [] for name, _, _ in pages}
    for _name, path, headers in pages:  # warm every worker's caches
        for _ in range(4):
            _, status = _get(port, path, headers, conn)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    for _ in range(runs):
        for name, path, headers in pages:
            elapsed, status = _get(port, path, headers, conn)
            assert status == 200, (path, status)
            timings[name].append(elapsed)
    conn.close()
    return {name: _summary(values) for name, values in timings.items()}


def open_loop(port: int, pages: list[Page], rate: float, seconds: float, seed: int = 1) -> dict[str, Any]:
    """Poisson arrivals over the pages; latency from the moment each request was due."""
    rng = random.Random(seed)
    schedule, t = [], 0.0
    while True:
        t += rng.expovariate(rate)
        if t >= seconds:
            break
        schedule.append((t, pages[rng.randrange(len(pages))]))
    results: dict[str, list[float]] = {name: [] for name, _, _ in pages}
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()

    def fire(due: float, name: str, path: str, headers: dict[str, str]) -> None:
        wait = start + due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        try:
            _, status = _get(port, path, headers)
            latency = (time.perf_counter() - (start + due)) * 1000
        except OSError as error:
            with lock:
                errors.append(f"{path}: {error}")
            return
        with lock:
            if status != 200:
                errors.append(f"{path}: {status}")
            results[name].append(latency)

    with concurrent.futures.ThreadPoolExecutor(max_workers=128) as pool:
        for due, (name, path, headers) in schedule:
            pool.submit(fire, due, name, path, headers)
    every = [v for values in results.values() for v in values]
    return {
        "rate_per_s": rate, "seconds": seconds, "requests": len(schedule), "errors": errors[:10],
        "error_count": len(errors), "all": _summary(every) if every else {},
        "pages": {name: _summary(values) for name, values in results.items() if values},
    }


def _markdown(result: dict[str, Any]) -> str:
    floor = result["serial"][FLOOR]["median_ms"]
    lines = [f"# Bench {result['when']}", "", f"{result['cases']:,} cases; {result['machine']}", "",
             f"`{result['command']}`", "", "## One user at a time", "",
             "| page | median ms | p95 ms | x floor |", "| --- | ---: | ---: | ---: |"]
    for name, figures in result["serial"].items():
        lines.append(f"| {name} | {figures['median_ms']} | {figures['p95_ms']} | "
                     f"{figures['median_ms'] / floor:.2f} |")
    for key, over in (("open_loop", "the case-work pages"), ("open_loop_all", "every page, reports and API too")):
        loop = result.get(key)
        if not loop:
            continue
        lines += ["", f"## Open loop over {over}: {loop['rate_per_s']}/s for {loop['seconds']} s, "
                  f"{loop['requests']} requests, {loop['error_count']} errors", "",
                  "| page | median ms | p95 ms |", "| --- | ---: | ---: |"]
        for name, figures in loop["pages"].items():
            lines.append(f"| {name} | {figures['median_ms']} | {figures['p95_ms']} |")
        lines.append(f"| all | {loop['all']['median_ms']} | {loop['all']['p95_ms']} |")
    ref = result.get("referrals")
    if ref:
        lines += ["", "## Referral submissions", "", f"{ref['submitted']} from {ref['processes']} processes in "
                  f"{ref['seconds']} s: {ref['per_second']}/s; unique references: {ref['unique_references']}; "
                  f"none lost or duplicated: {ref['none_lost_or_duplicated']}"]
    return "\n".join(lines) + "\n"


def _is_case_work(page: Page) -> bool:
    return page[1] == "/staff/" or page[1].startswith(("/staff/cases", "/staff/queue", "/p/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--referral-processes", type=int, default=4)
    parser.add_argument("--referrals-each", type=int, default=50)
    parser.add_argument("--skip", default="", help="Comma-separated phases to skip: serial,open,referrals")
    parser.add_argument("--case-work-only", action="store_true",
                        help="Only the floor and the case-work pages (no reports or API reads)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    _django()
    from senmediation.cases.models import Case

    pages = pages_to_measure()
    if args.case_work_only:
        pages = [page for page in pages if page[0] == FLOOR or _is_case_work(page)]
    cases = Case.objects.count()
    from django.db import connections

    connections.close_all()
    server = Server(_free_port(), args.workers)
    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cases": cases,
        "machine": f"{platform.node()}, {os.cpu_count()} cores, {platform.python_version()}, gunicorn "
                   f"{args.workers} workers, shared with other work",
        "command": "python -m bench.run " + " ".join(sys.argv[1:]),
    }
    try:
        if "serial" not in skip:
            result["serial"] = serial(server.port, pages, args.runs)
        if "open" not in skip:
            # The case-work pages staff use all day, then every page (reports and API reads included).
            casework = [page for page in pages[1:] if _is_case_work(page)]
            result["open_loop"] = open_loop(server.port, casework, args.rate, args.seconds)
            if len(casework) < len(pages) - 1:
                result["open_loop_all"] = open_loop(server.port, pages[1:], args.rate, args.seconds)
    finally:
        server.stop()
    if "referrals" not in skip:
        result["referrals"] = referrals(args.referral_processes, args.referrals_each)
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(result, indent=2))
    text = _markdown(result) if "serial" in result else json.dumps(result, indent=2)
    (RESULTS / f"{stamp}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
