"""Test helpers for notifications: a case with one parent, and a mail backend that always fails."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make


def parent_make(**changes: Any) -> Party:
    case = case_make()
    parent = case.parties.get(role=Party.Role.PARENT)
    for name, value in changes.items():
        setattr(parent, name, value)
    parent.save()
    return parent


class DisconnectingBackend(BaseEmailBackend):
    """A mail server that drops the connection every time."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
