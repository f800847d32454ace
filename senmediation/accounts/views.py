"""Sign-in in two steps (password, then an authenticator code), first-time set-up, password change."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from senmediation.core import clock
from senmediation.core.client_ip import client_ip

from . import enrolment, otp, services
from .decorators import role_required
from .forms import CodeForm, SetupCodeForm, SignInForm

PENDING_KEY = "signin_pending"
RECOVERY_CODES_KEY = "recovery_codes_once"
ENROLMENT_KEY = "enrolment_link"
PENDING_SECONDS = 10 * 60
BACKEND = "senmediation.accounts.breakglass.BreakGlassAwareBackend"
WRONG_CODE = "The security code is not right. Wait for your app to show a new code, then try again."


def _next_url(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or "/staff/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return "/staff/"
    return next_url


def _attempt(request: HttpRequest, username: str) -> tuple[services.LoginAttempt, str | None]:
    """Counts this try at the account (services.login_attempt_start); the message if it is locked."""
    attempt = services.login_attempt_start(username=username, ip_address=client_ip(request))
    if attempt.locked_until is None:
        return attempt, None
    minutes = max(1, int((attempt.locked_until - clock.now()).total_seconds() // 60) + 1)
    return attempt, (
        f"Too many wrong attempts. For your security this account is locked for {minutes} more "
        "minutes. Try again then, or ask a manager to help."
    )


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    if request.method == "POST" and services.ip_rate_limited(ip_address=client_ip(request)):
        return render(request, "accounts/rate_limited.html", status=429)
    return None


def _pending_user(request: HttpRequest) -> Any:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()


def _finish(request: HttpRequest, user: Any, device: Any) -> str:
    """Signs the user in with the device that proved the second factor; returns where to go."""
    next_url = request.session.get(PENDING_KEY, {}).get("next", "/staff/")
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)
    services.login_failures_clear(username=user.get_username(), ip_address=client_ip(request))
    return str(next_url)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if limited := _rate_limited(request):
        return limited
    form = SignInForm(request.POST if request.method == "POST" else None)
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        attempt, locked = _attempt(request, username)
        if locked:
            form.add_error(None, locked)
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failure_record(attempt)
                form.add_error(None, "The username or password is not right. Check them and try again.")
            elif not otp.otp_required():
                services.login_failures_clear(username=username, ip_address=attempt.ip_address)
                login(request, user)
                return redirect(next_url)
            else:
                services.login_attempt_passed(attempt)
                # Not signed in yet: the second step finishes the job.
                request.session.cycle_key()
                request.session[PENDING_KEY] = {"user_id": user.pk, "at": int(time.time()), "next": next_url}
                if otp.totp_confirmed(user=user) and not request.session.get(ENROLMENT_KEY):
                    return redirect("accounts:two_factor")
                return redirect("accounts:two_factor_setup")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    if limited := _rate_limited(request):
        return limited
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if not otp.totp_confirmed(user=user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        attempt, locked = _attempt(request, user.get_username())
        if locked:
            form.add_error(None, locked)
        elif (device := otp.second_factor_match(user=user, token=form.cleaned_data["code"])) is None:
            services.login_failure_record(attempt)
            form.add_error("code", WRONG_CODE)
        else:
            next_url = _finish(request, user, device)
            if device.__class__.__name__ == "StaticDevice":
                left = otp.recovery_codes_left(user=user)
                messages.warning(request, f"You used a recovery code. You have {left} left.")
            return redirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_factor.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET"])
def enrolment_start(request: HttpRequest, token: str) -> HttpResponse:
    """The link from a manager's e-mail: remembered in this browser, then the password, then the app."""
    try:
        link = enrolment.enrolment_link_find(token)
    except enrolment.EnrolmentRefused as refusal:
        return _refused(request, refusal)
    request.session[ENROLMENT_KEY] = link.pk
    user = _pending_user(request)
    if user is not None and user.pk == link.user_id:
        return redirect("accounts:two_factor_setup")
    if not link.user.has_usable_password():  # invited: no password yet, so they choose one first
        return redirect("accounts:password_choose")
    messages.info(request, "Sign in with your password. Then you can set up your authenticator app.")
    return redirect("accounts:login")


def _enrolment_refused(request: HttpRequest, user: Any) -> HttpResponse | None:
    """Setting up an app needs this person's own live set-up link (see enrolment.py)."""
    link_id = request.session.get(ENROLMENT_KEY)
    if link_id is None:
        return render(request, "accounts/enrolment_needed.html", status=403)
    try:
        enrolment.enrolment_link_usable(link_id=link_id, user=user)
    except enrolment.EnrolmentRefused as refusal:
        return _refused(request, refusal)
    return None


def _refused(request: HttpRequest, refusal: enrolment.EnrolmentRefused) -> HttpResponse:
    return render(request, "accounts/enrolment_refused.html", {"message": refusal.message}, status=refusal.status)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if limited := _rate_limited(request):
        return limited
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if otp.totp_confirmed(user=user) and not request.session.get(ENROLMENT_KEY):
        # Someone with only the password must never be able to add another app.
        return redirect("accounts:two_factor")
    if refused := _enrolment_refused(request, user):
        return refused
    device = otp.totp_device_pending(user=user)
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        attempt, locked = _attempt(request, user.get_username())
        codes = None
        if not locked:
            try:
                codes = enrolment.authenticator_enrol(user=user, link_id=request.session.get(ENROLMENT_KEY),
                                                      device=device, token=form.cleaned_data["code"])
            except enrolment.EnrolmentRefused as refusal:  # used up or expired since the page was shown
                services.login_attempt_passed(attempt)
                return _refused(request, refusal)
        if locked:
            form.add_error(None, locked)
        elif codes is None:
            services.login_failure_record(attempt)
            form.add_error("code", WRONG_CODE)
        else:
            next_url = _finish(request, user, device)
            request.session.pop(ENROLMENT_KEY, None)
            request.session[RECOVERY_CODES_KEY] = {"codes": codes, "next": next_url}
            return redirect("accounts:recovery_codes")
    context = {
        "form": form, "qr_data_uri": otp.totp_qr_data_uri(device), "secret": otp.totp_secret_text(device),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, straight after set-up; afterwards only the tokens' existence is kept."""
    once = request.session.pop(RECOVERY_CODES_KEY, None)
    if not request.user.is_authenticated or not once:
        return redirect("/staff/")
    return render(request, "accounts/recovery_codes.html", {"codes": once["codes"], "next": once["next"]})


@never_cache
@require_http_methods(["GET", "POST"])
@role_required()
def password_change(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = PasswordChangeForm(request.user, data)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("/staff/")
    return render(request, "accounts/password_change.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")
