"""A small demo puts a little real work on the coordinator's queue: a call, a held letter, a letter to print."""

from __future__ import annotations

import datetime as dt

import pytest

from senmediation.accounts.models import User
from senmediation.demodata.generator import cases_generate
from senmediation.demodata.queue_examples import queue_examples_make
from senmediation.demodata.reference import demo_reference_data_load, demo_users_create
from senmediation.notifications.models import CallTask, Message

pytestmark = pytest.mark.django_db


def test_three_links_go_out_as_a_call_a_held_letter_and_a_letter_to_print(django_capture_on_commit_callbacks) -> None:
    demo_reference_data_load()
    demo_users_create(password="a long demo password 2026")
    cases_generate(count=30, seed=7, today=dt.date(2026, 11, 27), processes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_examples_make(by=User.objects.get(username="coordinator")) == 3
    messages = list(Message.objects.filter(template_key="party_link").order_by("id"))
    assert [(m.channel, m.status) for m in messages] == [("call_task", "sent"), ("letter", "cannot_send"),
                                                        ("letter", "sent")]
    assert messages[1].last_error.startswith("No postal address for ")
    assert CallTask.objects.get().message == messages[0]
    assert all(m.party_link_id for m in messages)
