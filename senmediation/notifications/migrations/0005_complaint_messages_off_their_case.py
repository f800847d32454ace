"""Acknowledgements and responses to complaints were logged against the complaint's case, so the case page
showed them (with the complainant's address) to whoever the complaint was about. Each is found by the key
the complaint services give it (`complaint:<id>:stage<n>:ack` or `:response`, with its template), and moved
onto its complaint and off the case, with the phone-call task a phoned complainant's message made."""

import re

from django.db import migrations

COMPLAINT_KEY = re.compile(r"^complaint:(\d+):stage[12]:(ack|response)$")
TEMPLATES = {"ack": "complaint_acknowledgement", "response": "complaint_response"}


def forwards(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    CallTask = apps.get_model("notifications", "CallTask")
    Complaint = apps.get_model("feedback", "Complaint")
    candidates = Message.objects.filter(idempotency_key__startswith="complaint:", complaint__isnull=True,
                                        template_key__in=TEMPLATES.values())
    for pk, key, template_key in candidates.values_list("pk", "idempotency_key", "template_key").iterator():
        match = COMPLAINT_KEY.match(key)
        if match is None or TEMPLATES[match.group(2)] != template_key:
            continue
        complaint_id = int(match.group(1))
        if not Complaint.objects.filter(pk=complaint_id).exists():
            continue
        Message.objects.filter(pk=pk).update(complaint_id=complaint_id, case=None)
        CallTask.objects.filter(message_id=pk).update(case=None)


def backwards(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    CallTask = apps.get_model("notifications", "CallTask")
    for message in Message.objects.filter(complaint__isnull=False).select_related("complaint").iterator():
        Message.objects.filter(pk=message.pk).update(case_id=message.complaint.case_id, complaint=None)
        CallTask.objects.filter(message_id=message.pk).update(case_id=message.complaint.case_id)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_message_complaint"), ("feedback", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
