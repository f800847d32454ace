"""What the case domain announces to the apps above it, so it never has to know who is listening.

The API subscribes to `case_transitioned` in its AppConfig.ready to send partners' webhooks; notifications
subscribes to the others in its AppConfig.ready to send the messages they call for."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once a step of the workflow is saved (on commit), with sender=Case and keyword arguments
# reference, local_authority_id, action, from_state, to_state (all plain values, not the case).
case_transitioned = Signal()

# Sent when someone's contact details change in a way that decides whether a message can reach them
# (casework.REACH_FIELDS), inside the change's transaction, with sender=Party and keyword argument party.
# Notifications releases the messages that were waiting for the detail just added.
party_reach_changed = Signal()

# Sent once a day's sweep decides to ask the LA whether it can arrange mediation in time (reg 39(2)), inside
# the transaction that records it, before the timeline entry, with sender=Case and keyword arguments case,
# deadline (the 30-day clock), today, officer (the LA officer to write to, or None) and la_email (the LA's
# contact e-mail to write to when there is no officer, else ""). Notifications writes and sets up the call.
la_asked_can_arrange = Signal()

# Sent when the LA says it cannot arrange mediation in time (reg 39(3)), inside the transaction that records
# it, after the step is saved and before the timeline entry, with sender=Case and keyword arguments case, by,
# adviser_told_on, certificate_due and appeal_deadline (a date, or None with no decision notice on record).
# Notifications tells the family their options.
mediation_not_arranged = Signal()
