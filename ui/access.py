"""Who is asking, and which documents they may see.

Every handler derives the viewer from the request on the server and passes the viewer's
audiences to `SearchFilters`, which both indexes enforce. Hiding UI elements is a courtesy on
top, never the control.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.filters import SearchFilters

if TYPE_CHECKING:
    from ui.auth import UserStore

ROLE_AUDIENCES: dict[str, tuple[str, ...]] = {
    "delegate": ("public",),
    "staff": ("public", "staff"),
}
LOCAL_USER = "local"


class AccessDenied(PermissionError):
    """A request that no known user made (e.g. a user removed from the auth file)."""


@dataclass(frozen=True)
class Viewer:
    """The person behind a request, as far as access control is concerned."""

    name: str
    role: str

    @property
    def audiences(self) -> tuple[str, ...]:
        return ROLE_AUDIENCES[self.role]

    @property
    def can_upload(self) -> bool:
        """Uploads land in the shared index every user queries, so only staff may add them."""
        return self.role == "staff"

    def filters(self, symbols: tuple[str, ...] = ()) -> SearchFilters:
        return SearchFilters(symbols=symbols, audiences=self.audiences)

    def may_see(self, audience: str) -> bool:
        return audience in self.audiences


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class AccessPolicy:
    """Maps a request's user name to a Viewer.

    Without an auth file the server is single-user: the store owner on their own machine, who
    counts as staff while the server listens on loopback only. Bound to any other address
    without auth, anyone who can reach the port is anonymous and counts as a delegate, so
    binding publicly by mistake never exposes `audience: staff` documents.
    """

    def __init__(self, users: UserStore | None, host: str) -> None:
        self.users = users
        self.host = host

    @property
    def requires_login(self) -> bool:
        return self.users is not None

    @property
    def local_role(self) -> str:
        return "staff" if is_loopback(self.host) else "delegate"

    def history_owner(self, viewer: Viewer) -> str | None:
        """Whose saved conversations this viewer sees: their own with sign-in, the store
        owner's on loopback; None for anonymous visitors of a public server, who are
        indistinguishable and so must not share one history."""
        if self.users is not None or is_loopback(self.host):
            return viewer.name
        return None

    def viewer(self, username: str | None) -> Viewer:
        if self.users is None:
            return Viewer(LOCAL_USER, self.local_role)
        user = self.users.get(username) if username else None
        if user is None:
            raise AccessDenied("not signed in as a known user")
        return Viewer(user.name, user.role)
