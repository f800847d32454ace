"""The documents one case's walk records as it goes: the certificate when one is issued, the letter to the LA
when it is notified, and the agreement (with its agreed and not-agreed items) when an outcome is recorded.
Rows only: their PDFs are rendered or attached after the load (documents.py).
"""

from __future__ import annotations

import datetime as dt

from senmediation.agreements.models import Agreement, AgreementItem
from senmediation.cases.models import CaseEvent, Issue, Party
from senmediation.documents.models import Certificate, Document
from senmediation.meetings.models import Meeting
from senmediation.rules.appeal import tribunal_appeal_explanation
from senmediation.rules.calendar import add_working_days
from senmediation.rules.deadlines import Clock

from .phrases import ITEMS, NOT_AGREED
from .walk_base import STRIDE, _at, _between, _one, _WalkBase


class _WalkDocuments(_WalkBase):
    """The walk's certificates, LA letters and agreements."""

    def _certificate(self, kind: Certificate.Kind, on: dt.date, minute: int) -> None:
        appeal = tribunal_appeal_explanation(decision_notice_sent=self.notice, certificate_issued=on)
        path, sha = self.world.files.certificates[kind.value]
        resolved = "Agreed: the support in section F. Not agreed: the school named." \
            if kind is Certificate.Kind.AFTER_MEDIATION else ""
        self.rows[Certificate].append((
            self._first_id("certificate", Certificate), "", on.year, 0, 1, self.id, kind.value, self.parent,
            Party.Role.PARENT.value, f"{self.first} {self.last}", self.la_id, self.la_name, self.notice, on,
            self.coordinator, self.world.provider_name, self.world.provider_cmc, resolved, appeal.deadline,
            appeal.reason, path, sha, _at(on, minute),
        ))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "", f"Certificate issued: {kind.label}",
                    self.coordinator)
        if (c := self.clocks.get(Clock.tribunal_appeal)) is not None:
            c[1] = appeal.deadline  # the later of 2 months after the notice and 1 month after the certificate

    def _letter(self, on: dt.date, minute: int) -> None:
        path, sha, size = self.world.files.la_letter
        self.letters.append(len(self.letters))
        self.rows[Document].append((
            self._first_id("document", Document) + len(self.letters) - 1, self.id, Document.Kind.LA_NOTIFICATION.value,
            f"Mediation request {self.reference}: letter to {self.la_name}", path, sha, "application/pdf", size,
            self.coordinator, _at(on, minute),
        ))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "",
                    f"Letter prepared: Mediation request {self.reference}: letter to {self.la_name}",
                    self.coordinator)

    def _agreement(self, on: dt.date, agreed: bool, minute: int) -> None:
        """The agreement made final at the end of the meeting: agreed items with their follow-up, and any
        not agreed (its PDF is filled in after the load, from a specimen: see `documents.specimens_attach`)."""
        rng, rows, today = self.rng, self.rows, self.world.today
        agreed_on = self.held_on or on
        meeting_id = (self._first_id("meeting", Meeting) + len(self.meetings) - 1
                      if 0 < len(self.meetings) <= STRIDE[Meeting] else None)
        mediator = self.fields["mediator_id"]
        finalised_at = _at(on, minute)
        agreement_id = self._first_id("agreement", Agreement)
        rows[Agreement].append((agreement_id, self.id, meeting_id,
                                Agreement.Status.FINAL.value, agreed_on, mediator, finalised_at, "", "",
                                finalised_at, finalised_at))
        parent = self._first_id("party", Party)
        la_party = parent + 1 if self.fields["la_notified_on"] is not None else None
        issue = self._first_id("issue", Issue)
        item = self._first_id("agreement_item", AgreementItem)
        n_agreed = _between(rng, 1, 3) if agreed else 0
        n_not = _one(rng, (0, 0, 1)) if agreed else _between(rng, 1, 2)
        for order, (action, measure) in enumerate(rng.sample(ITEMS, k=n_agreed)):
            owner = la_party if la_party and action.startswith("The LA") else parent
            due = add_working_days(agreed_on, _between(rng, 5, 30))
            status, done_on = AgreementItem.Status.OPEN.value, None
            roll = rng.random()
            if due < today:
                if roll < 0.75:
                    status, done_on = AgreementItem.Status.DONE.value, due - dt.timedelta(days=_between(rng, 0, 5))
                elif roll < 0.85:
                    status = AgreementItem.Status.DONE.value
                    done_on = min(due + dt.timedelta(days=_between(rng, 1, 20)), today - dt.timedelta(days=1))
                else:
                    status = AgreementItem.Status.LATE.value
            elif roll < 0.3:
                status, done_on = AgreementItem.Status.DONE.value, min(agreed_on + dt.timedelta(days=2), today)
            rows[AgreementItem].append((item + order, finalised_at, finalised_at, agreement_id, order, owner, action, due,
                                        measure, issue, True, status, max(done_on, agreed_on) if done_on else None))
        for order, action in enumerate(rng.sample(NOT_AGREED, k=n_not), start=n_agreed):
            rows[AgreementItem].append((item + order, finalised_at, finalised_at, agreement_id, order, None, action,
                                        None, "", issue, False, AgreementItem.Status.OPEN.value, None))
        self._event(on, minute, CaseEvent.Kind.UPDATED, "", "", "",
                    f"Agreement made final: {n_agreed} agreed item(s), {n_not} not agreed", mediator)
