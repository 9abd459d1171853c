"""The users file behind `reformqa serve --auth FILE`: names, roles and salted password hashes.

Format (JSON, UTF-8):

    {"users": {"amina": {"role": "staff", "password": "pbkdf2_sha256$600000$SALT$HASH"}}}

SALT and HASH are URL-safe base64. Passwords are hashed with PBKDF2-HMAC-SHA256 and compared
in constant time; an unknown user costs the same hashing as a known one, so response times do
not reveal which names exist. Entries are written with `reformqa serve --auth FILE --add-user
NAME --role staff` (or `ui.auth.add_user`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ui.access import ROLE_AUDIENCES

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@+-]{1,64}$")


class AuthFileError(ValueError):
    """A users file that cannot be read, or an entry that cannot be written."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        algorithm, iterations, salt, expected = encoded.split("$")
        if algorithm != ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), _unb64(salt), int(iterations)
        )
        return hmac.compare_digest(digest, _unb64(expected))
    except (ValueError, TypeError):
        return False


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str


class UserStore:
    """The users of one auth file, loaded once at server start."""

    def __init__(self, users: dict[str, User]) -> None:
        self._users = users
        # Verified against for unknown names, so that a miss costs as much as a hit; random
        # bytes in place of a digest, as no password can match it.
        salt, digest = secrets.token_bytes(16), secrets.token_bytes(32)
        self._decoy = f"{ALGORITHM}${ITERATIONS}${_b64(salt)}${_b64(digest)}"

    @classmethod
    def load(cls, path: Path) -> UserStore:
        return cls(_parse(_read(path), path))

    def get(self, name: str) -> User | None:
        return self._users.get(name)

    def __len__(self) -> int:
        return len(self._users)

    def check(self, username: str, password: str) -> bool:
        """The login check Gradio calls: True when the name exists and the password matches."""
        user = self._users.get(username)
        ok = verify_password(password, user.password_hash if user else self._decoy)
        return ok and user is not None


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AuthFileError(f"{path}: no such users file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AuthFileError(f"{path}: not a readable JSON users file ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("users", {}), dict):
        raise AuthFileError(f'{path}: expected {{"users": {{NAME: {{...}}}}}}')
    return data


def _parse(data: dict, path: Path) -> dict[str, User]:
    users: dict[str, User] = {}
    for name, entry in data.get("users", {}).items():
        if not isinstance(entry, dict):
            raise AuthFileError(f"{path}: user {name!r} is not an object")
        role = entry.get("role")
        if role not in ROLE_AUDIENCES:
            raise AuthFileError(
                f"{path}: user {name!r} has role {role!r}; roles: {', '.join(ROLE_AUDIENCES)}"
            )
        password = entry.get("password")
        if not isinstance(password, str) or not password.startswith(f"{ALGORITHM}$"):
            raise AuthFileError(f"{path}: user {name!r} has no {ALGORITHM} password hash")
        users[name] = User(name, role, password)
    return users


def add_user(path: Path, name: str, password: str, role: str, iterations: int = ITERATIONS) -> None:
    """Add or replace a user, keeping the others; the file is written atomically, mode 0600."""
    if not _NAME.match(name):
        raise AuthFileError(f"user name {name!r}: 1-64 letters, digits or . @ + - _")
    if role not in ROLE_AUDIENCES:
        raise AuthFileError(f"role {role!r}: one of {', '.join(ROLE_AUDIENCES)}")
    if len(password) < MIN_PASSWORD:
        raise AuthFileError(f"password: at least {MIN_PASSWORD} characters")
    data = _read(path) if path.exists() else {"users": {}}
    _parse(data, path)
    data.setdefault("users", {})[name] = {
        "role": role,
        "password": hash_password(password, iterations),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
