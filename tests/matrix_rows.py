"""The rows of the access matrix (tests/test_access_matrix.py): each URL name with the one status each role
gets, the role profiles they are written with, and the objects of tests/matrix_world.py they open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from testsupport.fixtures import pdf_make

from .matrix_api_access import api_access_rows
from .matrix_diaries import diaries_rows
from .matrix_people import people_rows
from .matrix_reporting import reporting_rows
from .matrix_roles import MISSING, allowed_as, by_role, everyone

PUBLIC = everyone(200)
STAFF = by_role(302, 200, 200, 200, 200, 200, 200, 200)
CASE_WORK = by_role(302, 200, 200, 200, 200, 403, 403, 403)
CASE_PAGE = by_role(302, 200, 200, 404, 200, 403, 403, 403)
CASE_OFFICE = by_role(302, 200, 403, 403, 200, 403, 403, 403)  # coordinators and managers, on a case
OFFICE = by_role(302, 200, 403, 403, 200, 403, 403, 403)
MANAGERS = by_role(302, 403, 403, 403, 200, 403, 403, 403)
GET_ONLY_POSTED = everyone(405)


@dataclass(frozen=True)
class Check:
    expect: dict[str, int]
    method: str = "get"
    kwargs: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


def get(expect: dict[str, int], /, **kwargs: Any) -> Check:
    return Check(expect, "get", kwargs)


def post(expect: dict[str, int], data: dict[str, Any] | None = None, /, **kwargs: Any) -> Check:
    return Check(expect, "post", kwargs, data or {})


CASE = {"reference": "{case}"}  # opened, with a parent, a document, links, the child's drawing and messages
PREPARING = {"reference": "{preparing}"}  # preparation started: a meeting may be arranged
SCHEDULED = {"reference": "{scheduled}"}  # a meeting arranged, to cancel
AT_MEETING = {"reference": "{meeting_case}"}  # a session running, one attendance, an agreement with one item
FINAL = {"reference": "{final_case}"}  # the agreement final, its PDF written
OWED = {"reference": "{owed}"}  # the family declined mediation: owed a certificate
CERTIFIED = {"reference": "{certified}"}  # that certificate issued

ROWS: dict[str, list[Check]] = {
    "healthz": [get(PUBLIC)],
    "readyz": [get(everyone(503))],  # no task worker in the test run
    "metrics": [get(everyone(403))],  # only with the bearer token, whoever is signed in
    # The API: its schema and docs are public; everything else needs an API key, whoever is signed in.
    "api:api-root": [get(everyone(404))],
    "api:openapi-json": [get(PUBLIC)],
    "api:openapi-view": [get(PUBLIC)],
    "api_guide": [get(PUBLIC)],
    "api:referral_create": [post(everyone(401))],
    "api:case_list": [get(everyone(401))],
    "api:case_detail": [get(everyone(401), **CASE)],
    "api:certificate_list": [get(everyone(401), **CERTIFIED)],
    "api:certificate_download": [get(everyone(401), certificate_id="{certificate}", **CERTIFIED)],
    "api:report_figures": [get(everyone(401), gss_code="E08000009")],
    "api:tribunal_appeal_record": [post(everyone(401), **CASE)],
    # Sign-in pages: open to all; the second-factor pages send anyone without a pending sign-in back.
    "accounts:login": [get(PUBLIC)],
    "accounts:two_factor": [get(everyone(302))],
    "accounts:two_factor_setup": [get(everyone(302))],
    # A made-up authenticator set-up link is refused, whoever asks.
    "accounts:enrolment_start": [get(everyone(403), token="not-a-real-token")],
    "accounts:recovery_codes": [get(everyone(302))],
    "accounts:password_change": [get(STAFF)],
    "accounts:logout": [get(GET_ONLY_POSTED)],
    # Case work.
    "workqueue:home": [get(STAFF)],
    "workqueue:list": [*(get(OFFICE, kind=kind) for kind in ("time-limits", "call-backs", "calls", "missing-details",
                                                             "failed-messages", "letters", "late-reasons")),
                       get(MANAGERS, kind="complaints"),
                       get(allowed_as(OFFICE, 404), kind="not-a-list")],
    "cases:list": [get(CASE_WORK)],
    # A user's own cases as mediator or coordinator (none for one who mediates and looks after nothing).
    "diary:my_cases": [get(CASE_WORK)],
    "cases:detail": [get(CASE_PAGE, **CASE)],
    "cases:transition": [get(GET_ONLY_POSTED, **CASE),
                         post(allowed_as(CASE_PAGE, 302), {"action": "give_information"}, **CASE)],
    "cases:assign_mediator": [get(GET_ONLY_POSTED, **CASE),
                              post(by_role(302, 302, 403, 403, 302, 403, 403, 403),
                                   {"mediator": "{mediator_id}", "reason": "Knows the family's school"}, **CASE)],
    # Who looks after the case: coordinators and managers choose (the form offers only coordinators).
    "cases:set_coordinator": [get(GET_ONLY_POSTED, **CASE),
                              post(by_role(302, 302, 403, 403, 302, 403, 403, 403),
                                   {"coordinator": "{coordinator_id}"}, **CASE)],
    "cases:parties_agreed": [get(GET_ONLY_POSTED, **PREPARING), post(allowed_as(CASE_PAGE, 302), **PREPARING)],
    # The LA says it cannot arrange mediation in time (reg 39(2)-(3)): coordinators and managers only.
    "cases:not_arranged": [get(CASE_OFFICE, **PREPARING),
                           post(allowed_as(CASE_OFFICE, 302),
                                {"adviser_told_on_0": "15", "adviser_told_on_1": "12", "adviser_told_on_2": "2026"},
                                **PREPARING)],
    "cases:schedule_meeting": [get(CASE_PAGE, **PREPARING)],
    # Find a time: the proposals for a case ready to schedule, and booking one (a proposal that is not one: 400).
    "cases:find_a_time": [get(CASE_PAGE, **PREPARING)],
    "cases:book_proposal": [get(GET_ONLY_POSTED, **PREPARING),
                            post(allowed_as(CASE_PAGE, 400), {"starts_at": "not a time", "mediator": "x"}, **PREPARING)],
    "cases:cancel_meeting": [get(GET_ONLY_POSTED, **SCHEDULED),
                             post(allowed_as(CASE_PAGE, 302), {"reason": "The parent is ill", "cancelled_by": "family"}, **SCHEDULED)],
    "cases:child_views_file": [get(CASE_PAGE, pk="{child_views}", **CASE),
                               get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "cases:summaries": [get(CASE_PAGE, **AT_MEETING)],
    "cases:contacts": [get(CASE_PAGE, **CASE)],
    "cases:party_add": [get(CASE_PAGE, **CASE)],
    "cases:party_edit": [get(CASE_PAGE, pk="{party}", **CASE), get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "cases:party_representative": [get(CASE_PAGE, pk="{party}", **CASE),
                                   get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "cases:advice": [get(CASE_OFFICE, **CASE)],
    # Change the issues: coordinators and managers; the first POST only shows what the change would do.
    "cases:issues": [get(CASE_OFFICE, **CASE),
                     post(CASE_OFFICE, {"decisions": ["plan_placement"], "reason": "Only the school now"}, **CASE)],
    # Late contact (reg 34(2)): managers only; {case} was in time, so a manager's override is refused (400).
    "cases:late_contact_override": [get(MANAGERS, **CASE),
                                    post(allowed_as(MANAGERS, 400), {"reason": "The date was wrong"}, **CASE)],
    # Why a step was late: coordinators and managers; {certified}'s certificate was issued after its due date,
    # {owed}'s is not issued yet (nothing to explain: 404).
    "cases:late_reason": [get(CASE_OFFICE, clock="certificate_no_mediation", **CERTIFIED),
                          post(allowed_as(CASE_OFFICE, 400), {"late_reason": ""}, clock="certificate_no_mediation",
                               **CERTIFIED),
                          get(allowed_as(CASE_OFFICE, 404), clock="certificate_no_mediation", **OWED)],
    "cases:child_views": [get(CASE_PAGE, **CASE)],
    # Private notes: the case's mediator and managers only (quality.md).
    "cases:mediator_notes": [get(by_role(302, 403, 200, 404, 200, 403, 403, 403), **CASE)],
    # Audit and privacy: managers only.
    "audit:case_access": [get(MANAGERS, **CASE)],
    "audit:subject_access": [get(MANAGERS)],
    # Public pages and the referral journey.
    "public:home": [get(PUBLIC)],
    "public:what_is_mediation": [get(PUBLIC)],
    "public:how_it_works": [get(PUBLIC)],
    "public:who": [get(PUBLIC)],
    "public:cost": [get(PUBLIC)],
    "public:contact": [get(PUBLIC)],
    "public:feedback": [get(PUBLIC)],
    "public:accessibility": [get(PUBLIC)],
    "public:privacy": [get(PUBLIC)],
    "public:online": [get(PUBLIC)],
    "public:appeal_deadlines": [get(PUBLIC)],
    "referrals:start": [get(PUBLIC)],
    # Only the browser session that sent a referral (anonymous: a family) sees its confirmation; the rest,
    # having sent nothing, go back to the start.
    "referrals:confirmation": [get({**everyone(302), "anonymous": 200})],
    "referrals:step": [get(PUBLIC, slug="who")],
    "referrals:staff_start": [get(allowed_as(OFFICE, 302))],  # on to the first question
    "referrals:staff_step": [get(OFFICE, slug="channel")],
}


def _add_rows(rows: dict[str, list[Check]]) -> None:
    for name, checks in rows.items():
        assert name not in ROWS, f"two rows for {name}"
        ROWS[name] = checks


def a_pdf() -> SimpleUploadedFile:
    """A fresh upload for each request (a callable in data is called once per request)."""
    return SimpleUploadedFile("plan.pdf", pdf_make(), content_type="application/pdf")


# Documents, agreements, notifications and the portal (one block per app, so rows are easy to add).
_add_rows({
    "documents:list": [get(CASE_PAGE, **CASE)],
    "documents:upload": [get(GET_ONLY_POSTED, **CASE),
                         post(allowed_as(CASE_PAGE, 302), {"kind": "upload", "title": "EHC plan", "file": a_pdf}, **CASE),
                         post(allowed_as(CASE_PAGE, 400), **CASE)],  # no file: the form again, with the error
    "documents:download": [get(CASE_PAGE, pk="{document}", **CASE),
                           get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CASE)],
    "documents:certificate_issue": [get(CASE_PAGE, **OWED)],
    "documents:certificate": [get(CASE_PAGE, pk="{certificate}", **CERTIFIED),
                              get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CERTIFIED)],
    "documents:certificate_reissue": [get(CASE_PAGE, pk="{certificate}", **CERTIFIED),
                                      get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CERTIFIED)],
    "documents:certificate_download": [get(CASE_PAGE, pk="{certificate}", **CERTIFIED),
                                       get(allowed_as(CASE_PAGE, 404), pk=MISSING, **CERTIFIED)],
    "documents:notify_la": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, 302), **CASE)],
    "documents:notify_icb": [get(GET_ONLY_POSTED, **CASE), post(allowed_as(CASE_PAGE, 302), **CASE)],
    "documents:mediators": [get(CASE_OFFICE, **CASE)],
})
_add_rows({
    "agreements:builder": [get(CASE_PAGE, **AT_MEETING)],
    "agreements:meeting": [get(CASE_PAGE, **AT_MEETING)],
    "agreements:attendance_add": [get(GET_ONLY_POSTED, **AT_MEETING),
                                  post(allowed_as(CASE_PAGE, 302), {"att-name": "Kim Adams", "att-role": "supporter"},
                                       **AT_MEETING),
                                  post(allowed_as(CASE_PAGE, 400), **AT_MEETING)],  # nobody named
    "agreements:attendance_remove": [get(GET_ONLY_POSTED, pk="{attendance}", **AT_MEETING),
                                     post(allowed_as(CASE_PAGE, 302), pk="{attendance}", **AT_MEETING),
                                     post(allowed_as(CASE_PAGE, 404), pk=MISSING, **AT_MEETING)],
    "agreements:ground_rules": [get(GET_ONLY_POSTED, **AT_MEETING),
                                post(allowed_as(CASE_PAGE, 302), {"gr-rules": ["confidentiality", "respect"]},
                                     **AT_MEETING)],
    "agreements:session_start": [get(GET_ONLY_POSTED, **AT_MEETING), post(allowed_as(CASE_PAGE, 302), **AT_MEETING)],
    "agreements:session_end": [get(GET_ONLY_POSTED, **AT_MEETING),
                               post(allowed_as(CASE_PAGE, 302), {"end-how": "adjourned"}, **AT_MEETING)],
    "agreements:issue_outcomes": [get(GET_ONLY_POSTED, **AT_MEETING), post(allowed_as(CASE_PAGE, 302), **AT_MEETING)],
    "agreements:item_edit": [get(CASE_PAGE, pk="{item}", **AT_MEETING),
                             get(allowed_as(CASE_PAGE, 404), pk=MISSING, **AT_MEETING)],
    "agreements:item_remove": [get(allowed_as(CASE_PAGE, 302), pk="{item}", **AT_MEETING),
                               post(allowed_as(CASE_PAGE, 302), pk="{item}", **AT_MEETING),
                               post(allowed_as(CASE_PAGE, 404), pk=MISSING, **AT_MEETING)],
    "agreements:finalise": [get(CASE_PAGE, **AT_MEETING)],
    "agreements:pdf": [get(CASE_PAGE, **FINAL), get(allowed_as(CASE_PAGE, 404), **AT_MEETING)],
    "agreements:copies_send": [get(GET_ONLY_POSTED, **FINAL), post(allowed_as(CASE_PAGE, 302), **FINAL)],
    "agreements:followup": [get(CASE_PAGE, **FINAL)],
    "agreements:item_done": [get(GET_ONLY_POSTED, pk="{final_item}", **FINAL),
                             post(allowed_as(CASE_PAGE, 302), pk="{final_item}", **FINAL),
                             post(allowed_as(CASE_PAGE, 404), pk=MISSING, **FINAL)],
    "agreements:item_ask_family": [get(GET_ONLY_POSTED, pk="{final_item}", **FINAL),
                                   post(allowed_as(CASE_PAGE, 302), pk="{final_item}", **FINAL),
                                   post(allowed_as(CASE_PAGE, 404), pk=MISSING, **FINAL)],
})
_add_rows({
    "notifications:messages": [get(OFFICE)],
    "notifications:message_retry": [get(GET_ONLY_POSTED, message_id="{failed_message}"),
                                    post(allowed_as(OFFICE, 302), message_id="{failed_message}"),
                                    post(allowed_as(OFFICE, 404), message_id=MISSING)],
    # A message's attachment answers as a complaint's page does (mediators read none: 404, a refusal that
    # reveals nothing), and a complaint's own attachment exactly as that complaint's page.
    "notifications:attachment": [
        get(allowed_as(OFFICE, 200) | {"mediator": 404, "other_mediator": 404}, message_id="{attached_message}",
            attachment_id="{attachment}"),
        get(allowed_as(OFFICE, 200) | {"mediator": 404, "other_mediator": 404}, message_id="{complaint_message}",
            attachment_id="{complaint_attachment}"),
        get(allowed_as(CASE_WORK, 404), message_id=MISSING, attachment_id=MISSING)],
    "notifications:print_queue": [get(OFFICE)],
    "notifications:letter": [get(OFFICE, message_id="{letter}"), get(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:letter_print": [get(OFFICE, message_id="{letter}"),
                                   get(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:letter_printed": [get(GET_ONLY_POSTED, message_id="{letter}"),
                                     post(allowed_as(OFFICE, 302), message_id="{letter}"),
                                     post(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:letter_posted": [get(GET_ONLY_POSTED, message_id="{letter}"),
                                    post(allowed_as(OFFICE, 302), message_id="{letter}"),
                                    post(allowed_as(OFFICE, 404), message_id=MISSING)],
    "notifications:calls": [get(OFFICE)],
    "notifications:call_done": [get(GET_ONLY_POSTED, task_id="{call_task}"),
                                post(allowed_as(OFFICE, 302), task_id="{call_task}"),
                                post(allowed_as(OFFICE, 404), task_id=MISSING)],
    # A code to read out on a call whose message carries a link: shown in the answer to the POST itself.
    "notifications:call_code": [get(GET_ONLY_POSTED, task_id="{link_call_task}"),
                                post(OFFICE, task_id="{link_call_task}"),
                                post(allowed_as(OFFICE, 404), task_id="{call_task}"),  # no link: no code
                                post(allowed_as(OFFICE, 404), task_id=MISSING)],
    "notifications:templates": [get(MANAGERS)],
    "notifications:template_edit": [get(MANAGERS, key="party_link"),
                                    get(allowed_as(MANAGERS, 404), key="no-such-template")],
    "notifications:case_links": [get(CASE_PAGE, **CASE)],
    "notifications:case_link_revoke": [get(GET_ONLY_POSTED, link_id="{link}", **CASE),
                                       post(allowed_as(CASE_PAGE, 302), link_id="{link}", **CASE),
                                       post(allowed_as(CASE_PAGE, 404), link_id=MISSING, **CASE)],
})
# Reports, scorecard, SEN2, appeals and statements: tests/matrix_reporting.py.
_add_rows(reporting_rows(get, post, MANAGERS, GET_ONLY_POSTED))
# The portal: anyone holding a live link, signed in or not; a made-up token opens nothing, whoever asks.
# The letter-code page is public; a wrong code is a form error for everyone.
_add_rows({
    "portal:code": [get(PUBLIC), post(everyone(400), {"code": "ABCDE-FGHJK"})],
    # "I've lost my link": public; the answer is the same redirect whether or not the details match.
    "portal:lost": [get(PUBLIC), post(everyone(400), {"reference": "", "contact": ""}),
                    post(everyone(302), {"reference": "MED-2026-99999", "contact": "nobody@example.com"})],
    "portal:lost_sent": [get(PUBLIC)],
    # A family's link opens their case page; an LA officer's opens its task (test_family_page_is_the_familys).
    "portal:page": [get(PUBLIC, token="{token}"), get(PUBLIC, token="{la_token}"),
                    get(everyone(404), token="not-a-real-token")],
    "portal:task": [get(PUBLIC, token="{token}"), get(PUBLIC, token="{la_token}"),
                    get(everyone(404), token="not-a-real-token")],
    # The family's calendar file and documents: only their own case's (and, for letters, their own); an LA
    # officer's link opens none of them.
    "portal:meeting_ics": [get(PUBLIC, token="{scheduled_token}"), get(everyone(404), token="{token}"),
                           get(everyone(404), token="{la_token}"), get(everyone(404), token="not-a-real-token")],
    "portal:certificate_file": [get(PUBLIC, token="{certified_token}", pk="{certificate}"),
                                get(everyone(404), token="{token}", pk="{certificate}"),
                                get(everyone(404), token="{la_token}", pk="{certificate}"),
                                get(everyone(404), token="{certified_token}", pk=MISSING)],
    "portal:agreement_download": [get(PUBLIC, token="{agreement_token}"), get(everyone(404), token="{token}"),
                                  get(everyone(404), token="{certified_token}")],
    "portal:letter_file": [get(PUBLIC, token="{token}", pk="{family_letter}"),
                           get(everyone(404), token="{token}", pk="{letter}"),
                           get(everyone(404), token="{certified_token}", pk="{family_letter}")],
    "portal:done": [get(PUBLIC, token="{token}"), get(everyone(404), token="not-a-real-token")],
    "portal:agreement_file": [get(PUBLIC, token="{agreement_token}"), get(everyone(404), token="not-a-real-token")],
    # An expenses link's check-your-answers page (its claim a draft).
    "portal:expenses_check": [get(PUBLIC, token="{expenses_token}"), get(everyone(404), token="not-a-real-token")],
    # The family's letter about a late LA action: their own link only; an LA officer's link of the same case, a
    # made-up token and an action that is not there are 404 for everyone.
    "portal:late_letter": [get(PUBLIC, token="{family_token}", item_id="{late_item}"),
                           get(everyone(404), token="{la_token}", item_id="{late_item}"),
                           get(everyone(404), token="not-a-real-token", item_id="{late_item}"),
                           get(everyone(404), token="{family_token}", item_id=MISSING)],
})
# Parents' expenses (SEND Regs reg 41): coordinators and managers decide for the arranging body; mediators never
# see a claim (it may carry a payslip). A claim or receipt that does not exist is 404.
EXPENSE_CLAIM = {"pk": "{expense_claim}", **CASE}
_add_rows({
    "expenses:claims": [get(CASE_OFFICE, **CASE)],
    "expenses:decide": [get(GET_ONLY_POSTED, **EXPENSE_CLAIM),
                        post(allowed_as(CASE_OFFICE, 302), {"c{expense_claim}-decision": "approve"}, **EXPENSE_CLAIM),
                        post(allowed_as(CASE_OFFICE, 400), {"c{expense_claim}-decision": "refuse"}, **EXPENSE_CLAIM),
                        post(allowed_as(CASE_OFFICE, 404), pk=MISSING, **CASE)],
    "expenses:receipt": [get(CASE_OFFICE, receipt_id="{expense_receipt}", **EXPENSE_CLAIM),
                         get(allowed_as(CASE_OFFICE, 404), receipt_id=MISSING, **EXPENSE_CLAIM)],
})
# Complaints and feedback: a complaint is 404 for anyone it is about, and for mediators always (see
# senmediation/feedback/tests/test_views.py); managers handle them; a mediator sees only their own results.
MEDIATORS = by_role(302, 403, 200, 200, 403, 403, 403, 403)
COMPLAINT = {"pk": "{complaint}"}
_add_rows({
    "feedback:complaints": [get(OFFICE)],
    "feedback:complaint_new": [get(OFFICE)],
    "feedback:complaint": [get(allowed_as(OFFICE, 200) | {"mediator": 404, "other_mediator": 404}, **COMPLAINT),
                           get(allowed_as(CASE_WORK, 404), pk=MISSING)],
    "feedback:complaint_acknowledge": [get(GET_ONLY_POSTED, **COMPLAINT), post(allowed_as(MANAGERS, 302), **COMPLAINT),
                                       post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_owner": [get(GET_ONLY_POSTED, **COMPLAINT),
                                 post(allowed_as(MANAGERS, 302), {"owner": "{manager_id}"}, **COMPLAINT),
                                 post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_note": [get(GET_ONLY_POSTED, **COMPLAINT),
                                post(allowed_as(OFFICE, 302), {"text": "Rang back, no answer"}, **COMPLAINT),
                                post(allowed_as(OFFICE, 404), pk=MISSING)],
    "feedback:complaint_escalate": [get(GET_ONLY_POSTED, **COMPLAINT), post(allowed_as(MANAGERS, 302), **COMPLAINT),
                                    post(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_respond": [get(MANAGERS, **COMPLAINT), get(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:complaint_letter": [get(MANAGERS, pk="{answered_complaint}"), get(allowed_as(MANAGERS, 404), pk=MISSING)],
    "feedback:results": [get(MANAGERS)],
    "feedback:mine": [get(MEDIATORS)],
    "feedback_public:complaint": [get(PUBLIC)],
    "feedback_public:complaint_sent": [get(everyone(302))],
    "feedback_public:feedback": [get(PUBLIC)],
    "feedback_public:feedback_sent": [get(everyone(302))],
})
# Staff pages (/staff/people/) and the links they e-mail: tests/matrix_people.py.
_add_rows(people_rows(get, post))
# The staff diaries and a mediator's own time and calendar feed: tests/matrix_diaries.py.
_add_rows(diaries_rows(get, post, dt.date(2026, 12, 15)))  # the day the matrix runs on (matrix_world NOW)

# API access (organisations, keys, webhook endpoints): tests/matrix_api_access.py.
_add_rows(api_access_rows(get, post, MANAGERS))
