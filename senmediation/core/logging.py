"""Log lines as JSON with the request id, so one request can be followed across servers; and no party
link's token or letter's code in any log line or Sentry event (RedactFilter, sentry_before_send)."""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from typing import Any

# Set by RequestIdMiddleware for the length of one request; "-" outside requests (workers, commands).
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


# A party's page is /p/<token>/...; a letter's code is typed in at /p/code/ and never belongs in an address.
_CODE_PATH = re.compile(r"(/p/code/)[^/\s?#'\"<>]+")
_TOKEN_PATH = re.compile(r"(/p/)(?!code(?:[/?#\s'\"<>]|$))[^/\s?#'\"<>]+")
_SECRET_QUERY = re.compile(r"(?i)(^|[?&;\s])(code|token)=[^&;#\s'\"<>]*")
# Sentry: values under these keys (form fields, query parameters, local variables) are replaced whole.
_SECRET_KEYS = {"code": "[code]", "token": "[token]"}


def redact(text: str) -> str:
    """The text with every party token (`/p/[token]/`) and letter code (`/p/code/[code]`, `code=[code]`)
    replaced."""
    if "/p/" not in text and "=" not in text:
        return text
    text = _CODE_PATH.sub(r"\1[code]", text)
    text = _TOKEN_PATH.sub(r"\1[token]", text)
    return _SECRET_QUERY.sub(lambda found: f"{found[1]}{found[2]}=[{found[2].lower()}]", text)


def _redacted(value: object) -> object:
    """A log argument or extra field without secrets: strings redacted; another object replaced by its
    redacted text only when its text held a secret (so `%d` and friends still get their numbers)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | bool | type(None)):
        return value
    text = str(value)
    cleaned = redact(text)
    return value if cleaned == text else cleaned


class RedactFilter(logging.Filter):
    """On every handler (settings.LOGGING): rewrites the message, its arguments (Django's `django.request`
    logs "Bad Request: %s" with the path as an argument), extra fields (such as `request`), the traceback
    and stack before anything is written. Records are changed in place, so every handler must carry it."""

    _traceback = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg) if isinstance(record.msg, str) else _redacted(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_redacted(value) for value in record.args)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and not key.startswith("_"):
                setattr(record, key, _redacted(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._traceback.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _scrubbed(value: Any, key: object = None) -> Any:
    if isinstance(key, str) and key.lower() in _SECRET_KEYS and isinstance(value, str) and value:
        return _SECRET_KEYS[key.lower()]
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {name: _scrubbed(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrubbed(item) for item in value)
    return value


def sentry_before_send(event: Any, hint: dict[str, Any]) -> Any:  # Any: sentry_sdk's Event type is private
    """Sentry's before_send (and before_send_transaction): every string in the event (URL, query string,
    request data, headers, messages, exception values, breadcrumbs, local variables) redacted."""
    return _scrubbed(event)


def sentry_before_breadcrumb(crumb: Any, hint: dict[str, Any]) -> Any:
    return _scrubbed(crumb)


class JsonFormatter(logging.Formatter):
    """One JSON object a line. Extra fields given with `extra=` are kept; callers pass no personal data."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info or record.exc_text:
            # RedactFilter leaves the traceback's text, redacted, in exc_text.
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=False)
