"""The public complaint and feedback forms: one short page each, an error summary, a spam trap,
an hourly limit per address and a key that stops a double send making two."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.core import clock
from senmediation.core.client_ip import client_ip

from .forms import KEY_PATTERN, ComplaintForm, SurveyForm
from .services import complaints, surveys
from .services.public import address_hash, public_submit

HONEYPOT = "website"
DONE_KEY = "feedback:public_done"


def _key(request: HttpRequest) -> str:
    posted = request.POST.get("key", "")
    return posted if KEY_PATTERN.match(posted) else secrets.token_urlsafe(24)


def _handle(request: HttpRequest, *, kind: str, form: Any, make: Any, template: str, title: str) -> HttpResponse:
    key = _key(request)
    if request.method == "POST" and form.is_valid():
        outcome = public_submit(
            kind=kind, idempotency_key=key, now=clock.now(),
            address=address_hash(client_ip(request) or "unknown"),
            trapped=bool(request.POST.get(HONEYPOT, "").strip()), make=partial(make, form.cleaned_data),
        )
        if outcome.status == "rate_limited":
            return render(request, "feedback/public_rate_limited.html", {"title": "Please try again later"},
                          status=429)
        request.session[DONE_KEY] = {"kind": kind, "reference": outcome.reference}
        return redirect("feedback_public:complaint_sent" if kind == "complaint" else "feedback_public:feedback_sent")
    return render(request, template, {"form": form, "key": key, "honeypot": HONEYPOT, "title": title},
                  status=400 if form.errors else 200)


def _complaint_make(data: dict[str, Any]) -> str:
    complaint = complaints.complaint_record(
        by=None, channel="online", name=data["name"], details=data["details"], received_on=clock.today(),
        email=data.get("email") or "", phone=data.get("phone") or "", address=data.get("address") or "",
        preferred_contact=data["preferred_contact"], case_reference=data.get("case_reference") or "",
        about_mediator=bool(data.get("about_mediator")), wanted=data.get("wanted") or "",
    )
    return complaint.reference


def _feedback_make(data: dict[str, Any]) -> str:
    surveys.survey_public_submit(answers=data)
    return ""


@require_http_methods(["GET", "POST"])
def complaint(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST if request.method == "POST" else None)
    return _handle(request, kind="complaint", form=form, make=_complaint_make, template="feedback/public_complaint.html",
                   title="Make a complaint")


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST if request.method == "POST" else None)
    return _handle(request, kind="feedback", form=form, make=_feedback_make, template="feedback/public_feedback.html",
                   title="Give feedback")


def _sent(request: HttpRequest, kind: str) -> HttpResponse:
    done = request.session.get(DONE_KEY)
    if not isinstance(done, dict) or done.get("kind") != kind:
        return redirect("public:feedback")
    return render(request, f"feedback/public_{kind}_sent.html", {"done": done})


@require_GET
def complaint_sent(request: HttpRequest) -> HttpResponse:
    return _sent(request, "complaint")


@require_GET
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return _sent(request, "feedback")
