"""`/p/<token>/meeting/`: from their case page, a family say whether the meeting time we booked suits them, or
ask us to change it and say why (portal/services/meeting_reply.py). Written for a worried parent on a phone:
one question, plain words, the time in full."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from senmediation.core.errors import ServiceError
from senmediation.portal.family import opens_case_page
from senmediation.portal.link_problem import link_problem_page
from senmediation.portal.models import MeetingReply, PartyLink, Purpose
from senmediation.portal.services.links import PartyLinkError, party_link_resolve
from senmediation.portal.services.meeting_reply import meeting_reply_latest, meeting_reply_submit

from .selectors import meeting_next_scheduled


class MeetingReplyForm(forms.Form):
    suits = forms.TypedChoiceField(
        label="Can you come at this time?", widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, this time suits us"), ("no", "No, we need a different time")],
        error_messages={"required": "Select yes if you can come at this time"},
    )
    reason = forms.CharField(
        label="If not, tell us why and which days or times would suit you", required=False, max_length=2000,
        help_text="For example, I work on Wednesdays, or my child has a hospital appointment that day. Mornings "
                  "after 10am are best for us.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Your reason must be 2,000 characters or fewer"},
    )


def reply_for_page(link: PartyLink, meeting: Any) -> MeetingReply | None:
    """The family's latest answer about the meeting their case page shows, if any."""
    if meeting is None:
        return None
    return meeting_reply_latest(party_id=link.party_id, meeting_starts_at=meeting.starts_at)


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_reply(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    if not opens_case_page(link) or link.purpose == Purpose.DOCUMENTS or not link.party.case.is_open:
        raise Http404("This link does not answer for a meeting")
    meeting = meeting_next_scheduled(link.party.case_id)
    if meeting is None:
        raise Http404("No meeting arranged")
    form = MeetingReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_reply_submit(link=link, meeting_starts_at=meeting.starts_at, suits=form.cleaned_data["suits"],
                                 reason=form.cleaned_data["reason"])
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            return redirect(f"/p/{token}/#meeting-reply")
    return render(request, "yourcase/meeting_reply.html", {
        "form": form, "token": token, "meeting": meeting, "link": link, "party_name": link.party.name,
        "child_first_name": link.party.case.child_first_name, "case_reference": link.party.case.reference,
        "back_to_case": True}, status=400 if form.errors else 200)
