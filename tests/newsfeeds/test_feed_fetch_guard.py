"""The HTTP client's guard: where it may connect, how long it waits, how much it reads."""

import gzip
import tracemalloc

import pytest

from newsfeeds.importer.fetch import BlockedURL, DeadlineExceeded, FetchError, TooLarge, fetch, is_public_address

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "/etc/passwd", "etc/passwd", "ftp://exemple.fr/flux.xml", "gopher://exemple.fr/", "http://"],
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(BlockedURL):
        fetch(url)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "[::1]", "2130706433", "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1", "192.168.1.10",
     "172.16.0.1", "100.64.0.1", "[fd00::1]", "[fe80::1]", "0.0.0.0", "localhost"],
)  # fmt: skip
def test_internal_addresses_are_refused_before_connecting(feed_server, host):
    feed_server.add("/feed.xml", FEED)
    with pytest.raises(BlockedURL, match="serveur du réseau interne") as refusal:
        fetch(f"http://{host}:{feed_server.port}/feed.xml")
    assert feed_server.requests == []
    # The editor is told what to ask for, never which setting to change.
    assert "NEWSFEEDS" not in str(refusal.value) and "service informatique" in str(refusal.value)


@pytest.mark.parametrize(
    "address, public",
    [("93.184.216.34", True), ("2001:4860:4860::8888", True), ("::ffff:10.0.0.1", False), ("224.0.0.1", False),
     ("2002:7f00:1::", False), ("100.127.255.254", False), ("255.255.255.255", False)],
)  # fmt: skip
def test_address_classification(address, public):
    assert is_public_address(address) is public


def test_trusted_host_is_fetched(trusted_server):
    url = trusted_server.add("/feed.xml", FEED)
    result = fetch(url)
    assert result.status == 200 and result.body == FEED


def test_trust_is_per_host_and_port(feed_server, settings):
    settings.NEWSFEEDS_TRUSTED_HOSTS = f"127.0.0.1:{feed_server.port + 1}"
    feed_server.add("/feed.xml", FEED)
    with pytest.raises(BlockedURL):
        fetch(feed_server.url("/feed.xml"))


def test_trusted_hosts_come_from_the_environment(feed_server, monkeypatch, settings):
    del settings.NEWSFEEDS_TRUSTED_HOSTS
    monkeypatch.setenv("NEWSFEEDS_TRUSTED_HOSTS", f"intranet.mairie.example, 127.0.0.1:{feed_server.port}")
    url = feed_server.add("/feed.xml", FEED)
    assert fetch(url).status == 200


def test_redirect_to_an_internal_address_is_refused(trusted_server):
    trusted_server.add("/redirect", b"", status=302, headers={"Location": f"http://localhost:{trusted_server.port}/x"})
    trusted_server.add("/x", FEED)
    with pytest.raises(BlockedURL):
        fetch(trusted_server.url("/redirect"))
    assert trusted_server.hits("/x") == []


def test_redirect_to_a_file_url_is_refused(trusted_server):
    trusted_server.add("/redirect", b"", status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(BlockedURL):
        fetch(trusted_server.url("/redirect"))


def test_redirects_are_followed_at_most_five_times(trusted_server):
    for hop in range(7):
        trusted_server.add(f"/r{hop}", b"", status=307, headers={"Location": f"/r{hop + 1}"})
    trusted_server.add("/r7", FEED)
    with pytest.raises(FetchError, match="Trop de redirections"):
        fetch(trusted_server.url("/r0"))
    trusted_server.add("/r2", b"", status=307, headers={"Location": "/r7"})
    assert fetch(trusted_server.url("/r0")).body == FEED


def test_slow_server_is_cut_by_the_total_deadline(trusted_server):
    trusted_server.add("/slow.xml", FEED * 3, trickle=0.2)
    with pytest.raises(DeadlineExceeded):
        fetch(trusted_server.url("/slow.xml"), deadline=1.5)


def test_unreachable_server_fails_within_the_connect_timeout(settings):
    settings.NEWSFEEDS_TRUSTED_HOSTS = "10.255.255.1"
    with pytest.raises(FetchError):
        fetch("http://10.255.255.1/flux.xml", connect_timeout=1, deadline=2)


def test_declared_length_over_the_cap_is_refused_before_reading(trusted_server):
    trusted_server.add("/big.xml", FEED, declared_length=50 * 1024 * 1024)
    with pytest.raises(TooLarge, match="annoncés"):
        fetch(trusted_server.url("/big.xml"), max_bytes=1024 * 1024)


def test_undeclared_oversize_body_is_capped(trusted_server):
    trusted_server.add("/big.xml", b"x" * (3 * 1024 * 1024), declared_length=-1)
    with pytest.raises(TooLarge):
        fetch(trusted_server.url("/big.xml"), max_bytes=1024 * 1024)


def test_gzip_bomb_is_capped_with_bounded_memory(trusted_server):
    bomb = b"\0" * (200 * 1024 * 1024)
    trusted_server.add("/bomb.xml", bomb, gzip=True)
    del bomb
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            fetch(trusted_server.url("/bomb.xml"), max_bytes=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_gzip_body_is_decompressed(trusted_server):
    trusted_server.add("/feed.xml", FEED, gzip=True)
    result = fetch(trusted_server.url("/feed.xml"))
    assert result.body == FEED and result.wire_bytes == len(gzip.compress(FEED))


def test_conditional_get_sends_validators_and_returns_not_modified(trusted_server):
    trusted_server.add("/feed.xml", FEED, etag='"abc"', last_modified="Mon, 02 Nov 2026 09:00:00 GMT")
    first = fetch(trusted_server.url("/feed.xml"))
    assert first.etag == '"abc"' and first.last_modified == "Mon, 02 Nov 2026 09:00:00 GMT"
    second = fetch(trusted_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    headers = trusted_server.hits("/feed.xml")[-1]
    assert headers["If-None-Match"] == '"abc"'
    assert headers["If-Modified-Since"] == "Mon, 02 Nov 2026 09:00:00 GMT"


def test_retry_after_is_read_from_429(trusted_server):
    trusted_server.add("/feed.xml", b"", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as error:
        fetch(trusted_server.url("/feed.xml"))
    assert error.value.status == 429 and error.value.retry_after == 120
