"""The feed guard judges every form an address can take: an IPv6 address that carries an IPv4
address is judged by that IPv4 address, the transition forms with no business on a feed server
are refused, and refusals never show editors what a name resolves to."""

import ipaddress
import itertools

import pytest

from newsfeeds.importer.fetch import BlockedURL, fetch, is_public_address

# IANA's special-purpose IPv4 ranges: none of them is a feed server on the internet.
INTERNAL_IPV4 = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
]  # fmt: skip
PUBLIC_IPV4 = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "212.27.48.10"]


def internal_ipv4_samples():
    for network in map(ipaddress.ip_network, INTERNAL_IPV4):
        yield from (network[0], network[1], network[network.num_addresses // 2], network[-1])


def v6(value):
    return ipaddress.IPv6Address(value)


# Each form takes an IPv4 address and returns the IPv6 address that carries it.
STANDS_FOR_IPV4 = {
    "IPv4-mapped ::ffff:0:0/96": lambda v4: v6(0xFFFF << 32 | int(v4)),
    "IPv4-translated ::ffff:0:0:0/96": lambda v4: v6(0xFFFF << 48 | int(v4)),
    "NAT64 well-known 64:ff9b::/96": lambda v4: v6(0x64FF9B << 96 | int(v4)),
    "ISATAP in a public prefix": lambda v4: v6(0x20014860000000010000_5EFE << 32 | int(v4)),
    "ISATAP, universal bit set": lambda v4: v6(0x200148600000000102005EFE << 32 | int(v4)),
}
ALWAYS_REFUSED = {
    "IPv4-compatible ::/96": lambda v4: v6(int(v4)),
    "NAT64 local-use 64:ff9b:1::/48": lambda v4: v6(0x64FF9B0001 << 80 | int(v4)),
    "6to4 2002::/16": lambda v4: v6(0x2002 << 112 | int(v4) << 80 | 1),
    "Teredo 2001::/32": lambda v4: v6(0x2001 << 112 | 0x4136E378 << 64 | (~int(v4) & 0xFFFFFFFF)),
}
NATIVE_INTERNAL_IPV6 = [
    "::", "::1", "fe80::1", "fec0::1", "fefe::1", "fc00::1", "fd12:3456::1", "ff0e::1", "ff02::1",
    "2001:db8::1", "3fff::1", "100::1", "5f00::1", "2001:10::1", "2001:20::1",
]  # fmt: skip
NATIVE_PUBLIC_IPV6 = ["2001:4860:4860::8888", "2606:4700:4700::1111", "2a01:e0a::1"]


@pytest.mark.parametrize("form", STANDS_FOR_IPV4)
def test_an_ipv6_form_of_an_internal_ipv4_address_is_refused(form):
    accepted = [str(v4) for v4 in internal_ipv4_samples() if is_public_address(STANDS_FOR_IPV4[form](v4))]
    assert accepted == []


@pytest.mark.parametrize("form", STANDS_FOR_IPV4)
def test_an_ipv6_form_of_a_public_ipv4_address_is_judged_by_it(form):
    assert all(is_public_address(STANDS_FOR_IPV4[form](ipaddress.IPv4Address(v4))) for v4 in PUBLIC_IPV4)


@pytest.mark.parametrize("form", ALWAYS_REFUSED)
def test_transition_forms_are_refused_whatever_they_carry(form):
    samples = itertools.chain(internal_ipv4_samples(), map(ipaddress.IPv4Address, PUBLIC_IPV4))
    accepted = [str(v4) for v4 in samples if is_public_address(ALWAYS_REFUSED[form](v4))]
    assert accepted == []


def test_internal_ipv4_addresses_are_refused():
    assert [str(v4) for v4 in internal_ipv4_samples() if is_public_address(v4)] == []


@pytest.mark.parametrize("address", NATIVE_INTERNAL_IPV6)
def test_internal_and_reserved_ipv6_ranges_are_refused(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", [*PUBLIC_IPV4, *NATIVE_PUBLIC_IPV6])
def test_public_addresses_are_accepted(address):
    assert is_public_address(address)


@pytest.mark.parametrize("host", ["[64:ff9b::7f00:1]", "[::127.0.0.1]", "[fec0::1]", "[::ffff:0:a00:1]"])
def test_embedded_forms_in_a_url_are_refused_before_connecting(feed_server, host):
    feed_server.add("/feed.xml", b"<rss/>")
    with pytest.raises(BlockedURL):
        fetch(f"http://{host}:{feed_server.port}/feed.xml")
    assert feed_server.requests == []


def test_a_refusal_names_the_host_but_logs_the_resolved_address(feed_server, caplog):
    caplog.set_level("WARNING", logger="newsfeeds.importer.fetch")
    with pytest.raises(BlockedURL) as refusal:
        fetch(f"http://localhost:{feed_server.port}/feed.xml")
    message = str(refusal.value)
    assert "localhost" in message
    assert "127.0.0.1" not in message and "::1" not in message
    assert any("127.0.0.1" in record.getMessage() for record in caplog.records)
