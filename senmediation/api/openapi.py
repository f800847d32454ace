"""What the OpenAPI document says beyond the operations' shapes: a description of each operation, request
and response examples, the links a client (or schemathesis's stateful phase) follows from a new referral
to its case and on to its certificates and its LA's report figures, one error schema for every 4xx, and
the webhooks we send (OpenAPI 3.1 `webhooks`) with their payload and signature headers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import NinjaAPI

from . import appeal_schema
from .models import EVENTS
from .schemas import EventOut
from .webhooks import EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER

DESCRIPTION = (
    "Refer families to the SEN mediation service, follow their cases, fetch their mediation certificates and a "
    "local authority's report figures, and hear about changes by webhook. Every call needs a key "
    "(`Authorization: Bearer sm_...`) issued by the service's manager. Local authorities are named by their "
    "GSS code everywhere. The guide, in plain English, is at /api/v1/guide/."
)

DOCS = {
    "referral_create": (
        "Opens a case from the public referral journey's answers, checked by the same rules. The schema lists "
        "every allowed value and the rules that tie answers together (the `allOf` clauses): a body that fits "
        "it opens a case (201), or returns the first case when its `Idempotency-Key` was used before with the "
        "same answers (200). The same key with different answers is 409. A local authority's key refers "
        "families about its own decisions only (403 otherwise)."
    ),
    "case_list": (
        "The cases this key may see that changed at or after `changed_since`, oldest change first, a page at a "
        "time. Follow `next_cursor` until `has_more` is false; keep the last `next_cursor` and send it again "
        "later to hear only of later changes. A case changed again comes again. The last few seconds are left "
        "for the next call, so that no change is missed (`complete_until`)."
    ),
    "case_detail": (
        "A case's state, the steps open to it now and its deadlines. No names, contact details, notes or the "
        "child's views. Another organisation's case answers 404, as a case that does not exist."
    ),
    "certificate_list": "Every mediation certificate issued on the case; `current` is false once a corrected "
                        "version replaced it.",
    "certificate_download": "The certificate as issued, as a PDF. 409 when the stored file fails its integrity "
                            "check: the service is told, and it is not sent.",
    "tribunal_appeal_record": (
        "A local authority tells us that a family whose case we handled appealed to the First-tier Tribunal (SEND), "
        "so that the SEN2 figure for appeals after mediation is counted from facts. Needs the `appeals:write` scope "
        "and a local authority's key (403 `not_a_local_authority` otherwise). The case must be the LA's own: any "
        "other case answers 404, as one that does not exist. 201 with the appeal recorded; 409 `case_conflict` for a "
        "registration date before the case opened or a disagreement resolution case, 409 `already_recorded` when "
        "the same decision's appeal on the same day was recorded before (a retry is safe). A withdrawal is "
        "recorded on the staff page."
    ),
    "report_figures": (
        "A local authority's own report figures for a fixed period, as its commissioners see them: counts are "
        "protected by the published rule below. Another LA's code answers 404."
    ),
}

CASE_EXAMPLE = {
    "reference": "MED-2026-00042", "local_authority": {"gss_code": "E08000009", "name": "Trafford"},
    "case_type": "sen_mediation", "case_type_label": "SEN mediation", "state": "enquiry", "state_label": "Enquiry",
    "opened_on": "2026-11-28", "closed_on": None,
    "next_steps": [{"action": "give_information", "label": "Give information and advice"}],
    "deadlines": [{"clock": "first_call_back", "label": "First call back to the family", "due_date": "2026-11-30",
                   "status": "on_track", "met_on": None}],
}
ERROR_EXAMPLES = {
    "400": {"code": "unparseable_body", "message": "The body is not JSON that can be read: ..."},
    "401": {"code": "unauthenticated", "message": "Give a valid, unexpired API key: Authorization: Bearer <key>."},
    "403": {"code": "scope_missing", "message": "This key does not have the cases:read scope."},
    "404": {"code": "not_found", "message": "Nothing here, or nothing this key may see."},
    "409": {"code": "idempotency_key_reused", "message": "This Idempotency-Key was used for a referral with "
                                                          "different answers. ...",
            "errors": [{"field": "child.first_name", "message": "Differs from the first request with this key"}]},
    "422": {"code": "invalid", "message": "Some of the request is not valid: see errors.",
            "errors": [{"field": "contact.phone", "message": "Enter a phone number or an email address"}]},
    "429": {"code": "rate_limited", "message": "Too many requests for this key: wait and try again."},
}
EVENT_EXAMPLE = {"id": "5b0c8f0e-2d7b-4c55-9a55-6a4c1b8d2f10", "type": "case.state_changed",
                 "created_at": "2026-11-28T10:00:00+00:00",
                 "data": {"reference": "MED-2026-00042", "action": "give_information", "from_state": "enquiry",
                          "state": "information"}}
EVENT_WORDS = {
    "case.state_changed": "A case this endpoint's organisation may see moved on a step of the workflow.",
    "certificate.issued": "A mediation certificate was issued (a state change is sent as well).",
    "agreement.made": "An agreement was recorded after mediation (a state change is sent as well).",
}


def doc(operation_id: str) -> str:
    return DOCS[operation_id]


def _links() -> dict[str, dict[str, Any]]:
    to_case = {"operationId": "case_detail", "parameters": {"reference": "$response.body#/reference"},
               "description": "The case the referral opened."}
    return {
        "referral_create": {"201": {"GetCase": to_case}, "200": {"GetCase": to_case}},
        "case_list": {"200": {"GetFirstCase": {
            "operationId": "case_detail", "parameters": {"reference": "$response.body#/cases/0/reference"},
            "description": "The first case on the page."}}},
        "case_detail": {"200": {
            "GetCertificates": {"operationId": "certificate_list",
                                "parameters": {"reference": "$response.body#/reference"},
                                "description": "The case's certificates."},
            "GetReportFigures": {"operationId": "report_figures",
                                 "parameters": {"gss_code": "$response.body#/local_authority/gss_code"},
                                 "description": "The report figures of the case's local authority."},
        }},
        "certificate_list": {"200": {"DownloadFirstCertificate": {
            "operationId": "certificate_download",
            "parameters": {"reference": "$request.path.reference", "certificate_id": "$response.body#/0/id"},
            "description": "The first certificate as a PDF."}}},
    }


def _request_examples() -> dict[str, Any]:
    from .appeal_schema import EXAMPLE_IN
    from .referral_schema import EXAMPLE
    return {"referral_create": EXAMPLE, "tribunal_appeal_record": EXAMPLE_IN}


def _response_examples() -> dict[str, dict[str, Any]]:
    return {
        "referral_create": {"201": {"reference": "MED-2026-00042", "created": True},
                            "200": {"reference": "MED-2026-00042", "created": False}},
        "case_detail": {"200": CASE_EXAMPLE},
        "tribunal_appeal_record": {"201": appeal_schema.EXAMPLE_OUT, "409": appeal_schema.EXAMPLE_409},
        "case_list": {"200": {"cases": [{
            "reference": "MED-2026-00042", "case_type": "sen_mediation", "case_type_label": "SEN mediation",
            "state": "information", "state_label": "Information and advice", "opened_on": "2026-11-28",
            "closed_on": None, "changed_at": "2026-11-28T10:00:00.123456Z", "local_authority": "E08000009"}],
            "next_cursor": "0006445c8a7b3f40000000000000002a", "has_more": False,
            "complete_until": "2026-11-28T10:05:00Z"}},
        "certificate_list": {"200": [{"id": 7, "number": "MC-2026-00019", "version": 1,
                                      "kind": "mediation_not_wanted", "kind_label": "Mediation not wanted",
                                      "issued_on": "2026-12-01", "current": True,
                                      "download_url": "/api/v1/cases/MED-2026-00042/certificates/7/pdf"}]},
        "report_figures": {"200": {"local_authority": "Trafford", "gss_code": "E08000009",
                                   "period_start": "2026-01-01", "period_end": "2026-03-31", "period": "Q1 2026",
                                   "tables": [{"slug": "enquiries-by-channel", "caption": "Enquiries by channel",
                                               "columns": ["Channel", "Enquiries"], "notes": [],
                                               "rows": [{"label": "Online", "cells": ["10"]}]}]}},
    }


def _webhooks(schemas: dict[str, Any]) -> dict[str, Any]:
    event = EventOut.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(event.pop("$defs", {}))
    schemas["EventOut"] = event
    headers = [
        {"name": EVENT_HEADER, "in": "header", "required": True, "schema": {"type": "string", "enum": list(EVENTS)},
         "description": "The event's type, as in the body."},
        {"name": TIMESTAMP_HEADER, "in": "header", "required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"},
         "description": "When this attempt was signed, in Unix seconds: refuse one more than 5 minutes old."},
        {"name": SIGNATURE_HEADER, "in": "header", "required": True,
         "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
         "description": "sha256= and the hex HMAC-SHA256, keyed with the endpoint's signing secret (whsec_...), "
                        "of the timestamp, a full stop and the raw body. Compare it in constant time."},
    ]
    return {
        name: {"post": {
            "summary": EVENT_WORDS.get(name, name), "operationId": f"webhook_{name.replace('.', '_')}",
            "description": "Sent as a POST to each webhook endpoint subscribed to this event. Answer with any 2xx; "
                           "otherwise it is tried again after 30 s, 1, 2, 4 ... minutes, 8 attempts in all.",
            "parameters": headers,
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/EventOut"},
                "example": {**EVENT_EXAMPLE, "type": name}}}},
            "responses": {"2XX": {"description": "Received: it will not be sent again."}},
        }}
        for name in EVENTS
    }


def _string_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The string branch of an optional parameter's schema (`anyOf: [string, null]`), or the schema itself."""
    branches: list[dict[str, Any]] = schema.get("anyOf", [])
    return next((branch for branch in branches if branch.get("type") == "string"), schema)


class DescribedApi(NinjaAPI):
    """NinjaAPI whose OpenAPI document carries the descriptions, examples, links and webhooks above."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        links, requests, responses = _links(), _request_examples(), _response_examples()
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                name = operation.get("operationId")
                answers = {str(status): answer for status, answer in operation.get("responses", {}).items()}
                operation["responses"] = answers
                for status, answer in answers.items():
                    content = answer.get("content", {}).get("application/json")
                    if content is not None:
                        example = responses.get(name, {}).get(status, ERROR_EXAMPLES.get(status))
                        if example is not None:
                            content["example"] = example
                    if status in links.get(name, {}):
                        answer["links"] = links[name][status]
                if name == "certificate_download":
                    answers["200"] = {"description": "The PDF, exactly as issued.", "content": {
                        "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
                for parameter in operation.get("parameters", []):
                    if parameter["name"] == "changed_since":  # checked by changes.moment_parse
                        _string_schema(parameter["schema"])["format"] = "date-time"
                if name in requests:
                    operation["requestBody"]["content"]["application/json"]["example"] = requests[name]
        components = schema.setdefault("components", {})
        schema["webhooks"] = _webhooks(components.setdefault("schemas", {}))
        for scheme in components.get("securitySchemes", {}).values():
            scheme["description"] = "An API key from the service's manager: Authorization: Bearer sm_..."
        schema["externalDocs"] = {"description": "The guide", "url": reverse("api_guide")}
        return schema
