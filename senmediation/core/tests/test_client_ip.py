import pytest
from django.test import RequestFactory

from senmediation.core.client_ip import client_ip

FORWARDED = "203.0.113.9, 198.51.100.7"  # a forged first entry, then what our proxy saw


@pytest.mark.parametrize(("count", "expected"), [
    (0, "10.0.0.2"),          # no proxy trusted: the header is the caller's to forge
    (1, "198.51.100.7"),      # one proxy: the address it appended
    (2, "203.0.113.9"),       # two proxies
    (3, "10.0.0.2"),          # fewer hops than proxies: not through them all, so REMOTE_ADDR
])
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(settings, count: int, expected: str) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=FORWARDED)
    assert client_ip(request) == expected


def test_a_malformed_forwarded_address_falls_back_to_the_proxy(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == "10.0.0.2"
