"""The client's address, seen through the reverse proxies the deployment trusts.

Log-in throttling counts failures per client address and the audit log records it; behind a
proxy ``REMOTE_ADDR`` is the proxy's own address, the same for everybody.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"KERUEN_TRUSTED_PROXIES: {error}") from error


def _is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in proxy for proxy in proxies)


def client_address(request: HttpRequest) -> str:
    """The address the request came from, seen through the proxies we trust.

    ``REMOTE_ADDR`` unless it is one of ``KERUEN_TRUSTED_PROXIES`` (addresses or networks);
    then the right-most ``X-Forwarded-For`` entry that is not a trusted proxy: each proxy
    appends the address it was reached from, so entries left of that one were written by
    the client and prove nothing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = _networks(tuple(settings.KERUEN_TRUSTED_PROXIES))
    if not proxies or not _is_trusted(remote, proxies):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, proxies):
            return hop
    return hops[0] if hops else remote


def client_ip(request: HttpRequest) -> str | None:
    """``client_address`` if it is an IP address (what the audit log stores), else None: a
    forwarded header can hold anything."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_network(request: HttpRequest) -> str:
    """What throttling counts as one client: the IPv4 address, or the /64 network of an IPv6
    one (a single host is usually given a whole /64, and would otherwise get a fresh budget
    for each of its addresses). Anything else (a forwarded header can hold anything) as is."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv4Address):
        return str(parsed)
    if parsed.ipv4_mapped is not None:  # "::ffff:192.0.2.1" is that IPv4 client
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
