"""Someone's diary page: the cases they mediate or coordinate by the next meeting or deadline, and their
finished cases. A person who is both mediator and coordinator has a tab for each."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from senmediation.accounts.decorators import role_required
from senmediation.accounts.roles import Role
from senmediation.core import clock

from .diary import DIARY_LABELS, DiaryOf, diaries_for, diary_page


def _query(diaries: list[DiaryOf], diary: DiaryOf, *, finished: bool) -> str:
    """The page's query string: the user's first diary and open cases need none."""
    return urlencode(({"as": diary.value} if diary is not diaries[0] else {})
                     | ({"show": "finished"} if finished else {}))


@require_GET
@role_required(Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR)
def my_cases(request: HttpRequest) -> HttpResponse:
    diaries = diaries_for(request.user)
    asked = request.GET.get("as", "")
    # An unknown or someone else's kind of diary shows the user's first one rather than an error.
    of = next((d for d in diaries if d.value == asked), diaries[0])
    finished = request.GET.get("show") == "finished"
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = diary_page(user=request.user, now=clock.now(), of=of, finished=finished, number=number)
    # A tab for each diary when there are two, each keeping to open or finished cases, whichever is shown.
    tabs = [{"label": DIARY_LABELS[d], "query": _query(diaries, d, finished=finished), "current": d is of}
            for d in diaries] if len(diaries) > 1 else []
    return render(request, "meetings/diary.html", {
        "page": page, "finished": finished, "of": of.value, "tabs": tabs, "label": DIARY_LABELS[of],
        "open_query": _query(diaries, of, finished=False), "finished_query": _query(diaries, of, finished=True),
        "query": _query(diaries, of, finished=finished),
    })
