from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from .receiver import RECEIVER_HOST, Receiver


def resolving(monkeypatch: pytest.MonkeyPatch, host: str, *addresses: str) -> None:
    """`host` resolves to `addresses` (every other name as before): what a rebinding DNS server would do."""
    real = socket.getaddrinfo

    def fake(name: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if name != host:
            return real(name, port, *args, **kwargs)
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (address, port or 0)) for address in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@contextmanager
def _running(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[Receiver]:
    settings.WEBHOOKS_ALLOW_HTTP = True
    resolving(monkeypatch, RECEIVER_HOST, "127.0.0.1")
    running = Receiver()
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.server.shutdown()
        running.server.server_close()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1, reached by name over plain http. Only here is a loopback address let
    through, by replacing the address check itself: no setting can do that in a running service."""
    from senmediation.api import outbound

    real_check = outbound.address_public
    monkeypatch.setattr(outbound, "address_public", lambda address: address == "127.0.0.1" or real_check(address))
    with _running(monkeypatch, settings) as running:
        yield running


@pytest.fixture
def receiver_unlisted(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[Receiver]:
    """The same receiver with the service's own address check: a name that resolves to a loopback address."""
    with _running(monkeypatch, settings) as running:
        yield running
