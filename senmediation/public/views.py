from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from senmediation.core import clock
from senmediation.rules.appeal import adviser_contact_deadline, adviser_contact_note, tribunal_appeal_explanation
from senmediation.rules.late_contact import contact_is_late, late_contact_family_warning

from .forms import AppealDatesForm

# slug -> (template, title); the order is the order of the "About the service" navigation.
INFO_PAGES: dict[str, tuple[str, str]] = {
    "what_is_mediation": ("public/what_is_mediation.html", "What mediation is"),
    "how_it_works": ("public/how_it_works.html", "How mediation works, step by step"),
    "who": ("public/who.html", "Who can use this service"),
    "cost": ("public/cost.html", "What it costs and when we are open"),
    "online": ("public/online.html", "What you will see online"),
    "contact": ("public/contact.html", "Contact us"),
    "feedback": ("public/feedback.html", "Feedback and complaints"),
    "accessibility": ("public/accessibility.html", "Accessibility statement"),
    "privacy": ("public/privacy.html", "Privacy notice"),
}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"nav": _nav(None)})


def _nav(current: str | None) -> list[dict[str, object]]:
    return [{"name": name, "title": title, "current": name == current} for name, (_, title) in INFO_PAGES.items()]


def info_page(name: str):  # type: ignore[no-untyped-def]
    template, title = INFO_PAGES[name]

    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, {"title": title, "nav": _nav(name)})

    view.__name__ = f"{name}_page"
    return view


@require_GET
def appeal_deadlines(request: HttpRequest) -> HttpResponse:
    """The public appeal-date checker: when to contact the adviser and when to appeal by."""
    submitted = "decision_date_0" in request.GET
    form = AppealDatesForm(request.GET if submitted else None)
    result = None
    if submitted and form.is_valid():
        decision = form.cleaned_data["decision_date"]
        certificate = form.cleaned_data.get("certificate_date")
        today = clock.today()
        contact_by = adviser_contact_deadline(decision)
        appeal = tribunal_appeal_explanation(decision_notice_sent=decision, certificate_issued=certificate)
        result = {
            "contact_by": contact_by,
            "contact_note": adviser_contact_note(contact_by),
            "contact_days_left": (contact_by - today).days,
            "appeal": appeal,
            "appeal_days_left": (appeal.deadline - today).days,
            "certificate": certificate,
            # Contacting the adviser today would be too late for a certificate without mediation (reg 34(2)).
            "contact_late": late_contact_family_warning(decision_notice_sent=decision)
            if contact_is_late(decision_notice_sent=decision, first_contact=today) else "",
        }
    return render(
        request, "public/appeal_deadlines.html",
        {"form": form, "result": result, "title": "Check your appeal dates", "nav": _nav(None)},
        status=400 if submitted and form.errors else 200,
    )
