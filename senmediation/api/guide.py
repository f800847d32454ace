"""The API guide for a local authority's or partner's developer, at /api/v1/guide/: a public page (it holds
nothing secret), in plain English, from our own template."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .changes import PAGE_SIZE, PAGE_SIZE_MAX, settle
from .keys import rate_limit_per_minute
from .models import EVENT_CHOICES, SCOPES


@require_GET
def api_guide(request: HttpRequest) -> HttpResponse:
    return render(request, "api/guide.html", {
        "title": "Using the SEN mediation service API", "scopes": SCOPES, "events": EVENT_CHOICES,
        "page_size": PAGE_SIZE, "page_size_max": PAGE_SIZE_MAX, "settle_seconds": int(settle().total_seconds()),
        "rate_limit": rate_limit_per_minute(),
    })
