"""Staff: add or change the person acting for a parent or young person who lacks capacity."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from senmediation.accounts.decorators import role_required
from senmediation.core.errors import ServiceError
from senmediation.rules.capacity import CHILD_VIEWS_STILL_ASKED, VIEWS_STILL_ASKED

from . import selectors
from .correspondence import party_representative
from .forms_representative import RepresentativeForm
from .models import Party
from .services.representatives import party_representative_set
from .views_casework import CASE_WORKERS


@role_required(*CASE_WORKERS)
def case_party_representative(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.case_get_for(user=request.user, reference=reference)
    party = case.parties.filter(pk=pk, role__in=(Party.Role.PARENT, Party.Role.YOUNG_PERSON)).first()
    if party is None:
        raise Http404("No such parent or young person")
    current = party_representative(party)
    initial = ({"name": current.name, "basis": current.representative_basis, "email": current.email,
                "phone": current.phone, "address": current.address, "preferred_contact": current.preferred_contact}
               if current else None)
    form = RepresentativeForm(request.POST if request.method == "POST" else None, initial=initial, party=party)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            party_representative_set(
                party=party, by=request.user, name=data["name"], basis=data["basis"], email=data["email"],
                phone=data["phone"], address=data["address"], preferred_contact=list(data["preferred_contact"]),
            )
        except ServiceError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"{data['name']} now receives the letters, links and certificate for "
                                      f"{party.name}.")
            return redirect("cases:detail", reference=reference)
    young_person = party.role == Party.Role.YOUNG_PERSON
    return render(request, "cases/representative_form.html", {
        "case": case, "party": party, "form": form, "current": current,
        "views_note": VIEWS_STILL_ASKED if young_person else CHILD_VIEWS_STILL_ASKED,
    }, status=400 if form.errors else 200)
