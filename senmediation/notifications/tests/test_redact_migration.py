"""The migration that takes live party links out of messages logged before they were put in at sending."""

from __future__ import annotations

import importlib

migration = importlib.import_module("senmediation.notifications.migrations.0003_redact_stored_party_links")


def test_live_links_are_replaced_and_everything_else_is_kept() -> None:
    body = ("Please use this secure link:\n\nhttps://mediation.example.org/p/AbC_12-x.Sig-9_z/\n\n"
            "Or go to https://mediation.example.org/p/code/ with your code. See /p/ for help.")
    assert migration.redact(body) == (
        "Please use this secure link:\n\n[secure link — sent to the recipient only]\n\n"
        "Or go to https://mediation.example.org/p/code/ with your code. See /p/ for help.")
