"""The wording every installation starts with. Managers can change it on the templates page."""

from __future__ import annotations

from dataclasses import dataclass

# Available in every message; filled in by notification_send from the case, the party and the provider.
COMMON_PLACEHOLDERS: dict[str, str] = {
    "party_name": "The name of the person the message is to",
    "case_reference": "The case reference, for example MED-2026-00001",
    "child_first_name": "The child's or young person's first name",
    "provider_name": "Our name",
    "provider_phone": "Our phone number",
    "provider_email": "Our e-mail address",
}

EXTRA_PLACEHOLDERS: dict[str, str] = {
    "link_url": "The secure link for the person to use (in a letter: a code and where to type it in)",
    "link_purpose": "What the link is for, for example 'tell us when you can come'",
    "link_expires": "The date the link stops working",
    "certificate_date": "The date the certificate was issued",
    "appeal_deadline": "The last day to appeal to the tribunal",
    "meeting_date": "The date of the meeting",
    "meeting_time": "The time the meeting starts",
    "meeting_place": "Where the meeting is, or 'online'",
    "la_name": "The local authority's name",
    "action_text": "The action someone agreed to do",
    "due_date": "The date the action is due",
    "meeting_summaries": "Every party's summary of what they want to discuss",
    "complaint_reference": "The complaint's reference, for example CMP-2026-00001",
    "complaint_stage": "The complaint's stage, for example 'stage 1'",
    "owner_name": "The name of the person dealing with the complaint",
    "respond_by": "The date we will reply in full by",
    "expenses_outcome": "Whether we will pay an expenses claim, how much, or why not",
    "la_told_date": "The date the local authority was told the family want mediation",
    "mediation_due": "The last day of the 30 days in which mediation must take place",
    "certificate_due": "The last day we can issue the certificate by",
}


@dataclass(frozen=True)
class DefaultTemplate:
    key: str
    name: str
    subject: str
    body: str
    extras: tuple[str, ...] = ()

    @property
    def placeholders(self) -> list[str]:
        return [*COMMON_PLACEHOLDERS, *self.extras]


_SIGN_OFF = "\n\nIf you have any questions, call us on {{ provider_phone }}.\n\n{{ provider_name }}"

DEFAULT_TEMPLATES: tuple[DefaultTemplate, ...] = (
    DefaultTemplate(
        "referral_received", "Referral received", "We have received your request ({{ case_reference }})",
        "Dear {{ party_name }},\n\nThank you for contacting us about {{ child_first_name }}. Your reference is "
        "{{ case_reference }}.\n\nA mediation adviser will contact you within 2 working days." + _SIGN_OFF,
    ),
    DefaultTemplate(
        "party_link", "Secure link for a party", "Please {{ link_purpose }} ({{ case_reference }})",
        "Dear {{ party_name }},\n\nPlease use this secure link to {{ link_purpose }}:\n\n{{ link_url }}\n\n"
        "The link is just for you. It works until {{ link_expires }}. You do not need a password."
        + _SIGN_OFF,
        ("link_url", "link_purpose", "link_expires"),
    ),
    DefaultTemplate(
        "party_link_lost", "New link asked for online", "Your new link ({{ case_reference }})",
        "Dear {{ party_name }},\n\nSomeone asked on our website for a new link for you, using your case "
        "reference and this address or number. Use this link to {{ link_purpose }}:\n\n{{ link_url }}\n\n"
        "The link is just for you: do not share it. It works until {{ link_expires }}. You do not need a "
        "password.\n\nIf you did not ask for it, you do not need to do anything. Nobody else has been sent "
        "this link." + _SIGN_OFF,
        ("link_url", "link_purpose", "link_expires"),
    ),
    DefaultTemplate(
        "certificate_issued", "Mediation certificate issued", "Your mediation certificate ({{ case_reference }})",
        "Dear {{ party_name }},\n\nWe issued your mediation certificate on {{ certificate_date }}. You need it "
        "if you decide to appeal to the SEND Tribunal.\n\nThe last day to appeal is {{ appeal_deadline }}."
        + _SIGN_OFF,
        ("certificate_date", "appeal_deadline"),
    ),
    DefaultTemplate(
        "meeting_invitation", "Meeting invitation", "Your mediation meeting on {{ meeting_date }}",
        "Dear {{ party_name }},\n\nYour mediation meeting about {{ child_first_name }} is on {{ meeting_date }} "
        "at {{ meeting_time }}.\n\nWhere: {{ meeting_place }}.\n\nTell us if you need anything to help you "
        "take part." + _SIGN_OFF,
        ("meeting_date", "meeting_time", "meeting_place"),
    ),
    DefaultTemplate(
        "meeting_reminder", "Meeting reminder", "Reminder: mediation meeting on {{ meeting_date }}",
        "Dear {{ party_name }},\n\nThis is a reminder that your mediation meeting is on {{ meeting_date }} at "
        "{{ meeting_time }}.\n\nWhere: {{ meeting_place }}." + _SIGN_OFF,
        ("meeting_date", "meeting_time", "meeting_place"),
    ),
    DefaultTemplate(
        "agreement_copy", "Copy of the agreement", "Your mediation agreement ({{ case_reference }})",
        "Dear {{ party_name }},\n\nHere is a copy of what was agreed at mediation about "
        "{{ child_first_name }}. Please keep it safe." + _SIGN_OFF,
    ),
    DefaultTemplate(
        "la_mediation_requested", "Mediation requested: to the local authority",
        "Mediation requested ({{ case_reference }})",
        "Dear {{ party_name }},\n\nA family has asked for mediation about a decision {{ la_name }} made. "
        "Our reference is {{ case_reference }}.\n\nThe mediation must take place within 30 days of this "
        "notice (SEND Regulations 2014, regulations 35(4) and 36(2)). We will contact you to arrange a date." + _SIGN_OFF,
        ("la_name",),
    ),
    DefaultTemplate(
        # SEND Regs 2014 regs 35(4), 36(2) (the 30 days) and 39(2)-(3) (telling the adviser; the certificate).
        "la_can_arrange_check", "Can the local authority arrange mediation in time?",
        "Can you arrange the mediation by {{ mediation_due }}? ({{ case_reference }})",
        "Dear {{ party_name }},\n\nA family asked for mediation about a decision {{ la_name }} made. Our "
        "reference is {{ case_reference }}. You were told on {{ la_told_date }}, so the mediation must take "
        "place by {{ mediation_due }} (SEND Regulations 2014, regulations 35(4) and 36(2)).\n\nNo date for "
        "the meeting has been fixed yet. Please tell us now whether you can arrange the mediation by "
        "{{ mediation_due }}.\n\nIf you cannot, you must tell us as soon as you realise (regulation 39(2)). "
        "We will then issue the family's mediation certificate within 3 working days (regulation 39(3))."
        + _SIGN_OFF,
        ("la_name", "la_told_date", "mediation_due"),
    ),
    DefaultTemplate(
        # SEND Regs 2014 reg 39(3): deemed to have taken part; the certificate whether or not they mediate later.
        "not_arranged_options", "Mediation not arranged in time: the family's options",
        "Your mediation certificate is on its way ({{ case_reference }})",
        "Dear {{ party_name }},\n\n{{ la_name }} has told us it cannot arrange your mediation within "
        "30 days. The law treats you as having taken part in mediation, so you do not need to do anything "
        "to get your mediation certificate. We will send it to you by {{ certificate_due }}.\n\nWith the "
        "certificate you can appeal to the SEND Tribunal if you want to. You have until at least "
        "{{ appeal_deadline }} to appeal. The certificate will show the exact last day.\n\nIf {{ la_name }} "
        "arranges mediation later, you can still take part if you want to. Your certificate stays valid "
        "whether or not you do." + _SIGN_OFF,
        ("la_name", "certificate_due", "appeal_deadline"),
    ),
    DefaultTemplate(
        "summaries_exchanged", "Everyone's summaries before the meeting",
        "Summaries for your mediation meeting ({{ case_reference }})",
        "Dear {{ party_name }},\n\nBefore the meeting, here is what each person taking part has said they "
        "want to talk about. Everyone receives the same summaries at the same time.\n\n{{ meeting_summaries }}"
        + _SIGN_OFF,
        ("meeting_summaries",),
    ),
    DefaultTemplate(
        "action_check", "Ask whether an agreed action happened", "Did this happen? ({{ case_reference }})",
        "Dear {{ party_name }},\n\nAt mediation it was agreed that this would be done by {{ due_date }}: "
        "{{ action_text }}\n\nPlease let us know whether it happened. You can reply to this message or call us."
        + _SIGN_OFF,
        ("action_text", "due_date"),
    ),
    DefaultTemplate(
        "action_reminder", "Agreed action reminder", "Reminder: an agreed action is due on {{ due_date }}",
        "Dear {{ party_name }},\n\nAt mediation you agreed to: {{ action_text }}\n\nThis is due on "
        "{{ due_date }}." + _SIGN_OFF,
        ("action_text", "due_date"),
    ),
    DefaultTemplate(
        "action_late", "Agreed action late", "An agreed action is late ({{ case_reference }})",
        "Dear {{ party_name }},\n\nAn action agreed at mediation was due on {{ due_date }} and we have not "
        "heard that it is done: {{ action_text }}\n\nPlease tell us what is happening." + _SIGN_OFF,
        ("action_text", "due_date"),
    ),
    DefaultTemplate(
        "feedback_invitation", "Feedback survey", "Tell us what you thought of mediation ({{ case_reference }})",
        "Dear {{ party_name }},\n\nYour case with us has now finished. We would like to know what you thought "
        "of the service. The survey has 8 short questions and takes about 3 minutes:\n\n{{ link_url }}\n\n"
        "Your answers will not affect anything about your case. The link works until {{ link_expires }}."
        + _SIGN_OFF,
        ("link_url", "link_expires"),
    ),
    DefaultTemplate(
        "feedback_reminder", "Feedback survey reminder", "Reminder: tell us what you thought ({{ case_reference }})",
        "Dear {{ party_name }},\n\nWe sent you a short survey about our service. If you have a few minutes, "
        "please answer it here:\n\n{{ link_url }}\n\nThis is the only reminder we will send. The link works "
        "until {{ link_expires }}." + _SIGN_OFF,
        ("link_url", "link_expires"),
    ),
    DefaultTemplate(
        "complaint_acknowledgement", "Complaint acknowledged", "We have received your complaint ({{ complaint_reference }})",
        "Dear {{ party_name }},\n\nThank you for telling us you are unhappy. Your complaint reference is "
        "{{ complaint_reference }} ({{ complaint_stage }}).\n\n{{ owner_name }} is looking into it and "
        "will reply to you in full by {{ respond_by }}.\n\nMaking a complaint will not affect your case, "
        "your mediation or your right to appeal." + _SIGN_OFF,
        ("complaint_reference", "complaint_stage", "owner_name", "respond_by"),
    ),
    DefaultTemplate(
        "complaint_response", "Complaint response", "Our response to your complaint ({{ complaint_reference }})",
        "Dear {{ party_name }},\n\nOur full response to your complaint {{ complaint_reference }} is in the "
        "letter with this message.\n\nIt explains what we found, what we will do, and what you can do if "
        "you are still unhappy." + _SIGN_OFF,
        ("complaint_reference",),
    ),
    DefaultTemplate(
        "expenses_decided", "Expenses claim decided", "Your claim for expenses ({{ case_reference }})",
        "Dear {{ party_name }},\n\nWe have looked at your claim for the costs of coming to mediation about "
        "{{ child_first_name }}.\n\n{{ expenses_outcome }}" + _SIGN_OFF,
        ("expenses_outcome",),
    ),
)

DEFAULTS_BY_KEY = {template.key: template for template in DEFAULT_TEMPLATES}


def placeholder_descriptions(names: list[str]) -> list[tuple[str, str]]:
    described = {**COMMON_PLACEHOLDERS, **EXTRA_PLACEHOLDERS}
    return [(name, described.get(name, "")) for name in names]
