"""What the case domain announces to the apps above it, so it never has to know who is listening.

The API subscribes to `case_transitioned` in its AppConfig.ready to send partners' webhooks."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once a step of the workflow is saved (on commit), with sender=Case and keyword arguments
# reference, local_authority_id, action, from_state, to_state (all plain values, not the case).
case_transitioned = Signal()
