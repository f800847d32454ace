"""Who sees what: every URL in the URL configuration against every role (quality.md, security).

Each row (tests/matrix_rows.py) maps a URL name to the one status each role gets. A URL without a row fails
`test_every_url_has_a_row`, naming it. Add a row by copying one with the same protection:
  CASE_PAGE  a case's page: its mediator, coordinators and managers; another mediator gets 404 (a refusal
             reveals nothing); commissioners and administrators 403 (no case content)
  OFFICE     coordinators and managers only
  MANAGERS   managers only
  STAFF      anyone with a staff role
  PUBLIC     everyone, signed in or not
`{name}` in kwargs or data is an object from tests/matrix_world.py (`{case}` is the reference of a case
whose mediator is "mediator"), each in the state that makes its page usable, so a wrongful refusal fails
as surely as a leak. Ids that do not exist (MISSING) test that refusals come before look-ups. Every
request runs in a savepoint that is rolled back, so each role meets the same objects in the same state.
"anonymous" is a family, signed out, who have just sent a referral in their browser session.
"administrator" is a plain administrator; "superuser" is an administrator who is also a superuser, and
gets what the administrator gets unless a row says otherwise. The Django admin is checked by rule (below).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from senmediation.accounts.roles import Role
from testsupport.fixtures import user_make

from .matrix_admin import ADMIN_HANDLED, ADMIN_SECTIONS, admin_checks
from .matrix_people import CEILING_CHECKS, CEILING_URLS, TARGETS
from .matrix_roles import MISSING, ROLES
from .matrix_rows import ROWS
from .matrix_world import NOW, clients_make, world_build


# ---- The walk and the tests -----------------------------------------------------------------------
def url_names(patterns: list[Any] | None = None, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    """(qualified name or '<unnamed>', route) for every pattern, following includes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from url_names(pattern.url_patterns, inner or "", route)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "<unnamed>")
            yield name, route


def test_every_url_has_a_row() -> None:
    missing, missing_admin, unnamed = [], [], []
    for name, route in url_names():
        if route.startswith("admin/"):
            if name == "<unnamed>" or name in ADMIN_HANDLED:
                continue
            missing_admin.append(f"{name} ({route})")
        elif name == "<unnamed>":
            unnamed.append(route)
        elif name not in ROWS:
            missing.append(f"{name} ({route})")
    stale = sorted(set(ROWS) - {name for name, _ in url_names()})
    problems = []
    if missing:
        problems.append("These URLs have no row in tests/test_access_matrix.py ROWS; add one saying what each role "
                        "gets:\n  " + "\n  ".join(sorted(missing)))
    if missing_admin:
        problems.append("These admin URLs are not checked; add them to admin_checks() in tests/test_access_matrix.py "
                        "with what each role gets:\n  " + "\n  ".join(sorted(missing_admin)))
    if unnamed:
        problems.append("Give these URL patterns a name so the matrix can list them:\n  " + "\n  ".join(unnamed))
    if stale:
        problems.append("Rows for URLs that no longer exist (remove them):\n  " + "\n  ".join(stale))
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[dict[str, Any]]:
    """The objects and signed-in clients, made once for the module in a transaction rolled back at its end."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, OTP_REQUIRED=True), \
            time_machine.travel(NOW, tick=True):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = world_build()
            world["clients"] = clients_make(world.pop("users"))
            world["media"] = media
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def world(built: dict[str, Any], settings: Any) -> dict[str, Any]:
    settings.OTP_REQUIRED = True
    settings.MEDIA_ROOT = built["media"]
    return built


def _filled(value: Any, world: dict[str, Any]) -> Any:
    """'{key}' placeholders replaced by the world's objects, in strings and lists of strings; callables called."""
    if callable(value):
        return value()
    if isinstance(value, str) and "{" in value:
        return value.format_map(world)
    if isinstance(value, list):
        return [_filled(item, world) for item in value]
    return value


def _status(client: Client, method: str, url: str, data: dict[str, Any]) -> int:
    """The status, with whatever the request changed rolled back so the next role meets the same state."""
    with transaction.atomic():
        response = client.post(url, data) if method == "post" else client.get(url)
        if response.streaming:  # read to the end, so the client closes the file it streams
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_role_gets_what_its_row_says(name: str, world: dict[str, Any]) -> None:
    wrong = []
    for check in ROWS[name]:
        url = reverse(name, kwargs={key: _filled(value, world) for key, value in check.kwargs.items()})
        for role in ROLES:
            data = {_filled(key, world): _filled(value, world) for key, value in check.data.items()}
            status = _status(world["clients"][role], check.method, url, data)
            if status != check.expect[role]:
                wrong.append(f"{check.method.upper()} {url} as {role}: got {status}, expected {check.expect[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("section", ADMIN_SECTIONS)
def test_the_admin_refuses_non_staff_and_hides_case_content(section: str, world: dict[str, Any]) -> None:
    wrong = []
    for description, url, expected in admin_checks(section, world):
        for role in ROLES:
            status = _status(world["clients"][role], "get", url, {})
            if status != expected[role]:
                wrong.append(f"{description} GET {url} as {role}: got {status}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_family_page_is_the_familys(world: dict[str, Any]) -> None:
    """A parent's link opens their own case page, never another case's; an LA officer's link on a case whose
    family has a page opens only its task (the same answer whoever is signed in)."""
    for role in ROLES:
        client = world["clients"][role]
        mine = client.get(reverse("portal:page", kwargs={"token": world["certified_token"]})).content.decode()
        assert "<h1 class=\"govuk-heading-l\">Your case</h1>" in mine and world["certified"] in mine, role
        assert world["case"] not in mine and world["scheduled"] not in mine, role
        officer = client.get(reverse("portal:page", kwargs={"token": world["la_token"]})).content.decode()
        assert "When you can come" in officer and "Your case" not in officer, role
        assert "Mediation certificate" not in officer and "Ravi Patel" not in officer, role


@pytest.mark.django_db
def test_a_manager_with_admin_access_can_read_the_audit_log(world: dict[str, Any]) -> None:
    from senmediation.accounts.tests.helpers import verified_client

    manager = user_make("m-staff-boss", Role.MANAGER, is_staff=True, is_superuser=True)
    assert verified_client(manager).get(reverse("admin:audit_auditentry_changelist")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", CEILING_URLS)
def test_nobody_changes_their_own_account_or_one_at_or_above_theirs(name: str, world: dict[str, Any]) -> None:
    """Every role against every kind of account, for the person's page and each action (matrix_people.py)."""
    wrong = []
    for url_name, method, table, data_for in CEILING_CHECKS:
        if url_name != name:
            continue
        for role in ROLES:
            for target, expected in zip(TARGETS, table[role], strict=True):
                whose = role if target == "own" else target
                pk = world["user_ids"].get(whose, MISSING)  # anonymous has no account of its own
                raw = data_for(target) if data_for else {}
                data = {key: _filled(value, world) for key, value in raw.items()}
                status = _status(world["clients"][role], method, reverse(name, kwargs={"pk": pk}), data)
                if status != expected:
                    wrong.append(f"{method.upper()} {name} of {target} as {role}: got {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)
