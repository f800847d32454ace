"""Managers issue and revoke keys, register webhooks and replay deliveries here. A new key's secret
and a new webhook's signing secret are shown once, in the confirmation message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from senmediation.accounts.admin_guard import ManagerOnlyAdminMixin

from .events import webhook_replay, webhook_secret_new
from .keys import api_key_issue, api_key_revoke
from .models import SCOPE_CHOICES, ApiKey, Organisation, WebhookDelivery, WebhookEndpoint


@admin.register(Organisation)
class OrganisationAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "local_authority"]
    list_filter = ["kind"]


class ApiKeyForm(forms.ModelForm[ApiKey]):
    scopes = forms.MultipleChoiceField(choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiKey
        fields = ["organisation", "name", "scopes", "expires_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin[ApiKey]):
    form = ApiKeyForm
    list_display = ["name", "organisation", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["organisation"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return ()
        return ("organisation", "name", "scopes", "expires_at", "prefix", "revoked_at", "last_used_at", "created_by")

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return ["organisation", "name", "scopes", "expires_at"]
        return self.get_readonly_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            return  # keys are never edited: revoke and issue another
        key, token = api_key_issue(
            organisation=obj.organisation, name=obj.name, scopes=form.cleaned_data["scopes"], by=request.user,
            expires_at=obj.expires_at,
        )
        obj.pk = key.pk
        obj.prefix = key.prefix
        messages.warning(request, f"The new key is {token} . Copy it now: it is not stored and will not be shown again.")

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset:
            api_key_revoke(key=key)
        messages.success(request, f"Revoked {queryset.count()} key(s).")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin[WebhookEndpoint]):
    list_display = ["url", "organisation", "active", "created_at"]
    fields = ["organisation", "url", "active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: WebhookEndpoint, form: Any, change: bool) -> None:
        if not change:
            obj.secret = webhook_secret_new()
            messages.warning(request, f"The signing secret is {obj.secret} . Give it to the organisation now: "
                                      "it is not shown again.")
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ManagerOnlyAdminMixin, admin.ModelAdmin[WebhookDelivery]):
    list_display = ["event", "endpoint", "status", "attempts", "last_error", "created_at", "delivered_at"]
    list_filter = ["status", "event"]
    readonly_fields = ["endpoint", "event_id", "event", "body", "status", "attempts", "next_attempt_at",
                       "last_error", "created_at", "delivered_at"]
    actions = ["replay"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    @admin.action(description="Send the selected events again")
    def replay(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        for delivery in queryset:
            webhook_replay(delivery=delivery)
        messages.success(request, f"Queued {queryset.count()} event(s) again.")
