"""The referral journey as data: an ordered list of steps, each with its form, its page title, the
step that follows (decided from the answers so far) and how its answers read on "check your answers".

Kinds of step:
- question: a form; its answers are kept in the session;
- info: a page to read, then "Continue" (placement-only advice, key dates);
- stop: the journey ends here with advice (no permission, an LA we do not serve, a Statement);
- check: check your answers, then send.

The path is worked out afresh on every request by following `next` from the first step while each
question's stored answers still pass its form. Only steps on the path can be opened, and only their
answers are used, so an answer left behind on an abandoned branch never reaches a case.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from senmediation.cases.models import Case
from senmediation.rules.calendar import format_day
from senmediation.rules.eligibility import Route

from . import answers as read
from . import forms as f
from . import forms_capacity as fc
from . import steps_capacity as cap
from .answers import Answers
from .forms_decision import DecisionDateForm
from .services import local_authority_chosen, local_authority_served, referral_route

QUESTION, INFO, STOP, CHECK = "question", "info", "stop", "check"
Rows = list[tuple[str, str]]


@dataclass(frozen=True)
class Step:
    slug: str
    title: Callable[[Answers], str]
    next: Callable[[Answers], str | None]
    form_class: type[f.StepForm] | None = None
    kind: str = QUESTION
    template: str = "referrals/question.html"
    section: str = ""
    rows: Callable[[Answers], Rows] | None = None
    notice: Callable[[Answers], str] | None = None
    # Info pages: what the page's content depends on, to show it again after a relevant change.
    depends_on: tuple[str, ...] = ()

    def fingerprint(self, answers: Answers) -> str:
        return json.dumps([answers.get(slug) for slug in self.depends_on], sort_keys=True)


def _fixed(text: str) -> Callable[[Answers], str]:
    return lambda answers: text


def _go(slug: str) -> Callable[[Answers], str]:
    return lambda answers: slug


def _you(answers: Answers, you: str, them: str) -> str:
    return them if read.is_third_party(answers) else you


def _labels(choices: list[tuple[str, str]], values: list[str]) -> str:
    labels = dict(choices)
    return "\n".join(labels.get(value, value) for value in values)


def _day(answers: Answers, slug: str, name: str) -> str:
    day = read.date_value(answers, slug, name)
    return format_day(day) if day else ""


def _v(answers: Answers, slug: str, name: str) -> str:
    return str(read.value(answers, slug, name, "") or "")


# --- Where each step leads ---------------------------------------------------------------------


def _after_who(answers: Answers) -> str:
    return "referrer" if read.is_third_party(answers) else "local-authority"


def _after_permission(answers: Answers) -> str:
    return "no-permission" if read.value(answers, "permission", "permission") == "no" else "permission-details"


def _after_local_authority(answers: Answers) -> str:
    return "disagreement" if local_authority_served(local_authority_chosen(answers)) else "la-not-served"


def _after_disagreement(answers: Answers) -> str:
    route = referral_route(answers)
    if route is Route.signpost_drs:
        return "statement"
    if route is Route.placement_only:
        return "placement-only"
    return "summary"


def _after_summary(answers: Answers) -> str:
    return "wants" if referral_route(answers) is Route.disagreement_resolution else "decision-date"


def _after_decision_date(answers: Answers) -> str:
    if read.value(answers, "decision-date", "no_letter"):
        return "no-letter"
    return "key-dates" if read.has_appeal_deadline(answers) else "wants"


# --- Titles that depend on who is asking -------------------------------------------------------


def _la_not_served_title(answers: Answers) -> str:
    la = local_authority_chosen(answers)
    return f"We do not provide mediation for {la.name}" if la else "We may not cover your local authority"


def _child_title(answers: Answers) -> str:
    if read.who(answers) == Case.Source.YOUNG_PERSON:
        return "Your name and date of birth"
    return "About the child or young person"


def _contact_title(answers: Answers) -> str:
    if not read.is_third_party(answers):
        return "Your contact details"
    if read.acting_young_person(answers):
        return "The young person's contact details"
    return "The parent's or carer's contact details"


def _views_title(answers: Answers) -> str:
    if read.who(answers) == Case.Source.YOUNG_PERSON:
        return "What would you like the mediator to know?"
    return "What does the child or young person think?"


# --- How answers read on "check your answers" ---------------------------------------------------


def _rows_who(answers: Answers) -> Rows:
    return [("Who is asking", _labels(f.WHO_CHOICES, [read.who(answers)]))]


def _rows_channel(answers: Answers) -> Rows:
    return [("How it reached us", _labels(f.CHANNEL_CHOICES, [_v(answers, "channel", "channel")]))]


def _rows_referrer(answers: Answers) -> Rows:
    lines = [_v(answers, "referrer", n) for n in ("name", "organisation", "email", "phone")]
    return [("Your details", "\n".join(line for line in lines if line))]


def _rows_permission(answers: Answers) -> Rows:
    return [("Permission", _labels(f.PERMISSION_CHOICES, [_v(answers, "permission", "permission")]))]


def _rows_consent(answers: Answers) -> Rows:
    method = _labels(f.CONSENT_METHOD_CHOICES, [_v(answers, "permission-details", "method")])
    return [
        ("Permission given by", _v(answers, "permission-details", "given_by")),
        ("Permission given on", f"{_day(answers, 'permission-details', 'given_on')} ({method.lower()})"),
    ]


def _rows_local_authority(answers: Answers) -> Rows:
    la = local_authority_chosen(answers)
    return [("Local authority", la.name if la else "")]


def _rows_disagreement(answers: Answers) -> Rows:
    return [("The disagreement is about", _labels(f.TOPIC_CHOICES, read.topics(answers)))]


def _rows_summary(answers: Answers) -> Rows:
    return [("In your words", _v(answers, "summary", "summary") or "Not given")]


def _rows_decision_date(answers: Answers) -> Rows:
    if read.value(answers, "decision-date", "no_letter"):
        return [("Date on the decision letter", "Not known: you do not have the letter")]
    return [("Date on the decision letter", _day(answers, "decision-date", "decision_date"))]


def _rows_wants(answers: Answers) -> Rows:
    return [("What you would like to do now", f.WANTS_LABELS.get(_v(answers, "wants", "wants"), ""))]


def _rows_child(answers: Answers) -> Rows:
    name = f"{_v(answers, 'child', 'first_name')} {_v(answers, 'child', 'last_name')}".strip()
    return [("Name", name), ("Date of birth", _day(answers, "child", "date_of_birth"))]


def _rows_methods(answers: Answers) -> Rows:
    methods = read.value(answers, "contact-methods", "methods", [])
    rows = [("Ways to contact", _labels(f.CONTACT_CHOICES, list(methods) if isinstance(methods, list) else []))]
    if times := _v(answers, "contact-methods", "call_times"):
        rows.append(("Best times to call", times))
    return rows


def _rows_contact(answers: Answers) -> Rows:
    rows: Rows = []
    if name := _v(answers, "contact", "name"):
        rows.append(("Contact name", name))
    rows += [
        ("Email address", _v(answers, "contact", "email") or "Not given"),
        ("Phone number", _v(answers, "contact", "phone") or "Not given"),
        ("Postal address", _v(answers, "contact", "address") or "Not given"),
    ]
    return rows


def _rows_language(answers: Answers) -> Rows:
    return [("Language", _v(answers, "language", "language"))]


def _rows_adjustments(answers: Answers) -> Rows:
    chosen = read.value(answers, "adjustments", "adjustments", [])
    text = _labels(f.ADJUSTMENT_CHOICES, list(chosen) if isinstance(chosen, list) else [])
    if notes := _v(answers, "adjustments", "notes"):
        text = f"{text}\n{notes}" if text else notes
    return [("Support that would help", text or "None")]


def _rows_views(answers: Answers) -> Rows:
    text = _v(answers, "child-views", "views") or "Not given"
    if read.value(answers, "child-views", "help_wanted"):
        text += "\nHelp to gather their views is wanted"
    return [("Their views", text)]


def _free_notice(answers: Answers) -> str:
    la = local_authority_chosen(answers)
    if la and la.commissions_us:
        return f"Mediation and mediation advice are free for you: {la.name} pays for them."
    return ""


ABOUT = "About the referral"
DISAGREEMENT = "The disagreement"
PERSON = "The child or young person"
CONTACT = "Contact and support"

STEPS: tuple[Step, ...] = (
    Step("channel", _fixed("How did this referral reach us?"), _go("who"), f.ChannelForm,
         section=ABOUT, rows=_rows_channel),
    Step("who", _fixed("What is your relationship to the child or young person?"), _after_who, f.WhoForm,
         section=ABOUT, rows=_rows_who),
    Step("referrer", _fixed("Your details"), _go("permission"), f.ReferrerForm, section=ABOUT, rows=_rows_referrer),
    Step("permission", _fixed("Has the family agreed to you referring them to us?"), _after_permission,
         f.PermissionForm, section=ABOUT, rows=_rows_permission),
    Step("no-permission", _fixed("We need the family's permission first"), lambda a: None, kind=STOP,
         template="referrals/no_permission.html"),
    Step("permission-details", _fixed("About their permission"), _go("local-authority"), f.ConsentForm,
         section=ABOUT, rows=_rows_consent),
    Step("local-authority", _fixed("Which local authority made the decision?"), _after_local_authority,
         f.LocalAuthorityForm, section=ABOUT, rows=_rows_local_authority),
    Step("la-not-served", _la_not_served_title, lambda a: None, kind=STOP, template="referrals/la_not_served.html"),
    Step("disagreement", _fixed("What is the disagreement about?"), _after_disagreement, f.DisagreementForm,
         section=DISAGREEMENT, rows=_rows_disagreement, notice=_free_notice),
    Step("statement", _fixed("Contact your council's disagreement resolution service"), lambda a: None, kind=STOP,
         template="referrals/statement.html"),
    Step("placement-only", _fixed("You do not need a mediation certificate to appeal about the school or college"),
         _go("summary"), kind=INFO, template="referrals/placement_only.html", depends_on=("disagreement",)),
    Step("summary", _fixed("Describe the disagreement in your own words (optional)"), _after_summary,
         f.SummaryForm, section=DISAGREEMENT, rows=_rows_summary),
    Step("decision-date", _fixed("What date is on the decision letter?"), _after_decision_date, DecisionDateForm,
         section=DISAGREEMENT, rows=_rows_decision_date),
    Step("no-letter", _fixed("We need the date on the letter to work out your deadlines"), _go("wants"), kind=INFO,
         template="referrals/no_letter.html", depends_on=("decision-date",)),
    Step("key-dates", _fixed("Dates to keep in mind"), _go("wants"), kind=INFO, template="referrals/key_dates.html",
         depends_on=("disagreement", "decision-date")),
    Step("wants", _fixed("What would you like to do now?"), _go("child"), f.WantsForm,
         section=DISAGREEMENT, rows=_rows_wants),
    Step("child", _child_title, _go("contact-methods"), f.ChildForm, section=PERSON, rows=_rows_child),
    Step("contact-methods",
         lambda a: _you(a, "How would you like us to contact you?", "How would the family like us to contact them?"),
         _go("contact"), f.ContactMethodsForm, section=CONTACT, rows=_rows_methods),
    Step("contact", _contact_title, _go("capacity"), f.ContactForm, section=CONTACT, rows=_rows_contact),
    # Someone acting for a parent or young person who lacks capacity (SEND Regs 2014 regs 63-64).
    Step("capacity", cap.capacity_title, cap.after_capacity, fc.CapacityForm, section=CONTACT, rows=cap.rows_capacity),
    Step("representative", cap.representative_title, _go("representative-role"), fc.RepresentativeNameForm,
         section=CONTACT, rows=cap.rows_name),
    Step("representative-role", cap.role_title, _go("representative-contact-methods"), fc.RepresentativeRoleForm,
         section=CONTACT, rows=cap.rows_role),
    Step("representative-contact-methods", cap.methods_title, _go("representative-contact"),
         fc.RepresentativeContactMethodsForm, section=CONTACT, rows=cap.rows_methods),
    Step("representative-contact", cap.contact_title, _go("language"), fc.RepresentativeContactForm,
         section=CONTACT, rows=cap.rows_contact),
    Step("language",
         lambda a: _you(a, "Which language would you like us to use?", "Which language would the family like us to use?"),
         _go("adjustments"), f.LanguageForm, section=CONTACT, rows=_rows_language),
    Step("adjustments",
         lambda a: _you(a, "Is there any support that would help you take part?",
                        "Is there any support that would help the family take part?"),
         _go("child-views"), f.AdjustmentsForm, section=CONTACT, rows=_rows_adjustments),
    Step("child-views", _views_title, _go("check"), f.ChildViewsForm, section=PERSON, rows=_rows_views),
    Step("check", _fixed("Check your answers before sending"), lambda a: None, kind=CHECK,
         template="referrals/check.html"),
)
SECTIONS = (ABOUT, DISAGREEMENT, PERSON, CONTACT)


@dataclass(frozen=True)
class Journey:
    """The public journey (starting at "who") or the staff one (starting at "channel")."""

    name: str
    first: str
    session_key: str
    url_name: str

    def step(self, slug: str) -> Step | None:
        if slug == "channel" and self.first != "channel":
            return None
        return _BY_SLUG.get(slug)

    def url(self, slug: str, *, change: bool = False) -> str:
        url = reverse(self.url_name, kwargs={"slug": slug})
        return f"{url}?change=1" if change else url

    def is_answered(self, step: Step, answers: Answers, prior: Answers, today: dt.date) -> bool:
        """Whether the step's stored answers still pass its form, given the answers before it."""
        stored = answers.get(step.slug)
        if step.form_class is None or not isinstance(stored, dict):
            return False
        form = step.form_class(data=step.form_class.data_from_session(stored), answers=prior, today=today)
        return form.is_valid()

    def path(self, answers: Answers, today: dt.date) -> list[str]:
        """The steps from the first to the furthest one reachable now (its last item is where to go)."""
        path: list[str] = []
        prior: Answers = {}
        slug: str | None = self.first
        while slug is not None and slug not in path:
            step = _BY_SLUG[slug]
            path.append(slug)
            if step.kind in (STOP, CHECK):
                break
            if step.kind == QUESTION:
                if not self.is_answered(step, answers, prior, today):
                    break
                prior[slug] = answers[slug]
            slug = step.next(prior)
        return path

    def path_answers(self, answers: Answers, path: list[str]) -> Answers:
        return {slug: answers[slug] for slug in path if slug in answers}

    def summary(self, answers: Answers, path: list[str]) -> list[dict[str, Any]]:
        """Check-your-answers sections: rows with a change link back to the step that asked."""
        sections: dict[str, list[dict[str, str]]] = {name: [] for name in SECTIONS}
        for slug in path:
            step = _BY_SLUG[slug]
            if step.rows is None or slug not in answers:
                continue
            for key, text in step.rows(answers):
                sections[step.section].append(
                    {"key": key, "value": text, "url": self.url(slug, change=True), "slug": slug}
                )
        return [{"heading": name, "rows": rows} for name, rows in sections.items() if rows]


_BY_SLUG: dict[str, Step] = {step.slug: step for step in STEPS}

PUBLIC = Journey(name="public", first="who", session_key="referrals:public", url_name="referrals:step")
STAFF = Journey(name="staff", first="channel", session_key="referrals:staff", url_name="referrals:staff_step")
