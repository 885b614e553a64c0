"""Our own HTTP client for feeds: the network guard, the deadline and the size cap.

feedparser must never receive a URL (it opens local files and has no timeout), so every
document is fetched here. The guard checks the address actually connected to, on every hop:
we resolve the name ourselves, check each candidate address, then connect to that address
(no second resolution that a rebinding DNS could answer differently).
"""

import email.utils
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from .. import conf

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
CHUNK = 64 * 1024
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
# Never a feed server's address, though Python 3.11's ipaddress calls some of them global (its
# table predates them) or never looks at them (transition forms, deprecated ranges).
NOT_PUBLIC = [
    ipaddress.ip_network(network)
    for network in (
        "100.64.0.0/10",  # shared address space (carrier-grade NAT), RFC 6598
        "192.0.0.0/24",  # IETF protocol assignments, RFC 6890
        "192.88.99.0/24",  # 6to4 relay anycast, deprecated (RFC 7526)
        "::/96",  # IPv4-compatible IPv6 addresses, deprecated (RFC 4291), with :: and ::1
        "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215): a translator inside our own network
        "100::/64",  # discard-only, RFC 6666
        "2001::/32",  # Teredo
        "2002::/16",  # 6to4
        "3fff::/20",  # documentation, RFC 9637
        "5f00::/16",  # segment routing identifiers, RFC 9602
        "fec0::/10",  # site-local, deprecated (RFC 3879)
    )
]
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

logger = logging.getLogger(__name__)

_host_locks = {}
_host_locks_guard = threading.Lock()


class FetchError(Exception):
    """The source could not be fetched; the message is French, for the editors."""

    status = None
    retry_after = None


class BlockedURL(FetchError):
    """The address is not one the portal may contact."""


class TooLarge(FetchError):
    pass


class DeadlineExceeded(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, status, message, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class Gone(HTTPStatusError):
    pass


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    wire_bytes: int = 0
    # Set when every hop was a permanent redirect: the source's URL should move there.
    permanent_url: str | None = None
    # Filled by the import run's worker threads, which parse while the main thread stores.
    body_hash: str = ""
    parsed: object = None

    @property
    def not_modified(self):
        return self.status == 304

    @property
    def etag(self):
        return self.headers.get("etag", "")

    @property
    def last_modified(self):
        return self.headers.get("last-modified", "")


def _host_lock(netloc):
    with _host_locks_guard:
        return _host_locks.setdefault(netloc, threading.Lock())


def last_32_bits(ip):
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def is_isatap(ip):
    """An ISATAP interface identifier (RFC 5214): the node is reached through that IPv4 address."""
    return (int(ip) >> 32) & 0xFDFFFFFF == 0x00005EFE


def is_public_address(ip):
    """True if a feed server at this address is on the internet, not inside our network.

    IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96) and well-known NAT64
    (64:ff9b::/96, RFC 6052) addresses stand for the IPv4 address in their last 32 bits and are
    judged by it; an ISATAP address must be public on both sides; the transition forms a feed server
    has no reason to use (6to4, Teredo, IPv4-compatible, local-use NAT64: NOT_PUBLIC) are refused
    whatever they carry."""
    ip = ipaddress.ip_address(ip)
    if ip.version == 6:
        if ip.ipv4_mapped is not None or ip in IPV4_TRANSLATED or ip in NAT64_WELL_KNOWN:
            return is_public_address(last_32_bits(ip))
        if is_isatap(ip) and not is_public_address(last_32_bits(ip)):
            return False
    if any(ip in network for network in NOT_PUBLIC):
        return False
    return ip.is_global and not ip.is_multicast


def is_trusted(host, port):
    trusted = conf.trusted_hosts()
    host = host.lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host in trusted or f"{host}:{port}" in trusted or f"[{host}]:{port}" in trusted


def check_url(url):
    """Return (scheme, host, port, target) of an acceptable URL or raise BlockedURL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise BlockedURL("Adresse invalide.") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise BlockedURL("Seules les adresses http et https sont acceptées.")
    host = parts.hostname
    if not host:
        raise BlockedURL("Adresse sans nom de serveur.")
    port = port or (443 if scheme == "https" else 80)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return scheme, host, port, target


def _connect(host, port, connect_timeout):
    """Resolve, check every candidate address, connect to an allowed one."""
    trusted = is_trusted(host, port)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        logger.info("feed host %s not resolved: %s", host, error)
        raise FetchError(f"Le serveur « {host} » est introuvable : vérifiez l'orthographe de l'adresse.") from None
    refused = []
    last_error = None
    for family, socktype, proto, _canonname, sockaddr in infos:
        address = sockaddr[0]
        if not trusted and not is_public_address(address):
            refused.append(address)
            continue
        sock = socket.socket(family, socktype, proto)
        sock.settimeout(connect_timeout)
        try:
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            last_error = error
            continue
        # The connected peer is checked too: it is the address we actually talk to.
        peer = sock.getpeername()[0]
        if not trusted and not is_public_address(peer):
            sock.close()
            refused.append(peer)
            continue
        return sock
    if refused:
        # The addresses go to the logs only: editors must not learn what a name resolves to inside.
        # The operator's remedy (NEWSFEEDS_TRUSTED_HOSTS) is in the log: editors cannot change a setting.
        logger.warning(
            "feed guard refused %s:%s resolved to %s (list it in NEWSFEEDS_TRUSTED_HOSTS if it is trusted)",
            host, port, ", ".join(sorted(set(refused))),
        )
        raise BlockedURL(
            f"« {host} » est un serveur du réseau interne, que l'intranet ne contacte pas. "
            "Si ce flux est sûr, demandez au service informatique de l'autoriser."
        )
    logger.info("feed host %s:%s unreachable: %s", host, port, last_error)
    raise FetchError(f"Le serveur « {host} » ne répond pas : vérifiez l'adresse ou réessayez plus tard.")


def _retry_after(value):
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - datetime.now(UTC)).total_seconds()))


class _Body:
    """Read a response body within the cap, decompressing gzip/deflate on the way."""

    def __init__(self, encoding, max_bytes):
        self.max_bytes = max_bytes
        self.out = bytearray()
        self.wire = 0
        encoding = (encoding or "").strip().lower()
        if encoding in {"gzip", "x-gzip"}:
            self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.decoder = zlib.decompressobj(32 + zlib.MAX_WBITS)
        elif encoding in {"", "identity"}:
            self.decoder = None
        else:
            raise FetchError(f"Encodage de contenu non pris en charge : {encoding}.")

    def _append(self, data):
        self.out += data
        if len(self.out) > self.max_bytes:
            raise TooLarge(f"Flux trop volumineux (plus de {self.max_bytes} octets).")

    def feed(self, chunk):
        self.wire += len(chunk)
        if self.wire > self.max_bytes:
            raise TooLarge(f"Flux trop volumineux (plus de {self.max_bytes} octets).")
        if self.decoder is None:
            self._append(chunk)
            return
        try:
            # Bounded output per call: a gzip bomb never expands beyond the cap in memory.
            self._append(self.decoder.decompress(chunk, self.max_bytes + 1 - len(self.out)))
            while self.decoder.unconsumed_tail:
                self._append(self.decoder.decompress(self.decoder.unconsumed_tail, self.max_bytes + 1 - len(self.out)))
        except zlib.error as error:
            raise FetchError(f"Contenu compressé illisible ({error}).") from None

    def finish(self):
        if self.decoder is not None:
            try:
                self._append(self.decoder.flush())
            except zlib.error as error:
                raise FetchError(f"Contenu compressé illisible ({error}).") from None
        return bytes(self.out)


def _one_request(url, headers, deadline_at, connect_timeout, max_bytes):
    scheme, host, port, target = check_url(url)
    remaining = deadline_at - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded("Délai total dépassé.")
    sock = _connect(host, port, min(connect_timeout, remaining))
    if scheme == "https":
        context = ssl.create_default_context()
        sock.settimeout(max(0.1, deadline_at - time.monotonic()))
        try:
            sock = context.wrap_socket(sock, server_hostname=host)
        except (ssl.SSLError, OSError) as error:
            sock.close()
            raise FetchError(f"Échec de la négociation TLS avec {host} ({error}).") from None
        conn = http.client.HTTPSConnection(host, port, timeout=connect_timeout)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=connect_timeout)
    conn.sock = sock
    expired = threading.Event()

    def cut():
        # A server trickling bytes keeps each recv() alive; the deadline closes the socket.
        expired.set()
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    timer = threading.Timer(max(0.0, deadline_at - time.monotonic()), cut)
    timer.daemon = True
    timer.start()
    try:
        sock.settimeout(max(0.1, min(connect_timeout, deadline_at - time.monotonic())))
        conn.request("GET", target, headers=headers)
        response = conn.getresponse()
        status = response.status
        response_headers = {k.lower(): v for k, v in response.getheaders()}
        body = b""
        wire = 0
        if status == 200:
            length = response_headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise TooLarge(f"Flux trop volumineux ({length} octets annoncés, plafond {max_bytes}).")
            reader = _Body(response_headers.get("content-encoding"), max_bytes)
            while True:
                if time.monotonic() > deadline_at:
                    raise DeadlineExceeded("Délai total dépassé pendant la lecture.")
                chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
                if not chunk:
                    break
                reader.feed(chunk)
            body = reader.finish()
            wire = reader.wire
        if expired.is_set():
            raise DeadlineExceeded("Délai total dépassé.")
        return status, response_headers, body, wire
    except (OSError, http.client.HTTPException) as error:
        if expired.is_set() or isinstance(error, TimeoutError | socket.timeout):
            raise DeadlineExceeded("Délai dépassé : le serveur répond trop lentement.") from None
        raise FetchError(f"Erreur réseau ({error.__class__.__name__}: {error}).") from None
    finally:
        timer.cancel()
        conn.close()


def fetch(url, *, etag="", last_modified="", deadline=None, connect_timeout=None, max_bytes=None, max_redirects=None):
    """GET a feed with the guard; return a FetchResult (200 or 304) or raise FetchError."""
    deadline = deadline if deadline is not None else conf.get("NEWSFEEDS_DEADLINE")
    connect_timeout = connect_timeout if connect_timeout is not None else conf.get("NEWSFEEDS_CONNECT_TIMEOUT")
    max_bytes = max_bytes if max_bytes is not None else conf.get("NEWSFEEDS_MAX_BYTES")
    max_redirects = max_redirects if max_redirects is not None else conf.get("NEWSFEEDS_MAX_REDIRECTS")
    deadline_at = time.monotonic() + deadline
    headers = {
        "User-Agent": conf.get("NEWSFEEDS_USER_AGENT"),
        "Accept": ACCEPT,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    all_permanent = True
    total_wire = 0
    for _hop in range(max_redirects + 1):
        netloc = urlsplit(current).netloc.lower()
        with _host_lock(netloc):
            status, response_headers, body, wire = _one_request(
                current, headers, deadline_at, connect_timeout, max_bytes
            )
        total_wire += wire
        if status in REDIRECT_STATUSES:
            location = response_headers.get("location")
            if not location:
                raise HTTPStatusError(status, f"Redirection {status} sans adresse de destination.")
            all_permanent = all_permanent and status in PERMANENT_REDIRECTS
            current = urljoin(current, location.strip())
            check_url(current)
            continue
        if status in {200, 304}:
            permanent = current if (all_permanent and current != url) else None
            return FetchResult(
                url=current,
                status=status,
                body=body,
                headers=response_headers,
                wire_bytes=total_wire,
                permanent_url=permanent,
            )
        retry_after = _retry_after(response_headers.get("retry-after"))
        if status == 410:
            raise Gone(status, "Le flux a été supprimé par son éditeur (HTTP 410) : source mise en pause.")
        if status in {429, 503}:
            raise HTTPStatusError(status, f"Serveur surchargé (HTTP {status}), nouvel essai plus tard.", retry_after)
        raise HTTPStatusError(status, f"Réponse HTTP {status} du serveur.", retry_after)
    raise FetchError(f"Trop de redirections (plus de {max_redirects}).")
