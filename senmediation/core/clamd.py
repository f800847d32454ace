"""Virus scanning through ClamAV's daemon (clamd), with its INSTREAM command over a socket.

Configured by CLAMD_SOCKET (a Unix socket path) or CLAMD_HOST and CLAMD_PORT; with neither, files are
not scanned (as before). When configured but unreachable, scanning fails closed (ScanUnavailable)."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import Any

from django.conf import settings

CHUNK = 64 * 1024


class ScanUnavailable(Exception):
    pass


@dataclass(frozen=True)
class ScanResult:
    infected: bool
    signature: str = ""


def clamd_configured() -> bool:
    return bool(getattr(settings, "CLAMD_SOCKET", "") or getattr(settings, "CLAMD_HOST", ""))


def _connect() -> socket.socket:
    timeout = float(getattr(settings, "CLAMD_TIMEOUT_SECONDS", 30))
    if getattr(settings, "CLAMD_SOCKET", ""):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(settings.CLAMD_SOCKET)
        return sock
    return socket.create_connection((settings.CLAMD_HOST, int(getattr(settings, "CLAMD_PORT", 3310))), timeout)


def clamd_scan(file: Any) -> ScanResult:
    """Streams the file to clamd and reads its verdict. The file is rewound afterwards."""
    try:
        with _connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            file.seek(0)
            for chunk in iter(lambda: file.read(CHUNK), b""):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0") and (part := sock.recv(4096)):
                reply += part
    except OSError as problem:
        raise ScanUnavailable(f"clamd could not be reached: {problem}") from problem
    finally:
        file.seek(0)
    text = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    # "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR" (e.g. the size limit).
    verdict = text.split(":", 1)[1].strip() if ":" in text else text
    if verdict == "OK":
        return ScanResult(False)
    if verdict.endswith(" FOUND"):
        return ScanResult(True, verdict.removesuffix(" FOUND").strip())
    raise ScanUnavailable(f"clamd could not scan the file: {text[:200]}")
