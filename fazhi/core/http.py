"""Facts about an HTTP request that several apps need."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


class AuthedRequest(HttpRequest):
    """A request behind @login_required. Its user is an ``accounts.User``; typed ``Any`` here
    because core, the leaf, cannot import accounts."""

    user: Any


def client_ip(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For is believed only from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        return forwarded.split(",")[0].strip()
    return remote


def network_of(ip: str) -> str:
    """The address's network as public pages count it: IPv4 /24, IPv6 /64 ("" if unreadable).
    One mobile network or office shares it, so limits and logs count networks, not addresses."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
