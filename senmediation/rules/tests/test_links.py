from __future__ import annotations

import pytest

from senmediation.rules.links import LINK_DAYS_BY_PURPOSE, MAX_DAYS_VALID, link_days_default


def test_every_default_is_within_the_limit_and_unknown_purposes_are_refused() -> None:
    assert all(1 <= days <= MAX_DAYS_VALID for days in LINK_DAYS_BY_PURPOSE.values())
    assert link_days_default("availability") == 7
    with pytest.raises(ValueError, match="No default link time for 'everything'"):
        link_days_default("everything")
