"""On PostgreSQL, TRUNCATE of the audit table is refused too (row triggers do not fire for it).

`restore` (run as the table's owner) suspends this trigger for its own transaction only."""

from django.db import migrations

CREATE = """
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
"""
DROP = "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_entry_hmac_detail")]
    operations = [migrations.RunPython(forwards, backwards)]
