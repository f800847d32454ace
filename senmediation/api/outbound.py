"""The one way the service sends a request to an address someone typed in (webhook receivers).

Only `https` (plain `http` only with the development setting `WEBHOOKS_ALLOW_HTTP`), to a host name on
the internet, never this service's own. At sending time every address the name resolves to must be a
public one, and the connection is made to that checked address (pinned), with the real name in the
Host header and, for https, in SNI and the certificate check, so a DNS answer that changes between the
check and the connection (rebinding) cannot move the request onto an internal address. No redirect is
followed. (docs/security.md, Webhooks.)
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.http.request import validate_host

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home", ".corp",
                  ".home.arpa", ".arpa", ".test", ".invalid")
HOST_NAME = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")
NAT64 = ipaddress.ip_network("64:ff9b::/96")

HOST_EXAMPLE = "Enter a full address with a host name, for example https://hooks.example.org/sen"
NO_USERINFO = "Take the user name and password out of the address: deliveries are signed instead"
NO_IP = "Enter the receiver's host name, not an IP address"
NOT_LOCAL = "Enter a host name on the internet: local and internal names are not allowed"
OWN_ADDRESS = "Enter the receiver's address: this is the address of this service"
BAD_PORT = "Enter a port number from 1 to 65535"
NO_SPACES = "Enter the address without spaces"


class DestinationRefused(Exception):
    """The address is not one the service may send to (its words say why)."""


def http_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_HTTP", False))


def _ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        socket.inet_aton(host)  # the old IPv4 forms as well: 2130706433, 0x7f.1, 127.1
    except OSError:
        return False
    return True


def _own_host(host: str) -> bool:
    patterns = [pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*"]
    return validate_host(host, patterns)


def _host(parts: SplitResult) -> str:
    return (parts.hostname or "").rstrip(".")


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a webhook receiver, in words for the person who typed it; None when it can."""
    schemes = {"https", "http"} if http_allowed() else {"https"}
    https_only = "Enter an address starting with https://" + (
        " (or http:// on a development machine)" if http_allowed() else "")
    if any(character.isspace() or ord(character) < 32 for character in url):
        return NO_SPACES
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as wrong:
        return BAD_PORT if "port" in str(wrong).lower() else HOST_EXAMPLE
    if parts.scheme.lower() not in schemes:
        return https_only
    if parts.username is not None or parts.password is not None:
        return NO_USERINFO
    host = _host(parts)
    if not host:
        return HOST_EXAMPLE
    if port == 0:
        return BAD_PORT
    if _ip_literal(host):
        return NO_IP
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return HOST_EXAMPLE
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or "." not in host:
        return NOT_LOCAL
    if not HOST_NAME.match(ascii_host):
        return HOST_EXAMPLE
    if _own_host(host):
        return OWN_ADDRESS
    return None


def address_public(address: str) -> bool:
    """Whether one resolved address is on the public internet: not loopback, private, link-local,
    multicast, reserved, unspecified, shared (100.64/10), site-local, nor an IPv6 form of any of those."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.is_site_local or (embedded is not None and not address_public(str(embedded))):
            return False
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


def addresses_checked(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, all of them public; DestinationRefused if any is not (OSError
    when the name does not resolve)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [str(info[4][0]) for info in found]
    if not addresses or not all(address_public(address) for address in addresses):
        raise DestinationRefused("not a public address")
    return addresses


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Plain http to `address`, whatever `host` (sent in the Host header) resolves to now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """https to `address`, with SNI and the certificate checked against `host`, the name in the URL."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()  # certificates and host names verified
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        plain = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(plain, server_hostname=self.host)


def post_to_address(*, url: str, address: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POSTs `body` to `url` over a connection made to `address`; the status code (a 3xx is returned,
    not followed). OSError or http.client.HTTPException when no answer came."""
    parts = urlsplit(url)
    https = parts.scheme.lower() == "https"
    host = _host(parts)
    port = parts.port or (443 if https else 80)
    kind = PinnedHTTPSConnection if https else PinnedHTTPConnection
    connection = kind(host, port, address=address, timeout=timeout)
    try:
        connection.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body=body,
                           headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def post_checked(*, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """The URL's rules checked again (an endpoint may predate them, the settings may have changed), the
    host's addresses checked, then `post_to_address` to the first of them."""
    if url_problem(url) is not None:
        raise DestinationRefused("address not allowed")
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    address = addresses_checked(_host(parts), port)[0]
    return post_to_address(url=url, address=address, body=body, headers=headers, timeout=timeout)
