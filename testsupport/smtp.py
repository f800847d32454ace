"""A mail server for tests of real processes: SMTP with STARTTLS (production insists on TLS), keeping
every message it receives so a test can count them."""

from __future__ import annotations

import email
import socketserver
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for `localhost`, valid for a day; the clients trust it through SSL_CERT_FILE."""
    cert, key = directory / "localhost.pem", directory / "localhost.key"
    subprocess.run(  # noqa: S603
        ["/usr/bin/env", "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, raw: bytes) -> None:
        with self.lock:
            self.messages.append(email.message_from_bytes(raw))


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        self._reply("220 localhost test mail server")
        secure = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self._reply("250-localhost" if not secure else "250-localhost secure")
                self._reply("250-8BITMIME")
                self._reply("250 STARTTLS" if not secure else "250 SMTPUTF8")
            elif verb == "STARTTLS" and not secure:
                self._reply("220 go ahead")
                tls = self.server.tls.wrap_socket(self.connection, server_side=True)
                self.connection = tls
                self.rfile = tls.makefile("rb")
                self.wfile = tls.makefile("wb")
                secure = True
            elif verb == "DATA":
                if not secure:
                    self._reply("530 STARTTLS first")
                    continue
                self._reply("354 end with a dot")
                lines: list[bytes] = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.mailbox.add(b"".join(lines))
                self._reply("250 kept")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP: accepted as they come
                self._reply("250 ok")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox
    tls: ssl.SSLContext


@contextmanager
def tls_mail_server(directory: Path) -> Iterator[tuple[int, Path, Mailbox]]:
    """Yields (port, the certificate to trust, the mailbox)."""
    cert, key = self_signed_certificate(directory)
    server = _Server(("127.0.0.1", 0), _Session)
    server.mailbox = Mailbox()
    server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.tls.load_cert_chain(cert, key)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1]), cert, server.mailbox
    finally:
        server.shutdown()
        server.server_close()
