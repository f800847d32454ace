import json
import logging

from senmediation.core.client_ip import client_ip
from senmediation.core.logging import JsonFormatter, RequestIdFilter, request_id_var


def test_a_log_line_is_one_json_object_with_the_request_id_and_extra_fields() -> None:
    record = logging.LogRecord("senmediation.access", logging.INFO, __file__, 1, "request", None, None)
    record.status = 200
    record.route = "staff/cases/<str:reference>/"
    token = request_id_var.set("abc123def456")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(JsonFormatter().format(record))
    assert {k: entry[k] for k in ("level", "logger", "message", "request_id", "status", "route")} == {
        "level": "INFO", "logger": "senmediation.access", "message": "request", "request_id": "abc123def456",
        "status": 200, "route": "staff/cases/<str:reference>/",
    }


def test_client_ip_takes_the_entry_the_trusted_proxies_added(rf, settings) -> None:
    forged_then_real = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7"}
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(rf.get("/", **forged_then_real)) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", **forged_then_real)) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(rf.get("/", **forged_then_real)) == "10.9.9.9"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(rf.get("/", **forged_then_real)) == "127.0.0.1"
