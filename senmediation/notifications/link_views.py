"""Staff page to make, send and stop a case's secure links."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.cases.selectors import case_get_for
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.portal.models import PartyLink
from senmediation.portal.services.links import party_link_issue, party_link_revoke

from .forms import LinkCreateForm

CASE_WORKERS = (Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)


@role_required(*CASE_WORKERS)
def case_links(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    parties = case.parties.order_by("-is_main_contact", "role", "name")
    form = LinkCreateForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            link, message = party_link_issue(
                party=data["party"], purpose=data["purpose"], by=request.user, days_valid=data["days_valid"],
                base_url=request.build_absolute_uri("/"),
            )
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            flash.success(request, f"Link made for {link.party.name}. It will be sent by "
                                   f"{message.get_channel_display().lower()}.")
            return redirect("notifications:case_links", reference=case.reference)
    links = PartyLink.objects.filter(party__case=case).select_related("party", "created_by")
    return render(request, "notifications/case_links.html", {
        "case": case, "form": form, "links": list(links), "now": clock.now(),
    }, status=400 if form.errors else 200)


@require_POST
@role_required(*CASE_WORKERS)
def case_link_revoke(request: HttpRequest, reference: str, link_id: int) -> HttpResponse:
    case = case_get_for(user=request.user, reference=reference)
    link = PartyLink.objects.select_related("party__case").filter(pk=link_id, party__case=case).first()
    if link is None:
        raise Http404("No such link")
    try:
        party_link_revoke(link=link, by=request.user)
        flash.success(request, f"The link for {link.party.name} has been stopped.")
    except ServiceError as refusal:
        flash.error(request, refusal.message)
    return redirect("notifications:case_links", reference=case.reference)
