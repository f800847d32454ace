"""A partner's webhook receiver on this machine, for the delivery tests."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

# The receiver's name as the tests give it; `socket.getaddrinfo` is made to answer 127.0.0.1 for it.
RECEIVER_HOST = "hooks.example.org"


class Receiver:
    """Records each request (method, path, headers, body) and answers `status` (with `location` if set)."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.requests: list[tuple[str, str]] = []
        self.status = 204
        self.location = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body: bytes) -> None:
                receiver.requests.append((self.command, self.path))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                self._answer(self.rfile.read(int(self.headers["Content-Length"])))

            def do_GET(self) -> None:
                self._answer(b"")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://{RECEIVER_HOST}:{self.port}/hooks"

    def events(self) -> list[str]:
        return [json.loads(body)["type"] for _, body in self.received]
