"""Pages reached from a link in an e-mail, signed out: confirming a change of e-mail address (from the old
address), and choosing a first password from an invitation before setting up the authenticator app."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError

from . import email_change, enrolment
from .models import EnrolmentLink
from .views import ENROLMENT_KEY, PENDING_KEY


class FirstPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form, in the service's words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password2"].label = "Type the same password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Type the same password again"
        self.fields["new_password1"].error_messages["required"] = "Choose a password"


def _refused(request: HttpRequest, refusal: ServiceError, template: str) -> HttpResponse:
    return render(request, template, {"message": refusal.message}, status=getattr(refusal, "status", 400))


@never_cache
@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the old address. Opening it changes nothing (mail scanners open links); the button does."""
    try:
        if request.method == "POST":
            user = email_change.email_change_confirm(token=token, ip=client_ip(request))
            return render(request, "accounts/email_confirmed.html", {"email": user.email})
        change = email_change.email_change_find(token)
    except ServiceError as refusal:
        return _refused(request, refusal, "accounts/email_refused.html")
    return render(request, "accounts/email_confirm.html", {"change": change})


@never_cache
@require_http_methods(["GET", "POST"])
def password_choose(request: HttpRequest) -> HttpResponse:
    """From an invitation link (enrolment_start): the person has no password yet, so they choose one here,
    checked by the service's password validators, and go on to set up their authenticator app."""
    link_id = request.session.get(ENROLMENT_KEY)
    if link_id is None:
        return render(request, "accounts/enrolment_needed.html", status=403)
    try:
        link = enrolment.enrolment_link_check(EnrolmentLink.objects.select_related("user").filter(pk=link_id).first())
    except enrolment.EnrolmentRefused as refusal:
        return _refused(request, refusal, "accounts/enrolment_refused.html")
    user = link.user
    if not user.is_active:
        return render(request, "accounts/enrolment_refused.html",
                      {"message": "This account is switched off. Ask your manager."}, status=403)
    if user.has_usable_password():
        return redirect("accounts:login")  # only a first password is chosen here; then sign in as usual
    form = FirstPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session.cycle_key()
        request.session[PENDING_KEY] = {"user_id": user.pk, "at": int(time.time()), "next": "/staff/"}
        return redirect("accounts:two_factor_setup")
    return render(request, "accounts/password_choose.html", {"form": form, "person": user},
                  status=400 if form.errors else 200)
