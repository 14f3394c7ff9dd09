"""Client addresses behind trusted proxies and the salted, daily visitor keys derived from them.

Raw addresses and user agents only live in memory for the duration of a request.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import socket
from collections.abc import Iterable, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """`10.0.0.0/8`, `127.0.0.1` and `::1` become networks."""
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _parse_plain(value: str) -> IPAddress | None:
    """inet_pton validates in C, much faster than ipaddress' pure-Python parser."""
    try:
        if ":" in value:
            address: IPAddress = ipaddress.IPv6Address(socket.inet_pton(socket.AF_INET6, value))
        else:
            address = ipaddress.IPv4Address(socket.inet_pton(socket.AF_INET, value))
    except (OSError, ValueError):
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@functools.lru_cache(maxsize=4096)
def parse_ip(text: str) -> IPAddress | None:
    """An address from a header entry or peer; tolerates `[v6]:port`, `v4:port`; None if junk."""
    value = text.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        value = value[1:end]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    if not value or "%" in value:  # zone ids never name a remote visitor
        return None
    return _parse_plain(value)


def _is_trusted(address: IPAddress, trusted: Sequence[IPNetwork]) -> bool:
    """Membership test that tolerates mixing IPv4 and IPv6 networks."""
    return any(address.version == net.version and address in net for net in trusted)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[IPNetwork]
) -> str:
    """The visitor's address: the peer, or the right-most untrusted X-Forwarded-For hop.

    `X-Forwarded-For` is only believed when the direct peer is a trusted proxy; every
    proxy appends the address it saw, so walking from the right and skipping our own
    proxies reaches the first address that nobody we trust could have forged.
    """
    peer_ip = parse_ip(peer) if peer else None
    if peer_ip is None:
        return peer or "unknown"
    if not trusted or not _is_trusted(peer_ip, trusted):
        return str(peer_ip)
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    nearest = peer_ip
    for hop in reversed(hops):
        address = parse_ip(hop)
        if address is None:
            # A hop we cannot parse was not written by a proxy we trust: stop at its writer.
            break
        if not _is_trusted(address, trusted):
            return str(address)
        nearest = address
    return str(nearest)


def network_key(address: str) -> str:
    """IPv6 visitors usually own a whole /64, so the /64 prefix stands for the visitor."""
    parsed = parse_ip(address)
    if parsed is None:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        prefix = parsed.packed[:8] + bytes(8)
        return f"{socket.inet_ntop(socket.AF_INET6, prefix)}/64"
    return str(parsed)


def _hmac_sha256(key: bytes, message: bytes) -> bytes:
    # Not hmac.digest(): its one-shot C function releases the GIL, and the event loop then
    # waits for the database writer thread to hand it back (hundreds of µs per call).
    return hmac.new(key, message, hashlib.sha256).digest()


def visitor_key(salt: bytes, network: str, user_agent: str) -> str:
    """HMAC-SHA256(daily salt, network key + user agent): stable for one day only."""
    message = f"v\x00{network}\x00{user_agent}".encode("utf-8", "surrogatepass")
    return _hmac_sha256(salt, message).hex()


def rate_bucket(salt: bytes, scope: str, network: str) -> str:
    """Rate-limit key per network (not per user agent, which a client can vary freely)."""
    message = f"r\x00{scope}\x00{network}".encode("utf-8", "surrogatepass")
    return f"{scope}:{_hmac_sha256(salt, message).hex()[:40]}"
