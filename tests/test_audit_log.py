import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from senmediation.accounts.tests.helpers import verified_client
from senmediation.audit.models import AppendOnlyError, AuditEntry
from senmediation.audit.services import GENESIS_HASH, audit_chain_verify
from senmediation.cases.tests.factories import case_make
from testsupport.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp(settings):
    settings.OTP_REQUIRED = True


def test_reading_a_case_is_recorded_without_the_query_string(coordinator) -> None:
    case = case_make(by=coordinator)
    client = verified_client(coordinator)
    assert client.get(f"/staff/cases/{case.reference}/?child=Sam+Patel", REMOTE_ADDR="10.1.2.3").status_code == 200
    entry = AuditEntry.objects.filter(case_reference=case.reference).get()
    assert (entry.user, entry.username, entry.action, entry.method) == (coordinator, "coord", "read", "GET")
    assert entry.path == f"/staff/cases/{case.reference}/" and entry.view_name == "cases:detail"
    assert entry.ip == "10.1.2.3" and entry.status_code == 200
    assert "Patel" not in str(AuditEntry.objects.values_list())


def test_changes_denials_and_sign_in_and_out_are_recorded(client, coordinator, other_mediator) -> None:
    case = case_make(by=coordinator)
    verified_client(coordinator).post(f"/staff/cases/{case.reference}/parties-agreed/")
    verified_client(other_mediator).get(f"/staff/cases/{case.reference}/")
    client.get("/staff/cases/")
    settings_off = {"username": "coord", "password": TEST_PASSWORD}
    from django.test import override_settings

    with override_settings(OTP_REQUIRED=False):
        client.post("/accounts/sign-in/", settings_off)
    client.post("/accounts/sign-out/")
    actions = list(AuditEntry.objects.values_list("action", "status_code"))
    assert actions == [("change", 302), ("denied", 404), ("denied", 302), ("sign_in", 302), ("sign_out", 302)]
    assert AuditEntry.objects.last().username == "coord"


def test_public_pages_are_not_recorded(client, reference_data) -> None:
    client.get("/")
    assert not AuditEntry.objects.exists()


def test_entries_form_an_intact_chain(coordinator) -> None:
    client = verified_client(coordinator)
    for _ in range(3):
        client.get("/staff/")
    entries = list(AuditEntry.objects.all())
    assert entries[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    assert audit_chain_verify().intact
    call_command("audit_verify", stdout=(out := __import__("io").StringIO()))
    assert out.getvalue().strip() == "Audit log intact: 3 entries"


def test_entries_cannot_be_changed_or_deleted_through_the_model(coordinator) -> None:
    verified_client(coordinator).get("/staff/")
    entry = AuditEntry.objects.get()
    entry.status_code = 500
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_updates_and_deletes(coordinator) -> None:
    from django.db import DatabaseError

    verified_client(coordinator).get("/staff/")
    for sql in ("UPDATE audit_auditentry SET status_code = 500", "DELETE FROM audit_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def test_tampering_with_one_row_is_found_and_named(coordinator) -> None:
    client = verified_client(coordinator)
    for _ in range(4):
        client.get("/staff/")
    target = AuditEntry.objects.order_by("id")[2]
    _tamper("UPDATE audit_auditentry SET username = %s WHERE id = %s", ["someone-else", target.pk])
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify")
    assert f"entry {target.pk} " in str(failure.value)
    assert target.at.astimezone(__import__("senmediation.core.clock", fromlist=["LONDON"]).LONDON).strftime(
        "%Y-%m-%dT%H:%M:%S") in str(failure.value)


def test_removing_a_row_is_found(coordinator) -> None:
    client = verified_client(coordinator)
    for _ in range(3):
        client.get("/staff/")
    middle = AuditEntry.objects.order_by("id")[1]
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [middle.pk])
    report = audit_chain_verify()
    assert not report.intact and report.broken_id == middle.pk + 1


def _rechain_without_the_key(start_id: int) -> None:
    """What someone with only database access can do: change a row and recompute every later hash
    with the unkeyed algorithm (they do not have AUDIT_HMAC_KEY)."""
    import hashlib
    import json

    from senmediation.audit.services import HASHED_FIELDS_V2, _canonical

    rows = list(AuditEntry.objects.order_by("id").values("id", *HASHED_FIELDS_V2, "prev_hash", "entry_hash"))
    prev = GENESIS_HASH
    for row in rows:
        if row["id"] >= start_id:
            payload = {name: _canonical(row[name]) for name in HASHED_FIELDS_V2}
            payload["prev_hash"], payload["hash_version"] = prev, 2
            text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
            new_hash = hashlib.sha256(text.encode()).hexdigest()
            _tamper("UPDATE audit_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
                    [prev, new_hash, row["id"]])
            row["entry_hash"] = new_hash
        prev = row["entry_hash"]


def test_a_chain_recomputed_without_the_key_is_found(coordinator) -> None:
    client = verified_client(coordinator)
    for _ in range(3):
        client.get("/staff/")
    second = AuditEntry.objects.order_by("id")[1]
    _tamper("UPDATE audit_auditentry SET username = %s WHERE id = %s", ["someone-else", second.pk])
    _rechain_without_the_key(second.pk)
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify")
    assert str(failure.value).startswith(f"Audit log broken at entry {second.pk} (")
    assert "its contents do not match its hash (the entry was changed, or the chain recomputed without the key)" in str(
        failure.value)


def test_a_different_key_does_not_verify(coordinator, settings) -> None:
    verified_client(coordinator).get("/staff/")
    assert audit_chain_verify().intact
    settings.AUDIT_HMAC_KEY = "another-key-another-key-another-key"
    assert not audit_chain_verify().intact


def test_removing_the_last_entry_is_found_against_the_recorded_head(coordinator, tmp_path) -> None:
    import io

    client = verified_client(coordinator)
    for _ in range(3):
        client.get("/staff/")
    heads = tmp_path / "audit-heads.log"
    call_command("audit_head", "--append", str(heads), stdout=io.StringIO())
    last = AuditEntry.objects.order_by("id").last()
    assert heads.read_text().startswith(f"audit-head {last.pk} {last.entry_hash} ")
    call_command("audit_verify", "--heads", str(heads), stdout=(out := io.StringIO()))
    assert out.getvalue().strip() == "Audit log intact: 3 entries, 1 recorded heads match"

    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    assert audit_chain_verify().intact  # a shorter chain is still a chain: only the head shows the loss
    with pytest.raises(CommandError) as failure:
        call_command("audit_verify", "--heads", str(heads))
    assert str(failure.value) == (
        f"Audit log broken at entry {last.pk}: the recorded head entry {last.pk} is missing "
        "(entries were removed from the end). 2 entries before it are intact."
    )


def test_the_head_log_setting_is_checked_without_being_named(coordinator, tmp_path, settings) -> None:
    settings.AUDIT_HEAD_LOG = str(tmp_path / "heads.log")
    verified_client(coordinator).get("/staff/")
    call_command("audit_head", stdout=__import__("io").StringIO())
    last = AuditEntry.objects.get()
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="is missing"):
        call_command("audit_verify")


def test_entries_written_before_the_key_still_verify_but_not_after_keyed_ones(coordinator) -> None:
    from senmediation.audit.services import HASH_LEGACY, HASHED_FIELDS, entry_hash_compute

    client = verified_client(coordinator)
    client.get("/staff/")
    first = AuditEntry.objects.get()
    row = {name: getattr(first, name) for name in HASHED_FIELDS}
    legacy = entry_hash_compute(row, GENESIS_HASH, HASH_LEGACY)
    _tamper("UPDATE audit_auditentry SET hash_version = 1, detail = '', entry_hash = %s WHERE id = %s",
            [legacy, first.pk])
    client.get("/staff/")  # chained after the legacy entry, keyed
    assert audit_chain_verify().intact and audit_chain_verify().count == 2

    # An unkeyed entry after a keyed one is a downgrade: refused.
    client.get("/staff/")
    third = AuditEntry.objects.order_by("id").last()
    row = {name: getattr(third, name) for name in HASHED_FIELDS}
    _tamper("UPDATE audit_auditentry SET hash_version = 1, entry_hash = %s WHERE id = %s",
            [entry_hash_compute(row, third.prev_hash, HASH_LEGACY), third.pk])
    report = audit_chain_verify()
    assert not report.intact and report.broken_id == third.pk
    assert report.reason == "it has an unkeyed hash after keyed ones (the chain was rewritten)"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_truncate(coordinator) -> None:
    from django.db import DatabaseError

    verified_client(coordinator).get("/staff/")
    with pytest.raises(DatabaseError, match="audit entries are append-only: TRUNCATE refused"), \
            transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 1
