"""Recovery codes stored before issue 14 were plain text: replace each with its keyed hash."""

from django.db import migrations


def forwards(apps, schema_editor):
    from senmediation.accounts.otp import recovery_code_digest

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if len(token.token) < 16:  # plain codes are 8 characters; hashes are 16
            token.token = recovery_code_digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("otp_static", "0003_add_timestamps")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
