import pytest
from django.core.management import call_command

from senmediation.accounts.tests.helpers import verified_client
from senmediation.audit.services import audit_chain_verify
from senmediation.cases.models import Case
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from testsupport.fixtures import user_make


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("suffix", [".json.gz"])
def test_a_backup_restores_every_case_and_the_audit_chain(tmp_path, suffix, settings) -> None:
    from senmediation.accounts.roles import Role

    settings.OTP_REQUIRED = True
    demo_reference_data_load()
    coordinator = user_make("coord", Role.COORDINATOR)
    references = {case_make(by=coordinator).reference for _ in range(3)}
    client = verified_client(coordinator)
    for reference in references:
        client.get(f"/staff/cases/{reference}/")
    backup = tmp_path / f"backup{suffix}"
    call_command("backup", "--output", str(backup), stdout=(out := __import__("io").StringIO()))
    head_file = tmp_path / f"backup{suffix}.audit-head"
    head_line = head_file.read_text().split(" ")[:3]
    assert f"{' '.join(head_line)} (also in {head_file})" in out.getvalue()

    call_command("flush", interactive=False, verbosity=0)
    assert not Case.objects.exists()

    call_command("restore", "--input", str(backup), "--yes")
    assert set(Case.objects.values_list("reference", flat=True)) == references
    report = audit_chain_verify()
    assert report.intact and report.count >= 5  # three reads, the backup and the restore
    call_command("audit_verify", "--heads", str(head_file), stdout=__import__("io").StringIO())
    assert verified_client(coordinator).get(f"/staff/cases/{min(references)}/").status_code == 200
