"""Where the crawler may go: http(s) only, the source's own hosts, and no private addresses for public sources.

A page, sitemap, feed or redirect of a public site that points at this machine or an internal network
(127.0.0.1, 10.x, 169.254.169.254, [::1], localhost …) would let a stranger's page make the crawler
probe what only it can reach. Such targets are refused and counted as "unsafe_address"; a source that is
itself configured on a private address (the sample sites, tests) may still reach its own host and port.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.urls import crawl_vocab, is_http_url, site_of

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedRequest(IgnoreRequest):
    """A request the crawler will not send; `kind` names why (as counted in crawl_errors)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def literal_address(host: str) -> Address | None:
    """The IP address a host spells literally ('127.0.0.1', '[::1]', legacy '127.1' or '2130706433'), else None."""
    host = host.strip().strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefxABCDEFX." for c in host) and host[0].isdigit():
        try:  # the forms inet_aton (and so the resolver) still reads: octal, hex, fewer than four parts
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def unsafe_ip(address: Address) -> bool:
    """True for loopback, private, link-local, shared, multicast, reserved or unspecified addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def internal_name(host: str) -> bool:
    """True for names that mean this machine or an internal network ('localhost', 'x.internal' …)."""
    host = host.lower().rstrip(".")
    for name in crawl_vocab()["internal_host_names"]:
        if host == name.lstrip(".") or (name.startswith(".") and host.endswith(name)):
            return True
    return False


def unsafe_host(host: str) -> bool:
    """True when a host, as written, is a private/loopback/reserved address or an internal name."""
    address = literal_address(host)
    return unsafe_ip(address) if address is not None else internal_name(host)


def host_of(url: str) -> str:
    """A URL's host, lowercased ('' when unparsable)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def refusal(url: str, sites: set[str]) -> str | None:
    """Why a URL may not be fetched for a source on `sites` ('bad_scheme', 'unsafe_address'), or None.

    A private address is allowed only when it is exactly one of the source's own sites (host and port).
    """
    if not is_http_url(url):
        return "bad_scheme"
    if unsafe_host(host_of(url)) and site_of(url) not in sites:
        return "unsafe_address"
    return None


def resolves_unsafe(host: str) -> bool:
    """True when a host name resolves to any unsafe address (blocking; run in a thread)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # unresolvable: the download fails and is counted as a DNS error
    return any(unsafe_ip(ipaddress.ip_address(info[4][0].split("%", 1)[0])) for info in infos)


class SafetyMiddleware:
    """Downloader middleware: refuses every request (redirects included) outside a source's safe reach."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.resolved: dict[str, bool] = {}  # host name -> resolves to an unsafe address

    @classmethod
    def from_crawler(cls, crawler: Any) -> SafetyMiddleware:
        """The middleware of one crawler."""
        return cls(crawler)

    def sites_of(self, request: Request) -> set[str] | None:
        """The sites of the request's source (None when the spider does not say)."""
        states = getattr(self.crawler.spider, "states", None)
        state = states.get(request.meta.get("source")) if states else None
        return state.sites if state is not None else None

    async def process_request(self, request: Request) -> None:
        """Raise RefusedRequest for a bad scheme, an unsafe address or a redirect that left the source."""
        sites = self.sites_of(request)
        if sites is None:
            return None
        kind = refusal(request.url, sites)
        if kind:
            raise RefusedRequest(kind, f"{kind}: refused {request.url}")
        if request.meta.get("redirect_urls") and site_of(request.url) not in sites:
            raise RefusedRequest("offsite_redirect", f"offsite_redirect: refused {request.url}")
        host = host_of(request.url)
        if site_of(request.url) not in sites or literal_address(host) is not None:
            return None
        if any(unsafe_host(host_of("http://" + s)) for s in sites):
            return None  # a source configured on a private host may resolve its own names privately
        if host not in self.resolved:
            self.resolved[host] = await maybe_deferred_to_future(deferToThread(resolves_unsafe, host))
        if self.resolved[host]:
            raise RefusedRequest("unsafe_address", f"unsafe_address: {host} resolves to a private address")
        return None
