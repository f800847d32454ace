"""Version 1 of the API: parse, call one service or selector, answer JSON. Errors are always
{"code", "message"} (422 adds "errors" naming each field), and every status an operation can answer is
in its published responses. What each operation does, with examples, is in the OpenAPI document
(openapi.py adds the links, webhooks and examples) and in the guide at /api/v1/guide/."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Header, Path, Query, Router, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from senmediation.appeals.models import TribunalAppeal
from senmediation.appeals.services import AlreadyRecorded, CaseConflict, tribunal_appeal_record
from senmediation.core import clock
from senmediation.core.errors import NotFound, ServiceError
from senmediation.documents.services.certificates import TamperedError, certificate_pdf_bytes
from senmediation.reporting.periods import (
    Period,
    PeriodError,
    period_month,
    period_quarter,
    period_rolling_12,
    period_year,
)
from senmediation.reporting.suppression import RULE_TEXT
from senmediation.reporting.tables import published_tables

from . import changes, formats, openapi, referrals, selectors
from .appeal_schema import TribunalAppealIn, TribunalAppealOut
from .keys import api_key_find, rate_limit_hit
from .models import ApiKey
from .referral_schema import ReferralIn, journey_rule_errors
from .schemas import CaseOut, CasePageOut, CertificateOut, Error, ReferralOut, ReportOut, ValidationErrorOut

# Every operation can answer these; the others add their own (400 for a body, 404 for one thing, 409).
ERRORS: dict[int | str, Any] = {401: Error, 403: Error, 422: ValidationErrorOut, 429: Error}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class KeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`; also counts the call against the key's rate limit."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        now = clock.now()
        key = api_key_find(token, now=now)
        if key is None:
            return None
        request.audit_username = f"api-key:{key.prefix}"  # type: ignore[attr-defined]
        decision = rate_limit_hit(key=key, now=now)
        if not decision.allowed:
            raise ApiError(429, "rate_limited", "Too many requests for this key: wait and try again.",
                           retry_after=decision.retry_after)
        return key


api = openapi.DescribedApi(
    title="SEN mediation service API", version="1", urls_namespace="api", auth=KeyAuth(),
    description=openapi.DESCRIPTION + "\n\nReport figures (GET /reports/{gss_code}) cover fixed periods only: a "
                "month, a calendar quarter, a calendar year, or the 12 months to the end of a month. " + RULE_TEXT,
)


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    retry_after = exc.extra.pop("retry_after", None)
    response = _error(request, exc.status, exc.code, exc.message, **exc.extra)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, 401, "unauthenticated", "Give a valid, unexpired API key: Authorization: Bearer <key>.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "payload", "child", "first_name") -> "child.first_name"; headers and paths likewise.
        parts = location[2:] if location[:1] == ["body"] else location[1:]
        errors.append({"field": ".".join(parts) or (location[0] if location else ""), "message": error.get("msg", "")})
    return _error(request, 422, "invalid", "Some of the request is not valid: see errors.", errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", "Nothing here, or nothing this key may see.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # django-ninja's answer to a body it cannot read as JSON
        return _error(request, 400, "unparseable_body", "The body is not JSON that can be read: send one JSON "
                                                        "object, encoded as UTF-8, with Content-Type: application/json.")
    return _error(request, exc.status_code, "error", str(exc))


def _key(request: HttpRequest, scope: str) -> ApiKey:
    key = request.auth  # type: ignore[attr-defined]
    assert isinstance(key, ApiKey)
    if scope not in key.scopes:
        raise ApiError(403, "scope_missing", f"This key does not have the {scope} scope.")
    return key


router = Router(tags=["v1"])


@router.post("/referrals", response={200: ReferralOut, 201: ReferralOut, 400: Error, 409: Error, **ERRORS},
             url_name="referral_create", operation_id="referral_create", summary="Refer a family",
             description=openapi.doc("referral_create"))
def referral_create(
    request: HttpRequest, payload: ReferralIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", pattern=formats.IDEMPOTENCY_KEY,  # type: ignore[type-arg]
                                  description="One per referral, 8 to 200 visible ASCII characters: sending it "
                                              "again returns the first case."),
) -> Status[dict[str, Any]]:
    key = _key(request, "referrals:write")
    request.audit_action = "change"  # type: ignore[attr-defined]
    la = key.organisation.local_authority
    if key.organisation.kind == key.organisation.Kind.LOCAL_AUTHORITY and (la is None or la.gss_code != payload.local_authority):
        raise ApiError(403, "local_authority_not_yours",
                       "A local authority's key refers families about its own decisions only: give its own GSS code.")
    body = referrals.body_hashes(payload.model_dump(mode="json"))
    first = referrals.idempotent_first_use(organisation=key.organisation, idempotency_key=idempotency_key, body=body)
    if first is not None:
        return _first_use(first)
    broken = journey_rule_errors(payload)
    if broken:
        raise ApiError(422, "invalid", "Some answers do not fit together: see errors.", errors=broken)
    checked = referrals.referral_check(referrals.answers_from(payload), today=clock.today())
    if checked.stop is not None:
        code, message = checked.stop
        raise ApiError(422, code, message, errors=[])
    if checked.errors:
        raise ApiError(422, "invalid", "Some answers are not valid: see errors.", errors=checked.errors)
    submitted = referrals.api_referral_submit(
        organisation=key.organisation, idempotency_key=idempotency_key, answers=checked.answers, body=body,
    )
    if isinstance(submitted, referrals.FirstUse):
        return _first_use(submitted)
    reference, created = submitted
    return Status(201 if created else 200, {"reference": reference, "created": created})


def _first_use(first: referrals.FirstUse) -> Status[dict[str, Any]]:
    if first.differing_fields:
        raise ApiError(409, "idempotency_key_reused",
                       "This Idempotency-Key was used for a referral with different answers. Send the same "
                       "answers to retry it, or use a new key for a new referral.",
                       errors=[{"field": name, "message": "Differs from the first request with this key"}
                               for name in first.differing_fields])
    return Status(200, {"reference": first.case_reference, "created": False})


@router.get("/cases", response={200: CasePageOut, **ERRORS}, url_name="case_list", operation_id="case_list",
            summary="List the cases changed since a moment", description=openapi.doc("case_list"))
def case_list(
    request: HttpRequest,
    changed_since: str | None = Query(None,  # type: ignore[type-arg]
                                      description="An RFC 3339 date and time with its offset, such as "
                                                  "2026-11-28T10:00:00Z. Leave it out to start from the first case."),
    cursor: str | None = Query(None, pattern=changes.CURSOR,  # type: ignore[type-arg]
                               description="The `next_cursor` of the page before: send it back as it came."),
    page_size: int = Query(changes.PAGE_SIZE, ge=1, le=changes.PAGE_SIZE_MAX),  # type: ignore[type-arg]
) -> dict[str, Any]:
    key = _key(request, "cases:read")
    since = None
    if changed_since is not None:
        since = changes.moment_parse(changed_since)
        if since is None:
            raise ApiError(422, "invalid", "Some of the request is not valid: see errors.", errors=[
                {"field": "changed_since", "message": "Give an RFC 3339 date and time with its offset, such as "
                                                      "2026-11-28T10:00:00Z"}])
    return changes.cases_changed(organisation=key.organisation, since=since, cursor=cursor, size=page_size,
                                 now=clock.now())


@router.get("/cases/{reference}", response={200: CaseOut, 404: Error, **ERRORS}, url_name="case_detail",
            operation_id="case_detail", summary="Read a case",
            description=openapi.doc("case_detail"))
def case_detail(request: HttpRequest, reference: str = Path(..., max_length=20)) -> dict[str, Any]:  # type: ignore[type-arg]
    key = _key(request, "cases:read")
    case = selectors.case_get_for_organisation(organisation=key.organisation, reference=reference)
    return selectors.case_summary(case)


@router.get("/cases/{reference}/certificates", response={200: list[CertificateOut], 404: Error, **ERRORS},
            url_name="certificate_list", operation_id="certificate_list", summary="List a case's certificates",
            description=openapi.doc("certificate_list"))
def certificate_list(request: HttpRequest, reference: str = Path(..., max_length=20)) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    key = _key(request, "certificates:read")
    case = selectors.case_get_for_organisation(organisation=key.organisation, reference=reference)
    return [
        {
            "id": certificate.pk, "number": certificate.number, "version": certificate.version,
            "kind": certificate.kind, "kind_label": certificate.get_kind_display(),
            "issued_on": certificate.issued_on, "current": certificate.is_current,
            "download_url": reverse("api:certificate_download", kwargs={"reference": case.reference,
                                                                        "certificate_id": certificate.pk}),
        }
        for certificate in selectors.certificates_for(case).select_related("superseded_by")
    ]


@router.get("/cases/{reference}/certificates/{certificate_id}/pdf",
            response={200: None, 404: Error, 409: Error, **ERRORS}, url_name="certificate_download",
            operation_id="certificate_download", summary="Download a certificate (PDF)",
            description=openapi.doc("certificate_download"))
def certificate_download(
    request: HttpRequest, reference: str = Path(..., max_length=20),  # type: ignore[type-arg]
    certificate_id: int = Path(..., ge=1, le=2**31 - 1),  # type: ignore[type-arg]
) -> Any:
    key = _key(request, "certificates:read")
    case = selectors.case_get_for_organisation(organisation=key.organisation, reference=reference)
    certificate = selectors.certificates_for(case).filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404("No such certificate")
    try:
        data = certificate_pdf_bytes(certificate)
    except TamperedError:
        raise ApiError(409, "certificate_unavailable", "This certificate cannot be sent: ask the service.") from None
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}-v{certificate.version}.pdf"'
    return response




@router.post("/cases/{reference}/tribunal-appeal",
             response={201: TribunalAppealOut, 400: Error, 404: Error, 409: ValidationErrorOut, **ERRORS},
             url_name="tribunal_appeal_record", operation_id="tribunal_appeal_record",
             summary="Tell us a family appealed to the Tribunal", description=openapi.doc("tribunal_appeal_record"))
def tribunal_appeal_create(
    request: HttpRequest, payload: TribunalAppealIn, reference: str = Path(..., max_length=20),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    key = _key(request, "appeals:write")
    request.audit_action = "change"  # type: ignore[attr-defined]
    la = key.organisation.local_authority
    if key.organisation.kind != key.organisation.Kind.LOCAL_AUTHORITY or la is None:
        raise ApiError(403, "not_a_local_authority", "Only a local authority's key can tell us about an appeal.")
    try:
        appeal = tribunal_appeal_record(
            local_authority=la, reference=reference, registered_on=dt.date.fromisoformat(payload.registered_on),
            decision=payload.decision, by=None, by_name=f"API key {key.prefix} ({key.organisation.name})",
            via=TribunalAppeal.Via.API, today=clock.today(),
        )
    except NotFound:
        raise Http404("No such case") from None
    except (AlreadyRecorded, CaseConflict) as error:
        code = "already_recorded" if isinstance(error, AlreadyRecorded) else "case_conflict"
        raise ApiError(409, code, error.message, errors=[{"field": error.field or "", "message": error.message}]) from None
    except ServiceError as error:
        raise ApiError(422, "invalid", "Some of the request is not valid: see errors.",
                       errors=[{"field": error.field or "", "message": error.message}]) from None
    return Status(201, {"reference": appeal.case.reference, "registered_on": appeal.registered_on,
                        "decision": appeal.decision, "decision_label": appeal.get_decision_display(),
                        "withdrawn_on": appeal.withdrawn_on, "recorded_via": appeal.via,
                        "recorded_at": appeal.recorded_at})



ARBITRARY_DATES = ("start", "end", "from", "to", "date", "start_date", "end_date")


def _report_period(year: int, period: str | None, quarter: int | None, month: int | None) -> Period:
    """The fixed period asked for: `period` names the kind; without it, a quarter if one is given, else the year."""
    kind = period or ("quarter" if quarter else "year")
    # Every combination the schema allows is answered: a missing quarter or month means the year's last.
    last_quarter, last_month = quarter or 4, month or 12
    try:
        if kind == "quarter":
            return period_quarter(year, last_quarter)
        if kind == "month":
            return period_month(year, last_month)
        if kind == "rolling":
            return period_rolling_12(year, last_month)
        return period_year(year)
    except PeriodError as error:
        raise ApiError(422, "invalid", "Some of the request is not valid: see errors.",
                       errors=[{"field": "year", "message": str(error)}]) from None


@router.get("/reports/{gss_code}", response={200: ReportOut, 404: Error, **ERRORS}, url_name="report_figures",
            operation_id="report_figures", summary="Read an LA's report figures for a fixed period",
            description=openapi.doc("report_figures") + " Periods are fixed: `period=month&year=&month=`, "
                        "`period=quarter&year=&quarter=`, `period=year&year=`, or `period=rolling&year=&month=` "
                        "(the 12 months to the end of that month). Without `period`: the quarter if `quarter` is "
                        "given, else the calendar year. Arbitrary dates are refused (422, field `start` or `end`): "
                        "two reports a day apart would give away a family's count. " + RULE_TEXT)
def report_figures_for_la(
    request: HttpRequest, gss_code: str = Path(..., pattern=formats.GSS_CODE),  # type: ignore[type-arg]
    year: int = Query(..., ge=2014, le=2100),  # type: ignore[type-arg]
    period: Literal["month", "quarter", "year", "rolling"] | None = Query(  # type: ignore[type-arg]
        None, description="The kind of period: month, quarter, year or rolling (the 12 months to `month`)."),
    quarter: int | None = Query(None, ge=1, le=4),  # type: ignore[type-arg]
    month: int | None = Query(None, ge=1, le=12,  # type: ignore[type-arg]
                              description="The month, or the last month of the 12 months."),
) -> dict[str, Any]:
    key = _key(request, "reports:read")
    dates = [name for name in ARBITRARY_DATES if name in request.GET]
    if dates:
        raise ApiError(422, "invalid", "Some of the request is not valid: see errors.",
                       errors=[{"field": name, "message": "Reports cover fixed periods only: give period, year and "
                                                          "quarter or month, not dates."} for name in dates])
    la = key.organisation.local_authority
    # Only a local authority's own figures, protected by the one rule as on its reports page.
    if la is None or la.gss_code != gss_code:
        raise Http404
    report_period = _report_period(year, period, quarter, month)
    tables = published_tables(local_authority_id=la.pk, period=report_period, for_commissioner=True)
    return {
        "local_authority": la.name, "gss_code": la.gss_code, "period_start": report_period.start,
        "period_end": report_period.end, "period": report_period.label, "disclosure_rule": RULE_TEXT,
        "tables": [
            {"slug": t.slug, "caption": t.caption, "columns": t.columns, "notes": t.notes,
             "rows": [{"label": label, "cells": cells} for label, *cells in t.csv_rows()[1:]]}
            for t in tables
        ],
    }


api.add_router("/", router)
