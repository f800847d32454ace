"""Managers' pages for staff accounts, under /staff/people/. Thin: forms parse, accounts/people.py and
email_change.py act, people_selectors.py reads. Who may do what is accounts/ceiling.py: a non-manager is
refused (403) before any look-up; a missing person is 404; an action on one's own account or an account
ranked at or above one's own is 403, whatever the form says."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError

from . import email_change, people
from .ceiling import may_manage_accounts, roles_grantable
from .decorators import second_factor_missing
from .enrolment import ENROLMENT_HOURS, enrolment_link_issue
from .models import User
from .people_selectors import PersonPage, people_page, person_get
from .staff_forms import EmailForm, InviteForm, PersonForm


def managers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with both factors and allowed to manage accounts (managers, a break-glass superuser)."""
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated or second_factor_missing(request):
            return redirect_to_login(request.get_full_path())
        if not may_manage_accounts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _manageable(request: HttpRequest, pk: int) -> PersonPage:
    found = person_get(actor=request.user, pk=pk)
    if not found.row.manageable:
        raise PermissionDenied  # their own account, or one ranked at or above theirs
    return found


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _form_for(request: HttpRequest, person: User | None, data: Any = None) -> PersonForm:
    grantable = roles_grantable(request.user)
    if person is None:
        return InviteForm(data, grantable=grantable)
    held = frozenset(getattr(person, "_role_cache", frozenset()))
    initial = {"first_name": person.first_name, "last_name": person.last_name, "phone": person.phone,
               "roles": [role.value for role in held], "local_authority": person.local_authority_id}
    return PersonForm(data, grantable=grantable, held=held, initial=initial)


def _refusal_to_form(form: Any, refusal: ServiceError) -> None:
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


@require_GET
@managers_only
def person_list(request: HttpRequest) -> HttpResponse:
    page, rows = people_page(actor=request.user, page=request.GET.get("page"))
    return render(request, "accounts/people/list.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
@managers_only
def person_invite(request: HttpRequest) -> HttpResponse:
    form = _form_for(request, None, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = people.staff_invite(
                by=request.user, username=data["username"], email=data["email"], first_name=data["first_name"],
                last_name=data["last_name"], phone=data["phone"], roles=form.chosen_roles(),
                local_authority=data["local_authority"], base_url=_base_url(request), ip=client_ip(request))
        except ServiceError as refusal:
            _refusal_to_form(form, refusal)
        else:
            messages.success(request, f"Invitation sent to {person.email}. The link works once, for "
                                      f"{ENROLMENT_HOURS} hours.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "accounts/people/invite.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request: HttpRequest, found: PersonPage, *, error: str = "") -> HttpResponse:
    context = {"found": found, "person": found.row.user, "row": found.row, "error": error,
               "error_title": error, "is_self": found.row.user.pk == request.user.pk}
    return render(request, "accounts/people/detail.html", context, status=400 if error else 200)


@require_GET
@managers_only
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, person_get(actor=request.user, pk=pk))


@require_http_methods(["GET", "POST"])
@managers_only
def person_change(request: HttpRequest, pk: int) -> HttpResponse:
    found = _manageable(request, pk)
    person = found.row.user
    form = _form_for(request, person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            people.staff_details_change(by=request.user, user=person, first_name=data["first_name"],
                                        last_name=data["last_name"], phone=data["phone"], roles=form.chosen_roles(),
                                        local_authority=data["local_authority"], ip=client_ip(request))
        except ServiceError as refusal:
            _refusal_to_form(form, refusal)
        else:
            messages.success(request, "Their details have been saved.")
            return redirect("people:detail", pk=person.pk)
    context = {"form": form, "person": person}
    return render(request, "accounts/people/change.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@managers_only
def person_email(request: HttpRequest, pk: int) -> HttpResponse:
    person = _manageable(request, pk).row.user
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            change = email_change.email_change_request(by=request.user, user=person,
                                                       new_email=form.cleaned_data["new_email"],
                                                       base_url=_base_url(request), ip=client_ip(request))
        except ServiceError as refusal:
            _refusal_to_form(form, refusal)
        else:
            if change is None:
                messages.success(request, f"Their e-mail address is now {person.email}.")
            else:
                messages.success(request, f"We have e-mailed {person.email} to confirm the change to "
                                          f"{change.new_email}. The address changes only when they confirm it.")
            return redirect("people:detail", pk=person.pk)
    context = {"form": form, "person": person}
    return render(request, "accounts/people/email.html", context, status=400 if form.errors else 200)


def _confirmed_action(request: HttpRequest, pk: int, *, template: str,
                      act: Callable[[User], str]) -> HttpResponse:
    """A confirmation page (GET), then the action (POST) and back to the person's page with what was done."""
    found = _manageable(request, pk)
    person = found.row.user
    if request.method == "POST":
        try:
            done = act(person)
        except ServiceError as refusal:
            return _detail(request, found, error=refusal.message)
        messages.success(request, done)
        return redirect("people:detail", pk=person.pk)
    return render(request, template, {"person": person, "hours": ENROLMENT_HOURS})


@require_http_methods(["GET", "POST"])
@managers_only
def person_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    def act(person: User) -> str:
        people.second_factor_reset(by=request.user, user=person, base_url=_base_url(request), ip=client_ip(request))
        return f"Their authenticator app and recovery codes were removed. A set-up link was sent to {person.email}."
    return _confirmed_action(request, pk, template="accounts/people/second_factor_reset.html", act=act)


@require_http_methods(["GET", "POST"])
@managers_only
def person_switch_off(request: HttpRequest, pk: int) -> HttpResponse:
    def act(person: User) -> str:
        people.staff_active_set(by=request.user, user=person, active=False, ip=client_ip(request))
        return f"{person} can no longer sign in. Anyone signed in as them has been signed out."
    return _confirmed_action(request, pk, template="accounts/people/switch_off.html", act=act)


@require_POST
@managers_only
def person_switch_on(request: HttpRequest, pk: int) -> HttpResponse:
    def act(person: User) -> str:
        people.staff_active_set(by=request.user, user=person, active=True, ip=client_ip(request))
        return f"{person} can sign in again."
    return _confirmed_action(request, pk, template="", act=act)


@require_POST
@managers_only
def person_link_send(request: HttpRequest, pk: int) -> HttpResponse:
    def act(person: User) -> str:
        enrolment_link_issue(user=person, by=request.user, base_url=_base_url(request), ip=client_ip(request))
        return f"A new link was sent to {person.email}. It works once, for {ENROLMENT_HOURS} hours."
    return _confirmed_action(request, pk, template="", act=act)
