"""Managers' pages for API access: organisations, their keys and their webhook endpoints. A new key or
signing secret is shown once, in the answer to the POST that made it, and is stored nowhere."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError

from . import services, staff_selectors
from .models import Organisation
from .staff_forms import ApiKeyForm, OrganisationForm, WebhookEndpointChangeForm, WebhookEndpointForm

manager_only = role_required(Role.MANAGER)


def _page(request: HttpRequest, template: str, context: dict[str, Any], form: forms.Form | None = None) -> HttpResponse:
    return render(request, f"api_staff/{template}", {**context, "form": form},
                  status=400 if form is not None and form.errors else 200)


def _shown_once(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The one page that carries a new secret: never cached, never stored."""
    response = render(request, "api_staff/shown_once.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _refused(form: forms.Form, refusal: ServiceError) -> None:
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


def _organisation_url(organisation_id: int) -> str:
    return reverse("access:organisation", kwargs={"pk": organisation_id})


@require_GET
@manager_only
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, "index.html", {"organisations": list(staff_selectors.organisations_with_access())})


@manager_only
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                name=form.cleaned_data["name"], kind=form.cleaned_data["kind"],
                local_authority=form.cleaned_data["local_authority"], by=request.user, ip=client_ip(request))
            flash.success(request, f"Added {organisation.name}.")
            return redirect(_organisation_url(organisation.pk))
        except ServiceError as refusal:
            _refused(form, refusal)
    return _page(request, "organisation_new.html", {}, form)


@require_GET
@manager_only
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    found = staff_selectors.organisation_with_access_get(pk)
    return _page(request, "organisation.html", {"organisation": found})


@manager_only
def key_new(request: HttpRequest, pk: int) -> HttpResponse:
    found: Organisation = staff_selectors.organisation_with_access_get(pk)
    form = ApiKeyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            key, token = services.api_key_create(
                organisation=found, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(), by=request.user, ip=client_ip(request))
            return _shown_once(request, {"organisation": found, "key": key, "secret": token, "what": "key"})
        except ServiceError as refusal:
            _refused(form, refusal)
    return _page(request, "key_new.html", {"organisation": found}, form)


@manager_only
def key_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    key = staff_selectors.api_key_get(pk)
    if request.method == "POST":
        try:
            new, token = services.api_key_rotate(key=key, by=request.user, ip=client_ip(request))
        except ServiceError as refusal:
            flash.error(request, refusal.message)
            return redirect(_organisation_url(key.organisation_id))
        return _shown_once(request, {"organisation": key.organisation, "key": new, "secret": token, "what": "key",
                                     "replaced": key})
    return _page(request, "key_rotate.html", {"key": key, "overlap_days": services.ROTATION_OVERLAP.days,
                                              "old_key_ends": services.api_key_rotation_ends(key=key)})


@manager_only
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = staff_selectors.api_key_get(pk)
    if request.method == "POST":
        services.api_key_stop(key=key, by=request.user, ip=client_ip(request))
        flash.success(request, f"Revoked the key {key.name} (sm_{key.prefix}_…). Calls with it are now refused.")
        return redirect(_organisation_url(key.organisation_id))
    return _page(request, "key_revoke.html", {"key": key})


@manager_only
def webhook_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = staff_selectors.organisation_with_access_get(pk)
    form = WebhookEndpointForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_create(
                organisation=found, url=form.cleaned_data["url"], events=form.cleaned_data["events"],
                by=request.user, ip=client_ip(request))
            return _shown_once(request, {"organisation": found, "endpoint": endpoint, "secret": endpoint.secret,
                                         "what": "secret"})
        except ServiceError as refusal:
            _refused(form, refusal)
    return _page(request, "webhook_new.html", {"organisation": found}, form)


@manager_only
def webhook(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = staff_selectors.webhook_endpoint_get(pk)
    form = WebhookEndpointChangeForm(request.POST if request.method == "POST" else None, initial={
        "url": endpoint.url, "events": endpoint.events, "active": endpoint.active})
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_endpoint_update(
                endpoint=endpoint, url=form.cleaned_data["url"], events=form.cleaned_data["events"],
                active=form.cleaned_data["active"], by=request.user, ip=client_ip(request))
            flash.success(request, f"Saved the endpoint {endpoint.url}.")
            return redirect(_organisation_url(endpoint.organisation_id))
        except ServiceError as refusal:
            _refused(form, refusal)
    return _page(request, "webhook.html", {"endpoint": endpoint,
                                           "deliveries": staff_selectors.deliveries_recent(endpoint)}, form)


@manager_only
def webhook_secret(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = staff_selectors.webhook_endpoint_get(pk)
    if request.method == "POST":
        secret = services.webhook_secret_rotate(endpoint=endpoint, by=request.user, ip=client_ip(request))
        return _shown_once(request, {"organisation": endpoint.organisation, "endpoint": endpoint, "secret": secret,
                                     "what": "secret", "replaced": True})
    return _page(request, "webhook_secret.html", {"endpoint": endpoint})
