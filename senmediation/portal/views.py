"""The page a secure link opens. It shows only that party's part of that case and does one thing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from senmediation.core.client_ip import client_ip
from senmediation.core.errors import ServiceError
from senmediation.expenses.portal_views import claim_page
from senmediation.feedback.forms import SurveyForm
from senmediation.feedback.services.surveys import survey_link_submit
from senmediation.rules.links import opens_family_page

from .family import back_to_case
from .forms import AttendanceForm, ChildViewsForm, CodeForm
from .link_problem import link_problem_page
from .models import PartyLink, Purpose
from .services import submissions
from .services.codes import CodeAttemptsLimited, party_link_open_by_code
from .services.links import LinkUnknown, PartyLinkError, party_link_resolve, party_link_touch
from .sharing import who_reads_for
from .views_availability import availability_page
from .views_summary import summary_page


def _child_views(link: PartyLink, form: Any) -> None:
    submissions.child_views_submit(link=link, text=form.cleaned_data["text"], drawing=form.cleaned_data["drawing"])


def _attendance(link: PartyLink, form: Any) -> None:
    data = form.cleaned_data
    submissions.attendance_submit(link=link, attending=data["attending"], who_is_coming=data["who_is_coming"],
                                  needs=data["needs"])


def _feedback(link: PartyLink, form: Any) -> None:
    survey_link_submit(link=link, answers=form.cleaned_data)


# Purposes that carry no task of their own (the family's case page, or a closed case's documents).
NO_TASK = frozenset({Purpose.CASE, Purpose.DOCUMENTS})

PAGES: dict[str, tuple[type[forms.Form], Callable[[PartyLink, Any], None]]] = {
    Purpose.CHILD_VIEWS: (ChildViewsForm, _child_views),
    Purpose.ATTENDANCE: (AttendanceForm, _attendance),
    Purpose.FEEDBACK: (SurveyForm, _feedback),
}


def _context(link: PartyLink, token: str, **extra: Any) -> dict[str, Any]:
    # Deliberately small: this party's name and the child's first name, never the case record itself.
    case = link.party.case
    return {"link": link, "token": token, "party_name": link.party.name, "child_first_name": case.child_first_name,
            "case_reference": case.reference, "expires_at": link.expires_at, "back_to_case": back_to_case(link),
            **extra}


@never_cache
def party_page(request: HttpRequest, token: str) -> HttpResponse:
    """The link's task (`/p/<token>/task/`, and `/p/<token>/` for parties whose links do not open the
    family's case page: yourcase/views.py decides)."""
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    return party_task_page(request, link, token)


def party_task_page(request: HttpRequest, link: PartyLink, token: str) -> HttpResponse:
    """The task of an already resolved `link`."""
    if link.purpose in NO_TASK:
        # A case or documents link has no task: the family's case page is all it opens.
        if opens_family_page(link.party.role):
            return redirect("portal:page", token=token)
        raise Http404("This link has no task")
    if link.purpose == Purpose.AGREEMENT:
        if request.method != "GET":
            return HttpResponse(status=405)
        if link.use_count == 0:
            submissions.agreement_viewed(link=link)
        party_link_touch(link=link)
        agreement = submissions.agreement_for(link.party.case)
        return render(request, "portal/agreement.html", _context(link, token, agreement=agreement))
    if link.purpose == Purpose.EXPENSES:
        return claim_page(request, link, token)
    if link.purpose == Purpose.SUMMARY_AND_ISSUES:
        return summary_page(request, link, token, _context(link, token))
    if link.purpose == Purpose.AVAILABILITY:
        return availability_page(request, link, token, _context(link, token))
    form_class, handler = PAGES[link.purpose]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                handler(link, form)
            except ServiceError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            else:
                return redirect("portal:done", token=token)
    else:
        party_link_touch(link=link)
        form = form_class()
    return render(request, f"portal/{link.purpose}.html", _context(link, token, form=form, who_reads=who_reads_for(link)),
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def code_entry(request: HttpRequest) -> HttpResponse:
    """Where a party who got a letter types its code; it opens the same page as the link would."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(party_link_open_by_code(code=form.cleaned_data["code"], ip_address=client_ip(request)))
        except CodeAttemptsLimited as refusal:
            return render(request, "portal/code_limited.html", {"message": refusal.message}, status=429)
        except LinkUnknown as refusal:
            form.add_error("code", refusal.message)
        except PartyLinkError as problem:
            return link_problem_page(request, problem)
    return render(request, "portal/code.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def party_done(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    template = "expenses/portal_done.html" if link.purpose == Purpose.EXPENSES else "portal/done.html"
    # A family's thank-you page leads back to their case page while the case is open; anyone else's to the form.
    return render(request, template, _context(link, token, who_reads=who_reads_for(link)))


@never_cache
def agreement_file(request: HttpRequest, token: str) -> HttpResponseBase:
    try:
        link = party_link_resolve(token)
    except PartyLinkError as problem:
        return link_problem_page(request, problem)
    agreement = submissions.agreement_for(link.party.case) if link.purpose == Purpose.AGREEMENT else None
    if agreement is None or not getattr(agreement, "file", None):
        raise Http404("No agreement yet")
    return FileResponse(agreement.file.open("rb"), as_attachment=True, filename="mediation-agreement.pdf",
                        content_type="application/pdf")
