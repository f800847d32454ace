"""The family's ready-made letter about a late agreed action, through their secure link (yourcase/urls.py)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from senmediation.core import clock
from senmediation.portal.link_problem import link_problem_page
from senmediation.portal.services.links import PartyLinkError, party_link_resolve
from senmediation.rules.links import opens_family_page

from .late_letter import LateLetterUnavailable, family_late_letter


@never_cache
@require_GET
def late_letter(request: HttpRequest, token: str, item_id: int) -> HttpResponse:
    """Only a family link (rules/links.py opens_family_page) of the action's own case, and only for a late LA or
    ICB action: anything else is 404, the same answer whether the action exists elsewhere or not."""
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    if not opens_family_page(link.party.role):
        raise Http404("Only the family's own link has letters")
    try:
        pdf = family_late_letter(party=link.party, item_id=item_id, today=clock.today())
    except LateLetterUnavailable:
        raise Http404("No letter for this action") from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="letter-about-an-agreed-action.pdf"'
    return response
