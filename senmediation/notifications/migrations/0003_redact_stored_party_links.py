"""Messages logged before party links were put in only at sending kept the live link in their body: replace
each with the placeholder, so the database and its backups stop holding working links. (The links still
work until they expire for whoever received them; a letter PDF already made is left as printed.)"""

import re

from django.db import migrations

LIVE_LINK = re.compile(r"\S*/p/(?!code/)[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+/")


def redact(body: str) -> str:
    from senmediation.notifications.services.secure_links import LINK_PLACEHOLDER

    return LIVE_LINK.sub(LINK_PLACEHOLDER, body)


def forwards(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    for message in Message.objects.filter(body__contains="/p/").only("pk", "body").iterator():
        redacted = redact(message.body)
        if redacted != message.body:
            Message.objects.filter(pk=message.pk).update(body=redacted)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_message_party_link")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
