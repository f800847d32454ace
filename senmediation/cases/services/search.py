"""Keeps `Case.search_text` exact: every service that adds or changes a party, or the child's name, calls
`case_search_refresh` in its own transaction."""

from __future__ import annotations

from senmediation.cases.models import Case, Party
from senmediation.cases.search import Person, search_text_for


def case_search_refresh(*, case: Case) -> str:
    """Rewrites the case's search line from its reference, child's name and current parties (one read of
    the parties, one update of the case)."""
    people = [Person(name=name, email=email, phone=phone) for name, email, phone in
              Party.objects.filter(case=case).order_by("id").values_list("name", "email", "phone")]
    text = search_text_for(reference=case.reference, child_first_name=case.child_first_name,
                           child_last_name=case.child_last_name, people=people)
    if text != case.search_text:
        Case.objects.filter(pk=case.pk).update(search_text=text)
        case.search_text = text
    return text
