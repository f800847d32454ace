"""The one page every secure-link view shows when its link cannot be used (changed, unknown, expired, stopped,
or its documents gone), with the status the problem carries."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .services.tokens import PartyLinkError


def link_problem_page(request: HttpRequest, problem: PartyLinkError) -> HttpResponse:
    return render(request, "portal/link_problem.html", {"problem": problem}, status=problem.status)
