"""Party tokens and letter codes never reach a log line or a Sentry event: every handler in LOGGING carries
the redacting filter, and Sentry's hooks scrub events and breadcrumbs the same way."""

from __future__ import annotations

import io
import json
import logging
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from senmediation.cases.models import Party
from senmediation.cases.tests.factories import case_make
from senmediation.core.logging import (
    JsonFormatter,
    RedactFilter,
    redact,
    sentry_before_breadcrumb,
    sentry_before_send,
)
from senmediation.portal.services.links import party_link_create

TOKEN = "AbC_12-xYz.Sig-9_zQ"


def _configured_handlers() -> list[logging.Handler]:
    """Every handler that writes anywhere, on any logger (pytest's own and libraries' NullHandlers left out)."""
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    return [handler for logger in loggers for handler in logger.handlers
            if not type(handler).__module__.startswith("_pytest") and not isinstance(handler, logging.NullHandler)]


def test_every_handler_in_logging_redacts() -> None:
    assert django_settings.LOGGING["handlers"]
    for name, handler in django_settings.LOGGING["handlers"].items():
        assert "redact" in handler["filters"], name
    assert django_settings.LOGGING["filters"]["redact"] == {"()": "senmediation.core.logging.RedactFilter"}
    live = _configured_handlers()
    assert live and all(any(isinstance(f, RedactFilter) for f in handler.filters) for handler in live), live


@pytest.fixture
def log_output() -> Iterator[dict[str, io.StringIO]]:
    """What the configured console handler writes, as JSON (production) and as text: capturing handlers
    carrying that handler's own filters, on the root logger beside it."""
    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    streams = {"json": io.StringIO(), "text": io.StringIO()}
    captures = []
    for kind, stream in streams.items():
        capture = logging.StreamHandler(stream)
        for log_filter in console.filters:
            capture.addFilter(log_filter)
        capture.setFormatter(JsonFormatter() if kind == "json" else logging.Formatter(
            django_settings.LOGGING["formatters"]["text"]["format"]))
        logging.getLogger().addHandler(capture)
        captures.append(capture)
    yield streams
    for capture in captures:
        logging.getLogger().removeHandler(capture)


@pytest.mark.django_db
def test_a_bad_request_on_a_live_link_is_logged_without_its_token(client, coordinator, log_output) -> None:
    parent = case_make(by=coordinator).parties.get(role=Party.Role.PARENT)
    _, path = party_link_create(party=parent, purpose="availability", by=coordinator)
    token = path.removeprefix("/p/").removesuffix("/")
    response = client.post(path, {"can_do": "", "cannot_do": ""})
    assert response.status_code == 400
    [line] = [line for line in log_output["json"].getvalue().splitlines() if '"django.request"' in line]
    entry = json.loads(line)
    assert entry["message"] == "Bad Request: /p/[token]/"
    assert entry["request"] == "<WSGIRequest: POST '/p/[token]/'>"
    assert entry["status_code"] == 400
    text = log_output["text"].getvalue()
    assert "WARNING django.request [" in text and "] Bad Request: /p/[token]/\n" in text
    for output in log_output.values():
        assert token not in output.getvalue() and token.partition(".")[0] not in output.getvalue()


def test_the_filter_rewrites_messages_arguments_extra_fields_and_tracebacks(log_output) -> None:
    logger = logging.getLogger("senmediation.test")
    logger.warning("Opened %s then %s", f"/p/{TOKEN}/thank-you/", "/p/code/?code=ABCDE-FGHJK",
                   extra={"path": f"/p/{TOKEN}/agreement.pdf", "query": "code=ABCDE-FGHJK&x=1"})
    logger.warning("Link %(path)s", {"path": f"https://mediation.example.org/p/{TOKEN}/"})
    try:
        raise ValueError(f"no page at /p/{TOKEN}/")
    except ValueError:
        logger.exception("Failed")
    lines = [json.loads(line) for line in log_output["json"].getvalue().splitlines()]
    assert [line["message"] for line in lines] == [
        "Opened /p/[token]/thank-you/ then /p/code/?code=[code]",
        "Link https://mediation.example.org/p/[token]/",
        "Failed",
    ]
    assert (lines[0]["path"], lines[0]["query"]) == ("/p/[token]/agreement.pdf", "code=[code]&x=1")
    assert lines[2]["exception"].endswith("ValueError: no page at /p/[token]/")
    assert TOKEN not in log_output["text"].getvalue() and "ABCDE-FGHJK" not in log_output["text"].getvalue()


def test_redact_leaves_other_addresses_alone() -> None:
    assert redact("/p/code/ /p/ /staff/cases/KIDS-2026-00001/ ?page=2") == (
        "/p/code/ /p/ /staff/cases/KIDS-2026-00001/ ?page=2")
    assert redact(f"/p/code/ABCDE-FGHJK /p/{TOKEN} ?token={TOKEN}") == "/p/code/[code] /p/[token] ?token=[token]"


def test_sentry_events_and_breadcrumbs_are_scrubbed() -> None:
    event: dict[str, Any] = {
        "message": f"Bad Request: /p/{TOKEN}/",
        "logentry": {"message": "Bad Request: %s", "params": [f"/p/{TOKEN}/"]},
        "transaction": f"/p/{TOKEN}/",
        "request": {"url": f"https://mediation.example.org/p/{TOKEN}/", "method": "POST",
                    "query_string": "code=ABCDE-FGHJK", "data": {"code": "abcde fghjk", "can_do": "Tuesdays"},
                    "headers": {"Referer": f"https://mediation.example.org/p/{TOKEN}/thank-you/"}},
        "exception": {"values": [{"type": "ValueError", "value": f"no page at /p/{TOKEN}/"}]},
        "breadcrumbs": {"values": [{"category": "httplib", "data": {"url": f"/p/{TOKEN}/", "status_code": 200}}]},
        "level": "error",
    }
    assert sentry_before_send(event, {}) == {
        "message": "Bad Request: /p/[token]/",
        "logentry": {"message": "Bad Request: %s", "params": ["/p/[token]/"]},
        "transaction": "/p/[token]/",
        "request": {"url": "https://mediation.example.org/p/[token]/", "method": "POST",
                    "query_string": "code=[code]", "data": {"code": "[code]", "can_do": "Tuesdays"},
                    "headers": {"Referer": "https://mediation.example.org/p/[token]/thank-you/"}},
        "exception": {"values": [{"type": "ValueError", "value": "no page at /p/[token]/"}]},
        "breadcrumbs": {"values": [{"category": "httplib", "data": {"url": "/p/[token]/", "status_code": 200}}]},
        "level": "error",
    }
    assert sentry_before_breadcrumb({"message": f"GET /p/{TOKEN}/", "data": {"token": TOKEN}}, {}) == {
        "message": "GET /p/[token]/", "data": {"token": "[token]"}}


def test_sentry_is_set_up_with_the_scrubbers(monkeypatch) -> None:
    import sentry_sdk

    given: dict[str, Any] = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: given.update(options))
    monkeypatch.setenv("SENTRY_DSN", "https://key@sentry.example.invalid/1")
    runpy.run_path(str(Path(django_settings.BASE_DIR) / "config" / "settings.py"))
    assert given["before_send"] is sentry_before_send
    assert given["before_send_transaction"] is sentry_before_send
    assert given["before_breadcrumb"] is sentry_before_breadcrumb
    assert given["send_default_pii"] is False
