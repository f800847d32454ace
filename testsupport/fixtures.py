"""pytest fixtures, loaded by the root conftest.py. Test-only code: never imported by the service."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_role_add
from senmediation.demodata.reference import demo_reference_data_load

TEST_PASSWORD = "correct horse battery staple 2026"


@pytest.fixture
def reference_data(db: Any) -> None:
    demo_reference_data_load()


def user_make(username: str, role: Role | None, **extra: Any) -> User:
    if extra.get("is_superuser"):
        # A superuser exists only as an open break-glass account (accounts/breakglass.py).
        import datetime as dt

        extra.setdefault("break_glass_until", dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    user = User.objects.create_user(username=username, password=TEST_PASSWORD, **extra)
    if role is not None:
        user_role_add(user=user, role=role)
    return user


@pytest.fixture
def make_user(db: Any):  # type: ignore[no-untyped-def]
    return user_make


def client_for(user: User) -> Client:
    """Signed in with both factors done, as after a real two-step sign-in."""
    from senmediation.accounts.tests.helpers import verified_client

    return verified_client(user)


@pytest.fixture
def coordinator(reference_data: None) -> User:
    return user_make("coord", Role.COORDINATOR, first_name="Cora", last_name="Ordinator")


@pytest.fixture
def manager(reference_data: None) -> User:
    return user_make("boss", Role.MANAGER, first_name="Mina", last_name="Manager")


def mediator_make(username: str, **extra: Any) -> User:
    """A mediator who may take cases: active profile, current accreditation, the SEND standards."""
    import datetime as dt

    from senmediation.directory.models import MediatorProfile

    user = user_make(username, Role.MEDIATOR, **extra)
    MediatorProfile.objects.create(
        user=user, accreditation_body=MediatorProfile.AccreditationBody.CMC,
        accreditation_expires=dt.date.today() + dt.timedelta(days=365), send_standards=True, capacity=50,
    )
    return user


@pytest.fixture
def mediator(reference_data: None) -> User:
    return mediator_make("med1", first_name="Amara", last_name="Okafor")


@pytest.fixture
def other_mediator(reference_data: None) -> User:
    return mediator_make("med2", first_name="Tom", last_name="Fielding")


@pytest.fixture
def commissioner(reference_data: None) -> User:
    from senmediation.directory.models import LocalAuthority

    return user_make(
        "comm", Role.COMMISSIONER, local_authority=LocalAuthority.objects.get(gss_code="E08000009")
    )


@pytest.fixture
def administrator(reference_data: None) -> User:
    return user_make("root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def coordinator_client(coordinator: User) -> Client:
    return client_for(coordinator)


@pytest.fixture
def manager_client(manager: User) -> Client:
    return client_for(manager)


@pytest.fixture
def mediator_client(mediator: User) -> Client:
    return client_for(mediator)


def pdf_make(*, javascript: str = "", launch: str = "", attachment: bytes = b"") -> bytes:
    """A real one-page PDF made by pypdf; with a JavaScript open action, a launch action or an attached file."""
    import io

    from pypdf import PdfWriter
    from pypdf.actions import JavaScript
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if launch:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject(launch)})
    if attachment:
        writer.add_attachment("notes.txt", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
