"""The family's own case page and its downloads, each through the family's secure link (`/p/<token>/...`).

Every view resolves the link first (a changed, unknown, expired or stopped link opens nothing) and reads
only that link's case; a document that is not this case's (or, for a letter, not this party's) is 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from senmediation.agreements.family import family_agreed_actions
from senmediation.agreements.selectors import agreement_for_portal
from senmediation.core import clock
from senmediation.directory.selectors import provider_current
from senmediation.documents.models import Certificate
from senmediation.meetings.ics import meeting_ics
from senmediation.notifications.models import Message
from senmediation.portal.family import opens_case_page
from senmediation.portal.link_problem import link_problem_page
from senmediation.portal.models import PartyLink, Purpose
from senmediation.portal.selectors import exchanged_summaries_for
from senmediation.portal.services.links import PartyLinkError, party_link_resolve, party_link_touch
from senmediation.portal.services.tokens import TASKS_AFTER_CLOSING
from senmediation.portal.views import party_page, party_task_page

from .meeting_reply import reply_for_page
from .selectors import meeting_next_scheduled, your_case


def _family_download(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A GET-only, uncached view of the family's own link: it is called with the live link in place of the token;
    a link that cannot be used gets the link-problem page, and anyone else's link 404."""

    @never_cache
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponseBase:
        try:
            link = party_link_resolve(token)
        except PartyLinkError as problem:
            return link_problem_page(request, problem)
        if not opens_case_page(link):
            raise Http404("This link does not open a case page")
        return view(request, link, **kwargs)

    return wrapped


@never_cache
def case_page(request: HttpRequest, token: str) -> HttpResponse:
    """`/p/<token>/`: the family's case page, with the link's task on it; any other party's task page (and
    every POST, so forms sent here before keep working)."""
    if request.method != "GET":
        return party_page(request, token)
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    # Feedback and expenses links still work once the case has closed; the case page does not, so they open
    # only their task then.
    if not opens_case_page(link) or (link.purpose in TASKS_AFTER_CLOSING and not link.party.case.is_open):
        return party_task_page(request, link, token)
    party_link_touch(link=link)
    return render(request, "yourcase/case.html", case_page_context(link=link, token=token, today=clock.today()))


def case_page_context(*, link: PartyLink, token: str, today: dt.date) -> dict[str, Any]:
    """What case.html is rendered with. The sections other features add in its `after_meeting` block put their
    own context here, each from its own selector (what was agreed: `agreed_actions`; the exchanged summaries:
    `exchanged`)."""
    page = your_case(link=link, today=today)
    context: dict[str, Any] = {"token": token, "page": page, "link": link, "agreed_actions": [], "exchanged": None,
                               "meeting_reply": None}
    if not page.documents_only:
        context["meeting_reply"] = reply_for_page(link, page.meeting)
        context["agreed_actions"] = family_agreed_actions(link.party.case, today=today)
        context["exchanged"] = exchanged_summaries_for(link.party)
    return context


@_family_download
def meeting_calendar(request: HttpRequest, link: PartyLink) -> HttpResponseBase:
    """`/p/<token>/meeting.ics`: the family's meeting as a calendar file (the same event staff send)."""
    if link.purpose == Purpose.DOCUMENTS:
        raise Http404("No meeting on a documents link")
    meeting = meeting_next_scheduled(link.party.case_id)
    if meeting is None:
        raise Http404("No meeting arranged")
    meeting.case = link.party.case  # already read with the link
    party = link.party
    body = meeting_ics(meeting=meeting, attendees=[(party.name, party.email)], provider=provider_current())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mediation-meeting.ics"'
    return response


def _pdf(file: object, filename: str) -> FileResponse:
    return FileResponse(file.open("rb"), as_attachment=True, filename=filename,  # type: ignore[attr-defined]
                        content_type="application/pdf")


@_family_download
def certificate_file(request: HttpRequest, link: PartyLink, pk: int) -> HttpResponseBase:
    """A current certificate of this link's case (a superseded version is not offered)."""
    certificate = get_object_or_404(Certificate, pk=pk, case_id=link.party.case_id, superseded_by__isnull=True)
    return _pdf(certificate.file, f"mediation-certificate-{certificate.number}.pdf")


@_family_download
def agreement_download(request: HttpRequest, link: PartyLink) -> HttpResponseBase:
    """This link's case's final mediation agreement."""
    agreement = agreement_for_portal(case=link.party.case)
    if agreement is None or not agreement.file:
        raise Http404("No agreement yet")
    return _pdf(agreement.file, "mediation-agreement.pdf")


@_family_download
def letter_file(request: HttpRequest, link: PartyLink, pk: int) -> HttpResponseBase:
    """A letter we sent to this link's party (the case copy, any code in it masked)."""
    letter = get_object_or_404(Message, pk=pk, case_id=link.party.case_id, party_id=link.party_id,
                               channel=Message.Channel.LETTER)
    if not letter.letter_file:
        raise Http404("This letter has not been made yet")
    return _pdf(letter.letter_file, f"letter-{letter.pk}.pdf")
