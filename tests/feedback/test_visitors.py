"""Client addresses behind proxies, IPv6 /64 reduction and daily visitor keys."""

from __future__ import annotations

import pytest

from helpcenter.feedback.visitors import (
    client_address,
    network_key,
    parse_ip,
    parse_networks,
    rate_bucket,
    visitor_key,
)

PROXIES = parse_networks(["10.0.0.0/8", "127.0.0.1", "2001:db8:ffff::/48"])


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("2001:db8:abcd:12:aaaa:bbbb:cccc:dddd", "2001:db8:abcd:12::/64"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd:12::/64"),
        ("2001:DB8:ABCD:0012:ffff::ffff", "2001:db8:abcd:12::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),  # IPv4-mapped: the IPv4 address itself
        ("203.0.113.9", "203.0.113.9"),
        ("testclient", "testclient"),  # not an address: used as is
        ("fe80::1%eth0", "fe80::1%eth0"),  # zone ids are not visitor addresses
    ],
)
def test_network_key(address: str, key: str) -> None:
    assert network_key(address) == key


def test_same_64_is_the_same_visitor_other_64_is_not() -> None:
    salt = b"s" * 32
    a = visitor_key(salt, network_key("2001:db8:1:2::10"), "UA")
    b = visitor_key(salt, network_key("2001:db8:1:2:ffff::99"), "UA")
    c = visitor_key(salt, network_key("2001:db8:1:3::10"), "UA")
    assert a == b != c


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),
        (" 203.0.113.5 ", "203.0.113.5"),
        ("203.0.113.5:8443", "203.0.113.5"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("unknown", None),
        ("", None),
        ("[2001:db8::1", None),
        ("999.1.1.1", None),
    ],
)
def test_parse_ip(text: str, expected: str | None) -> None:
    parsed = parse_ip(text)
    assert (str(parsed) if parsed else None) == expected


@pytest.mark.parametrize(
    ("peer", "headers", "expected"),
    [
        # Untrusted peer: the header is a lie until proven otherwise.
        ("198.51.100.1", ["203.0.113.7"], "198.51.100.1"),
        # Trusted proxy: its view of the client.
        ("10.0.0.2", ["203.0.113.7"], "203.0.113.7"),
        # The client prepended a forged hop; the right-most untrusted entry wins.
        ("10.0.0.2", ["6.6.6.6, 203.0.113.7"], "203.0.113.7"),
        # Two trusted proxies in a row.
        ("10.0.0.2", ["203.0.113.7, 10.1.1.1"], "203.0.113.7"),
        # Several header lines are one list, in order.
        ("127.0.0.1", ["6.6.6.6", "203.0.113.7, 10.0.0.9"], "203.0.113.7"),
        # IPv6 clients and proxies.
        ("2001:db8:ffff::1", ["2001:db8:1::5"], "2001:db8:1::5"),
        ("10.0.0.2", ["[2001:db8:1::5]:5555"], "2001:db8:1::5"),
        # Junk written by someone else stops the walk at the hop that wrote it.
        ("10.0.0.2", ["203.0.113.7, garbage, 10.0.0.3"], "10.0.0.3"),
        # Only proxies: the left-most one.
        ("10.0.0.2", ["10.0.0.5, 10.0.0.6"], "10.0.0.5"),
        # Trusted proxy without the header.
        ("10.0.0.2", [], "10.0.0.2"),
        ("10.0.0.2", [" , "], "10.0.0.2"),
        # Not an address at all (test clients, unix sockets).
        ("testclient", ["203.0.113.7"], "testclient"),
        (None, [], "unknown"),
    ],
)
def test_client_address(peer: str | None, headers: list[str], expected: str) -> None:
    assert client_address(peer, headers, PROXIES) == expected


def test_no_trusted_proxies_means_the_peer() -> None:
    assert client_address("10.0.0.2", ["203.0.113.7"], ()) == "10.0.0.2"


def test_visitor_key_depends_on_salt_address_and_agent() -> None:
    base = visitor_key(b"a" * 32, "203.0.113.7", "UA/1")
    assert len(base) == 64
    assert base == visitor_key(b"a" * 32, "203.0.113.7", "UA/1")
    assert base != visitor_key(b"b" * 32, "203.0.113.7", "UA/1")
    assert base != visitor_key(b"a" * 32, "203.0.113.8", "UA/1")
    assert base != visitor_key(b"a" * 32, "203.0.113.7", "UA/2")
    assert "203.0.113.7" not in base


def test_rate_bucket_ignores_the_agent_and_is_scoped() -> None:
    salt = b"k" * 32
    feedback = rate_bucket(salt, "f", "203.0.113.7")
    assert feedback.startswith("f:") and len(feedback) <= 64
    assert feedback != rate_bucket(salt, "s", "203.0.113.7")
    assert feedback != rate_bucket(salt, "f", "203.0.113.8")
    assert feedback != rate_bucket(b"x" * 32, "f", "203.0.113.7")
