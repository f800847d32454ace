from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from senmediation.core import clock

from . import services
from .forms import SignInForm


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or "/staff/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/staff/"
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        locked_until = services.login_locked_until(username=username)
        if locked_until is not None:
            minutes = max(1, int((locked_until - clock.now()).total_seconds() // 60) + 1)
            form.add_error(
                None,
                f"Too many wrong attempts. For your security this account is locked for {minutes} more "
                "minutes. Try again then, or ask a manager to help.",
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                services.login_failure_record(username=username, ip_address=_client_ip(request))
                form.add_error(None, "The username or password is not right. Check them and try again.")
            else:
                services.login_failures_clear(username=username)
                login(request, user)
                return redirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")
