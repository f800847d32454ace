"""Reads about a case's agreement. Callers load the case through `cases.selectors.case_get_for` first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from senmediation.cases.models import Case, Issue
from senmediation.rules.smart import Finding

from .models import Agreement, AgreementItem


def agreement_for_case(case: Case) -> Agreement | None:
    return Agreement.objects.filter(case=case).first()


def agreement_open_items_count(case: Case) -> int:
    """Agreed actions not yet done (open or late): closing the case waits for these."""
    return AgreementItem.objects.filter(
        agreement__case=case, agreed=True, status__in=[AgreementItem.Status.OPEN, AgreementItem.Status.LATE]
    ).count()


def agreement_case_facts(case: Case, *, meeting: Any) -> dict[str, Any]:
    """The workflow's fact about agreed actions, registered with cases.facts at start-up (apps.py)."""
    return {"open_agreement_items": agreement_open_items_count(case)}


def agreement_items(agreement: Agreement) -> list[AgreementItem]:
    return list(agreement.items.select_related("owner", "issue").order_by("order", "id"))


def item_hints(item: AgreementItem) -> list[Finding]:
    """The friendly prompts for a saved item, judged as on the day of the agreement."""
    from .services import item_findings

    _, findings = item_findings(
        agreement=item.agreement, owner=item.owner, action=item.action, due=item.due, measure=item.measure,
        la_action=item.la_action, agreed=item.agreed,
        other_timescale_agreed_in_writing=item.other_timescale_agreed_in_writing,
        today=item.agreement.agreed_on - dt.timedelta(days=1),
    )
    return [f for f in findings if not f.blocking]


def _listed(texts: list[str]) -> str:
    quoted = [f'"{t.strip()}"' for t in texts]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def agreement_resolved_summary(agreement: Agreement) -> str:
    """Plain English for the certificate after mediation: which issues were resolved and which not."""
    issues = list(Issue.objects.filter(case=agreement.case).order_by("created_at", "id"))
    agreed_items = agreement.items.filter(agreed=True).count()
    settled = {i.issue_id for i in agreement.items.filter(agreed=True, issue__isnull=False)}
    resolved = [i.text for i in issues if i.outcome == Issue.Outcome.AGREED or (not i.outcome and i.pk in settled)]
    partly = [i.text for i in issues if i.outcome == Issue.Outcome.PARTLY]
    unresolved = [i.text for i in issues if i.outcome == Issue.Outcome.NOT_AGREED or (not i.outcome and i.pk not in settled)]
    sentences = []
    if resolved:
        sentences.append(f"The parties reached agreement on {_listed(resolved)}.")
    if partly:
        sentences.append(f"They partly agreed on {_listed(partly)}.")
    if unresolved:
        sentences.append(f"They did not reach agreement on {_listed(unresolved)}.")
    if not issues:
        sentences.append(
            f"The parties agreed {agreed_items} action{'s' if agreed_items != 1 else ''}."
            if agreed_items else "The parties did not reach agreement."
        )
    return " ".join(sentences)


@dataclass(frozen=True)
class PortalAgreement:
    title: str
    file: Any


def agreement_for_portal(*, case: Case) -> PortalAgreement | None:
    """The finished agreement's PDF, for a party's secure link; nothing while it is still a draft."""
    agreement = Agreement.objects.filter(case=case, status=Agreement.Status.FINAL).exclude(pdf="").first()
    if agreement is None:
        return None
    return PortalAgreement(title=f"Mediation agreement, {case.reference}", file=agreement.pdf)
