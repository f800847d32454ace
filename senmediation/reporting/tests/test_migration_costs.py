"""Migration 0005_costs: each LA's one rate card becomes its first version, in force from the start, so every
period is priced as it was before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from senmediation.demodata.reference import demo_reference_data_load

BEFORE = [("reporting", "0004_report_buckets")]
AFTER = [("reporting", "0005_costs")]


@pytest.mark.django_db(transaction=True)
def test_each_rate_card_becomes_its_first_version() -> None:
    demo_reference_data_load()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    la = old.get_model("directory", "LocalAuthority").objects.order_by("pk").first()
    old.get_model("reporting", "RateCard").objects.create(
        local_authority_id=la.pk, enquiry=Decimal("25.00"), certificate=Decimal("40.00"), mediation=Decimal("450.50"),
        disagreement_resolution=Decimal("300.00"), purchase_order="PO-123", vat_note="No VAT is charged.")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    versions = list(new.get_model("reporting", "RateCardVersion").objects.values(
        "local_authority_id", "effective_from", "enquiry", "mediation", "purchase_order", "vat_note"))
    assert versions == [{"local_authority_id": la.pk, "effective_from": dt.date(2000, 1, 1),
                         "enquiry": Decimal("25.00"), "mediation": Decimal("450.50"), "purchase_order": "PO-123",
                         "vat_note": "No VAT is charged."}]
