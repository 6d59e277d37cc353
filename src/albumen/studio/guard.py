"""Who may reach the studio: the person at this computer, in their own browser, and nobody else.

The studio writes a person's only copy of their archive, so every request must pass three gates:
- the Host header names 127.0.0.1 or localhost at our port (a DNS-rebinding page's requests name its domain);
- the key, random per start: from the address printed at start (`?key=`), then from a cookie that only this
  origin is sent (SameSite=Strict), compared in constant time;
- a request that changes anything is a POST whose Origin (or Sec-Fetch-Site) says it came from the studio's
  own pages, and carries the key again in its form, which other origins can't read.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = {"GET", "HEAD"}


def new_key() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Guard:
    """The gates, as plain checks (the middleware below applies them to every request)."""

    port: int
    key: str = field(default_factory=new_key)

    @property
    def cookie(self) -> str:
        return f"albumen_studio_{self.port}"  # cookies ignore ports: one per studio on this machine

    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def host_ok(self, headers: Headers) -> bool:
        return headers.get("host", "").lower() in self.allowed_hosts()

    def same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        if origin is None and site is None:
            return False  # browsers send Origin with every POST; a request without either is not from our page
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self.allowed_hosts()}:
            return False
        return site is None or site == "same-origin"

    def key_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.key.encode())

    def cookie_key(self, headers: Headers) -> str | None:
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie:
                return value
        return None


class GuardMiddleware:
    """Refuses, before any route runs, what fails the Host, key or origin gate (403, nothing changed)."""

    def __init__(self, app: ASGIApp, guard: Guard, read_only: bool) -> None:
        self.app, self.guard, self.read_only = app, guard, read_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        method = scope["method"]
        if not self.guard.host_ok(headers):
            await _refuse(send, 421, "this server answers only to http://127.0.0.1 (a page on another site "
                          "tried to reach it)")
            return
        if self.read_only:
            if method not in SAFE_METHODS:
                await _refuse(send, 405, "this preview is read-only")
                return
            await self.app(scope, receive, send)
            return
        query_key = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("key", [None])[0]
        if method in SAFE_METHODS and self.guard.key_ok(query_key):
            await _set_cookie_and_redirect(send, self.guard, scope)
            return
        if not self.guard.key_ok(self.guard.cookie_key(headers)):
            await _refuse(send, 403, "open the address albumen serve printed (it carries the studio's key)")
            return
        if method not in SAFE_METHODS and (method != "POST" or not self.guard.same_origin(headers)):
            await _refuse(send, 403, "changes are accepted only from the studio's own pages")
            return
        await self.app(scope, receive, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = message.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _set_cookie_and_redirect(send: Send, guard: Guard, scope: Scope) -> None:
    """The key moves from the address (which a person may copy or share) into a cookie only this origin gets."""
    cookie = f"{guard.cookie}={guard.key}; Path=/; HttpOnly; SameSite=Strict"
    path = scope.get("path", "/") or "/"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", path.encode("utf-8", "replace")), (b"set-cookie", cookie.encode()),
                            (b"cache-control", b"no-store"), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
