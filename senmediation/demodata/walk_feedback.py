"""The feedback one case's walk leaves once it ends: survey invitations (some answered) when a case closes
after a meeting or a certificate, and the odd complaint with its policy clocks, as the feedback services
would have recorded them.
"""

from __future__ import annotations

import datetime as dt

from senmediation.cases.models import Party
from senmediation.feedback.models import Answer, Complaint, Recommend, SurveyInvitation, SurveyResponse
from senmediation.rules.calendar import add_working_days
from senmediation.rules.complaints import complaint_clocks
from senmediation.rules.workflow import State

from .phrases import COMMENTS, COMPLAINTS
from .walk_base import _at, _between, _one, _WalkBase

COMPLAINT_SHARE = 0.004  # about 4,000 complaints a million cases


class _WalkFeedback(_WalkBase):
    """The walk's survey invitations, responses and complaints."""

    def _feedback(self, yesterday: dt.date) -> None:
        """Survey invitations when a case closes after a meeting or a certificate (some answered), and
        the odd complaint, as the feedback services would have recorded them."""
        rng, world, rows, fields = self.rng, self.world, self.rows, self.fields
        parent = self._first_id("party", Party)
        closed_on = fields["closed_on"]
        if self.state is State.closed and (fields["meeting_outcome"] or fields["certificate_issued_on"]):
            parties = [parent] + ([parent + 1] if fields["la_notified_on"] is not None else [])
            for n, party in enumerate(parties):
                row_id = self._first_id("survey_invitation", SurveyInvitation) + n
                answered_on = closed_on + dt.timedelta(days=_between(rng, 1, 14))
                answered = rng.random() < (0.4 if n == 0 else 0.2) and answered_on <= yesterday
                remind_on = closed_on + dt.timedelta(days=10)
                reminded = (_at(remind_on, 9 * 60) if remind_on <= yesterday and (not answered or answered_on > remind_on)
                            else None)
                answered_at = _at(answered_on, 19 * 60 + _between(rng, 0, 120)) if answered else None
                rows[SurveyInvitation].append((row_id, self.id, party, None, _at(closed_on, 17 * 60), reminded,
                                               answered_at))
                if answered:
                    satisfied = _one(rng, (5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1))
                    yes = satisfied >= 4
                    answers = [_one(rng, (Answer.YES.value,) * (6 if yes else 1) + (Answer.PARTLY.value, Answer.NO.value))
                               for _ in range(4)]
                    comment = _one(rng, COMMENTS) if rng.random() < 0.25 else ""
                    rows[SurveyResponse].append((
                        self._first_id("survey_response", SurveyResponse) + n, SurveyResponse.Source.LINK.value, self.id, party, fields["mediator_id"], self.la_id,
                        answered_at, satisfied, *answers,
                        Recommend.YES.value if yes else _one(rng, (Recommend.NOT_SURE.value, Recommend.NO.value)),
                        comment, bool(comment) and rng.random() < 0.5,
                    ))
        if rng.random() < max(COMPLAINT_SHARE, min(0.05, 15 / world.count)):  # a small demo still has some
            self._complaint(yesterday)

    def _complaint(self, yesterday: dt.date) -> None:
        rng, world = self.rng, self.world
        latest = min(yesterday, (self.fields["closed_on"] or yesterday) + dt.timedelta(days=30))
        received = self.opened + dt.timedelta(days=_between(rng, 1, max((latest - self.opened).days, 1)))
        if received > yesterday:
            return
        about_mediator = self.fields["mediator_id"] is not None and rng.random() < 0.4
        details, wanted = _one(rng, COMPLAINTS[:1] if about_mediator else COMPLAINTS[1:])
        ack_days, respond_days = world.complaint_days
        stage, started = 1, received
        while True:
            clocks = complaint_clocks(stage_started=started, acknowledge_days=ack_days, respond_days=respond_days,
                                      extra_closures=world.closures)
            acknowledged = add_working_days(started, _between(rng, 0, ack_days + 1))
            responded = add_working_days(started, _between(rng, 5, respond_days + 5))
            acknowledged_on = acknowledged if acknowledged <= yesterday else None
            responded_on = responded if responded <= yesterday else None
            to_stage_2 = started + dt.timedelta(days=_between(rng, 5, 20))
            if stage == 2 or responded_on is None or rng.random() > 0.1 or to_stage_2 > yesterday:
                break
            stage, started = 2, max(to_stage_2, responded)
        outcome = _one(rng, (Complaint.Outcome.UPHELD.value, Complaint.Outcome.PARTLY.value,
                             Complaint.Outcome.NOT_UPHELD.value, Complaint.Outcome.NOT_UPHELD.value)
                       ) if responded_on else ""
        complaint_id = self._first_id("complaint", Complaint)
        self.rows[Complaint].append((
            complaint_id, f"CMP-{received.year}-{complaint_id:05d}", received,
            _one(rng, [c.value for c in Complaint.Channel]), self.parent,
            self._parent_email, Complaint.Contact.EMAIL.value, self.reference,
            self.id, self.fields["mediator_id"] if about_mediator else None,
            "The mediator" if about_mediator else "The service", details, wanted, stage, started,
            clocks.acknowledge_by, acknowledged_on, clocks.respond_by, responded_on, world.manager, outcome,
            "We looked into each point you raised and have set out what we found and what we will change."
            if responded_on else "", "", self.coordinator, _at(received, 10 * 60 + _between(rng, 0, 300)),
        ))
