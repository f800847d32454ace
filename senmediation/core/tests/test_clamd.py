"""The clamd client against a small fake clamd: a real socket server speaking INSTREAM."""

from __future__ import annotations

import io
import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from senmediation.core.clamd import ScanUnavailable, clamd_scan

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Accepts connections, reads `zINSTREAM\\0` then length-prefixed chunks up to a zero length, and
    answers as clamd does: FOUND when the stream contains the EICAR test string."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exactly(self, conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = conn.recv(size - len(data))
            if not part:
                raise ConnectionError("closed early")
            data += part
        return data

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = self._read_exactly(conn, len(b"zINSTREAM\0"))
                if command != b"zINSTREAM\0":
                    conn.sendall(b"UNKNOWN COMMAND\0")
                    continue
                body = b""
                while (size := struct.unpack("!L", self._read_exactly(conn, 4))[0]) != 0:
                    body += self._read_exactly(conn, size)
                self.received.append(body)
                verdict = b"Eicar-Test-Signature FOUND" if EICAR in body else b"OK"
                conn.sendall(b"stream: " + verdict + b"\0")

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def fake_clamd(settings) -> Iterator[FakeClamd]:
    server = FakeClamd()
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", server.port
    yield server
    server.close()


def test_a_clean_file_is_streamed_whole_and_passes(fake_clamd) -> None:
    content = b"%PDF-1.7 " + b"x" * 200_000  # more than one chunk
    file = io.BytesIO(content)
    result = clamd_scan(file)
    assert (result.infected, result.signature) == (False, "")
    assert fake_clamd.received == [content] and file.tell() == 0


def test_an_infected_file_is_named(fake_clamd) -> None:
    result = clamd_scan(io.BytesIO(b"%PDF " + EICAR))
    assert (result.infected, result.signature) == (True, "Eicar-Test-Signature")


def test_an_unreachable_clamd_fails_closed(settings) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", port
    with pytest.raises(ScanUnavailable):
        clamd_scan(io.BytesIO(b"data"))
