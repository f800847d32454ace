"""The access matrix's rows for API access (/staff/api/: organisations, keys, webhook endpoints): managers only.
Issuing a key or a secret answers 200 with it shown once; a bad form is 400; an organisation, key or endpoint
that does not exist is 404."""

from __future__ import annotations

from typing import Any

from .matrix_roles import MISSING, allowed_as

ORGANISATION = {"pk": "{organisation}"}
API_KEY = {"pk": "{api_key}"}
WEBHOOK = {"pk": "{webhook}"}


def api_access_rows(get: Any, post: Any, managers: dict[str, int]) -> dict[str, list[Any]]:
    return {
        "access:index": [get(managers)],
        "access:organisation_new": [get(managers), post(allowed_as(managers, 302), {"name": "Stockport SENDIASS", "kind": "iass"}),
                                    post(allowed_as(managers, 400))],
        "access:organisation": [get(managers, **ORGANISATION), get(allowed_as(managers, 404), pk=MISSING)],
        "access:key_new": [get(managers, **ORGANISATION),
                           post(managers, {"name": "case system (test)", "scopes": ["cases:read"], "expires_0": "1",
                                           "expires_1": "6", "expires_2": "2027"}, **ORGANISATION),
                           post(allowed_as(managers, 400), **ORGANISATION),
                           get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
        "access:key_rotate": [get(managers, **API_KEY), post(managers, **API_KEY),
                              get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
        "access:key_revoke": [get(managers, **API_KEY), post(allowed_as(managers, 302), **API_KEY),
                              get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
        "access:webhook_new": [get(managers, **ORGANISATION),
                               post(managers, {"url": "https://hooks.example.org/new", "events": ["case.state_changed"]},
                                    **ORGANISATION),
                               post(allowed_as(managers, 400), {"url": "https://127.0.0.1/", "events": ["agreement.made"]},
                                    **ORGANISATION),
                               get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
        "access:webhook": [get(managers, **WEBHOOK),
                           post(allowed_as(managers, 302), {"url": "https://hooks.example.org/sen",
                                                            "events": ["case.state_changed"], "active": "on"}, **WEBHOOK),
                           post(allowed_as(managers, 400), {"url": "http://hooks.example.org/sen",
                                                            "events": ["case.state_changed"]}, **WEBHOOK),
                           get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
        "access:webhook_secret": [get(managers, **WEBHOOK), post(managers, **WEBHOOK),
                                  get(allowed_as(managers, 404), pk=MISSING), post(allowed_as(managers, 404), pk=MISSING)],
    }
