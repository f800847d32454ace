""""I've lost my link": the question page, and the answer it gives whether or not the details matched."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from senmediation.core.client_ip import client_ip

from .forms import LostLinkForm
from .services.lost_link import LostLinkLimited, lost_link_request


@never_cache
@require_http_methods(["GET", "POST"])
def lost_link(request: HttpRequest) -> HttpResponse:
    form = LostLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lost_link_request(reference=form.cleaned_data["reference"], contact=form.cleaned_data["contact"],
                              ip_address=client_ip(request), base_url=request.build_absolute_uri("/"))
        except LostLinkLimited as refusal:
            return render(request, "portal/lost_limited.html", {"message": refusal.message}, status=429)
        # The same answer whether or not anything was sent (services/lost_link.py says why).
        return redirect("portal:lost_sent")
    return render(request, "portal/lost.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_GET
def lost_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/lost_sent.html")
