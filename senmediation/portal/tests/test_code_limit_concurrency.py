"""Wrong letter codes sent in parallel get exactly the hour's allowance, never more."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections

from senmediation.portal.services.codes import CodeAttemptsLimited, party_link_open_by_code
from senmediation.portal.services.tokens import LinkUnknown

pytestmark = pytest.mark.django_db(transaction=True)


def test_thirty_parallel_wrong_codes_get_exactly_the_limit(settings) -> None:
    settings.PARTY_CODE_ATTEMPTS_PER_HOUR = 10
    start = threading.Barrier(30)

    def guess(_: int) -> str:
        try:
            start.wait()
            party_link_open_by_code(code="ABCDE-FGHJK", ip_address="203.0.113.9")
        except LinkUnknown:
            return "tried"
        except CodeAttemptsLimited:
            return "limited"
        finally:
            close_old_connections()
        return "opened"

    with ThreadPoolExecutor(max_workers=30) as pool:
        outcomes = list(pool.map(guess, range(30)))
    assert (outcomes.count("tried"), outcomes.count("limited")) == (10, 20)
    # Another address still has its own allowance.
    with pytest.raises(LinkUnknown):
        party_link_open_by_code(code="ABCDE-FGHJK", ip_address="203.0.113.10")
