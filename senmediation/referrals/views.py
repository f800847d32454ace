"""The referral journey's pages. Thin: the steps are data (steps.py), the logic lives in services.py.

The same steps serve the public (`/refer/<step>/`) and staff recording a phone, e-mail or letter
referral (`/refer/staff/<step>/`), each with its own answers in the session.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role, user_roles
from senmediation.core import clock
from senmediation.core.client_ip import client_ip
from senmediation.directory.context_processors import STAFF_NAV
from senmediation.directory.models import SignpostingAgency
from senmediation.directory.selectors import provider_current

from . import answers as read
from . import services
from .answers import Answers
from .key_dates import key_dates_for
from .steps import CHECK, INFO, PUBLIC, QUESTION, STAFF, STOP, Journey, Step

HONEYPOT = "website"
DONE_KEY = "referrals:done"
STAFF_DONE_KEY = "referrals:staff_done"


class JourneyState:
    """One journey's answers in the session: {"answers": {...}, "key": idempotency key, "trap": bool,
    "seen": {info page: what it said}}.
    Nothing is written until the first answer, so reading a page never creates a session."""

    def __init__(self, session: SessionBase, journey: Journey) -> None:
        self.session = session
        self.journey = journey

    def _data(self) -> dict[str, Any] | None:
        data = self.session.get(self.journey.session_key)
        return data if isinstance(data, dict) and isinstance(data.get("answers"), dict) else None

    def _ensure(self) -> dict[str, Any]:
        data = self._data()
        if data is None:
            data = {"answers": {}, "key": secrets.token_urlsafe(24), "trap": False}
            self.session[self.journey.session_key] = data
        return data

    @property
    def answers(self) -> Answers:
        data = self._data()
        return data["answers"] if data else {}

    @property
    def key(self) -> str:
        return str(self._ensure()["key"])

    @property
    def trapped(self) -> bool:
        data = self._data()
        return bool(data and data.get("trap"))

    def save(self, slug: str, stored: dict[str, Any]) -> None:
        self._ensure()["answers"][slug] = stored
        self.session.modified = True

    def seen(self, slug: str) -> str | None:
        data = self._data()
        seen = data.get("seen") if data else None
        return seen.get(slug) if isinstance(seen, dict) else None

    def mark_seen(self, slug: str, fingerprint: str) -> None:
        """Records what an information page said when it was shown (see `_after`)."""
        if self._data() is None or self.seen(slug) == fingerprint:
            return
        self._ensure().setdefault("seen", {})[slug] = fingerprint
        self.session.modified = True

    def trap(self) -> None:
        self._ensure()["trap"] = True
        self.session.modified = True

    def clear(self) -> None:
        self.session.pop(self.journey.session_key, None)


# --- Pages outside the step list ---------------------------------------------------------------


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "referrals/start.html", {"first_url": PUBLIC.url(PUBLIC.first)})


@require_GET
def confirmation(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not isinstance(done, dict):
        return redirect("referrals:start")
    return render(request, "referrals/confirmation.html", {"done": done, "layout": "base.html"})


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(request, PUBLIC, slug)


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER)
def staff_start(request: HttpRequest) -> HttpResponse:
    """A new staff referral: forget any unfinished one, so two families' answers never mix."""
    JourneyState(request.session, STAFF).clear()
    return redirect(STAFF.url(STAFF.first))


@require_http_methods(["GET", "POST"])
@role_required(Role.COORDINATOR, Role.MANAGER)
def staff_step(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(request, STAFF, slug)


# --- The steps --------------------------------------------------------------------------------


def _staff_nav(request: HttpRequest) -> list[dict[str, Any]]:
    roles = user_roles(request.user)
    return [
        {"label": label, "url": url, "current": url == "/refer/staff/"}
        for label, url, needs in STAFF_NAV
        if needs is None or roles & needs
    ]


def _context(request: HttpRequest, journey: Journey, step: Step, answers: Answers, path: list[str],
             change: bool) -> dict[str, Any]:
    staff = journey is STAFF
    index = path.index(step.slug)
    if change and step.kind != CHECK:
        back_url = journey.url("check")
    elif index > 0:
        back_url = journey.url(path[index - 1])
    else:
        back_url = "/staff/" if staff else reverse("referrals:start")
    context: dict[str, Any] = {
        "step": step,
        "title": step.title(answers),
        "back_url": back_url,
        "change": change,
        "staff": staff,
        "layout": "staff/layout.html" if staff else "base.html",
        "honeypot": None if staff else HONEYPOT,
        "caption": "Record a referral" if staff else "Ask for mediation or a certificate",
        "answers": answers,
        "third_party": read.is_third_party(answers),
    }
    if staff:
        context["staff_nav"] = _staff_nav(request)
    return context


def _after(journey: Journey, state: JourneyState, slug: str, change: bool) -> str:
    """Where to go once a step is done: the next step, or in "change" mode straight back to check
    your answers unless a question still needs an answer first, or a page to read (key dates, the
    placement advice) now says something different from when it was last seen."""
    answers = state.answers
    path = journey.path(answers, clock.today())
    if slug not in path:
        return journey.url(path[-1])
    rest = path[path.index(slug) + 1:]
    if not rest:
        return journey.url(path[-1])
    if not change:
        return journey.url(rest[0])
    on_path = journey.path_answers(answers, path)
    for later in rest:
        later_step = journey.step(later)
        if later_step is None or later_step.kind in (CHECK, STOP):
            return journey.url(later)
        if later_step.kind == INFO and state.seen(later) != later_step.fingerprint(on_path):
            return journey.url(later, change=True)
        if later == path[-1]:
            return journey.url(later, change=True)
    return journey.url(path[-1])


def _step(request: HttpRequest, journey: Journey, slug: str) -> HttpResponse:
    step = journey.step(slug)
    if step is None:
        raise Http404("No such question")
    state = JourneyState(request.session, journey)
    if step.kind == CHECK and request.method == "POST" and not state.answers:
        # Sent again after the referral went (double click, or back and send): show what happened.
        if journey is PUBLIC and isinstance(request.session.get(DONE_KEY), dict):
            return redirect("referrals:confirmation")
        if journey is STAFF and isinstance(reference := request.session.get(STAFF_DONE_KEY), str):
            return redirect("cases:detail", reference=reference)
    today = clock.today()
    answers = state.answers
    path = journey.path(answers, today)
    if slug not in path:
        return redirect(journey.url(path[-1]))
    if request.method == "POST" and journey is PUBLIC and request.POST.get(HONEYPOT, "").strip():
        state.trap()
    change = request.GET.get("change") == "1"
    on_path = journey.path_answers(answers, path)
    context = _context(request, journey, step, on_path, path, change)

    if step.kind == QUESTION:
        return _question(request, journey, step, state, context, today, change)
    if step.kind == INFO:
        if request.method == "POST":
            return redirect(_after(journey, state, slug, change))
        state.mark_seen(slug, step.fingerprint(on_path))
        return render(request, step.template, {**context, **_info_context(step, on_path, today)})
    if step.kind == STOP:
        if request.method == "POST":
            return redirect(journey.url(slug))
        return render(request, step.template, {**context, **_stop_context(step, on_path)})
    return _check(request, journey, state, context, path)


def _question(request: HttpRequest, journey: Journey, step: Step, state: JourneyState, context: dict[str, Any],
              today: Any, change: bool) -> HttpResponse:
    assert step.form_class is not None
    prior = context["answers"]
    options = {"answers": prior, "today": today, "title": context["title"]}
    if request.method == "POST":
        form = step.form_class(request.POST, **options)
        if form.is_valid():
            state.save(step.slug, form.to_session())
            return redirect(_after(journey, state, step.slug, change))
        status = 400
    else:
        stored = state.answers.get(step.slug)
        form = (step.form_class(step.form_class.data_from_session(stored), **options) if isinstance(stored, dict)
                else step.form_class(**options))
        status = 200
    notice = step.notice(prior) if step.notice else ""
    return render(request, step.template, {**context, "form": form, "notice": notice}, status=status)


def _info_context(step: Step, answers: Answers, today: Any) -> dict[str, Any]:
    if step.slug == "key-dates":
        return {"dates": key_dates_for(answers, today)}
    if step.slug == "no-letter":
        return {"la": services.local_authority_chosen(answers)}
    return {}


def _stop_context(step: Step, answers: Answers) -> dict[str, Any]:
    la = services.local_authority_chosen(answers)
    context: dict[str, Any] = {"la": la}
    if la is not None:
        context["drs"] = la.drs_provider
        context["sendiass"] = SignpostingAgency.objects.filter(
            local_authority=la, kind=SignpostingAgency.Kind.SENDIASS
        ).first()
    return context


def _check(request: HttpRequest, journey: Journey, state: JourneyState, context: dict[str, Any],
           path: list[str]) -> HttpResponse:
    answers: Answers = context["answers"]
    if request.method == "GET":
        return render(request, "referrals/check.html", {
            **context, "sections": journey.summary(answers, path),
            "dates": key_dates_for(answers, clock.today()),
        })
    now = clock.now()
    staff = journey is STAFF
    provider = provider_current()
    by_phone = services.contact_by_phone(answers)
    callback = services.callback_message_now(provider=provider, by_phone=by_phone, now=now)
    outcome = services.referral_submit(
        answers=answers,
        channel=str(read.value(answers, "channel", "channel", "")) if staff else "online",
        by=request.user if staff else None,
        idempotency_key=state.key,
        address="" if staff else services.address_hash(client_ip(request) or "unknown"),
        trapped=False if staff else state.trapped,
        now=now, callback=callback, site_root=request.build_absolute_uri("/"),
        notify_coordinators=not staff,
    )
    if outcome.status == "rate_limited":
        return render(request, "referrals/rate_limited.html", {**context, "title": "Please try again later"},
                      status=429)
    state.clear()
    if staff:
        if outcome.reference:
            request.session[STAFF_DONE_KEY] = outcome.reference
            messages.success(request, f"Referral recorded as case {outcome.reference}.")
            return redirect("cases:detail", reference=outcome.reference)
        return redirect("workqueue:home")
    request.session[DONE_KEY] = {
        "reference": outcome.reference,
        "callback": services.callback_message_now(
            provider=provider, by_phone=by_phone, now=now,
            whom="the family" if read.is_third_party(answers) else "you",
        ),
        "email": services.family_email(answers) if outcome.reference else "",
        "third_party": read.is_third_party(answers),
        "wants": str(read.value(answers, "wants", "wants", "")),
    }
    return redirect("referrals:confirmation")
