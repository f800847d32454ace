"""Whatever is posted to a step (text, unicode, huge strings, missing fields, lists), the answer is a
page or a redirect, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senmediation.core.forms import GovukDateField
from senmediation.referrals.steps import STEPS

from .journeys import parent_answers, representative_answers, walk

pytestmark = pytest.mark.django_db

QUESTIONS = [step for step in STEPS if step.form_class is not None and step.slug != "channel"]
OTHERS = ["key-dates", "check"]


def field_names(slug: str) -> list[str]:
    step = next(s for s in STEPS if s.slug == slug)
    names = ["website", "csrfmiddlewaretoken", "unexpected"]
    if step.form_class is None:
        return names
    for name, field in step.form_class.base_fields.items():
        names += [f"{name}_0", f"{name}_1", f"{name}_2"] if isinstance(field, GovukDateField) else [name]
    return names


huge = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(1_000, 60_000))
scalar = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999999", "1e400", "not_listed", "parent", "iass",
                     "young_person", "email", "phone", "text", "letter", "mediation", "certificate",
                     "plan_placement", "legacy_statement", "other", "on", "٣", "²", "\x00", "07700 900123",
                     "+44 7700 900123", "a@b.co", "29", "2", "2000", "2026"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    huge,
)
value = st.one_of(scalar, st.lists(scalar, max_size=4))


def snapshot(client: Client) -> dict[str, Any]:
    return dict(client.session.items())


def restore(client: Client, saved: dict[str, Any]) -> None:
    session = client.session
    for key in list(session.keys()):
        del session[key]
    session.update(saved)
    session.save()


def _fuzz(client: Client, slug: str, allowed: set[int]) -> None:
    saved = snapshot(client)
    url = f"/refer/{slug}/"
    assert client.get(url).status_code == 200, slug

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
    @given(data=st.dictionaries(st.sampled_from(field_names(slug)), value, max_size=8),
           change=st.booleans())
    def post(data: dict[str, Any], change: bool) -> None:
        restore(client, saved)
        response = client.post(f"{url}?change=1" if change else url, data)
        assert response.status_code in allowed, (slug, response.status_code)

    post()


@pytest.mark.parametrize("slug", [step.slug for step in QUESTIONS])
def test_question_pages_never_fail(client: Client, reference_data, slug: str) -> None:
    walk(client, representative_answers(), stop_at="check")
    _fuzz(client, slug, {302, 400})


@pytest.mark.parametrize("slug", OTHERS)
def test_other_pages_never_fail(client: Client, reference_data, slug: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REFERRAL_RATE_LIMIT_PER_HOUR = 1000
    walk(client, parent_answers(), stop_at="check")
    _fuzz(client, slug, {302})


def test_staff_channel_page_never_fails(coordinator_client: Client) -> None:
    coordinator_client.get("/refer/staff/")

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.dictionaries(st.sampled_from(["channel", "website", "x"]), value, max_size=3))
    def post(data: dict[str, Any]) -> None:
        response = coordinator_client.post("/refer/staff/channel/", data)
        assert response.status_code in {302, 400}

    post()
