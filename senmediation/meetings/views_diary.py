"""A mediator's diary page: their cases by the next meeting or deadline, and their finished cases."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock

from .diary import diary_page


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)
def my_cases(request: HttpRequest) -> HttpResponse:
    finished = request.GET.get("show") == "finished"
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = diary_page(user=request.user, now=clock.now(), finished=finished, number=number)
    return render(request, "meetings/diary.html", {"page": page, "finished": finished,
                                                   "query": "show=finished" if finished else ""})
