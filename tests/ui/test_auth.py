"""The users file: salted PBKDF2 hashes, roles, atomic writes; and how roles become audiences."""

from __future__ import annotations

import json
import stat

import pytest

from ui.access import AccessDenied, AccessPolicy, Viewer, is_loopback
from ui.auth import AuthFileError, UserStore, add_user, hash_password, verify_password

FAST = 1000  # iterations for tests; the file records the count, so checks use the same


def test_hashes_are_salted_and_verified_in_full():
    first, second = hash_password("correct horse", FAST), hash_password("correct horse", FAST)
    assert first != second and first.startswith("pbkdf2_sha256$1000$")
    assert verify_password("correct horse", first)
    assert not verify_password("correct horsE", first)
    assert not verify_password("correct horse", first.replace("pbkdf2_sha256", "md5"))
    assert not verify_password("correct horse", "pbkdf2_sha256$x$y")


def test_add_user_keeps_others_writes_0600_and_logins_check(tmp_path):
    path = tmp_path / "users.json"
    add_user(path, "amina", "staff-password", "staff", iterations=FAST)
    add_user(path, "li.wei", "delegate-password", "delegate", iterations=FAST)
    add_user(path, "amina", "new-staff-password", "staff", iterations=FAST)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert sorted(data["users"]) == ["amina", "li.wei"]
    assert "staff-password" not in path.read_text()
    users = UserStore.load(path)
    assert users.check("amina", "new-staff-password")
    assert not users.check("amina", "staff-password")
    assert users.check("li.wei", "delegate-password")
    assert not users.check("nobody", "delegate-password")
    assert users.get("li.wei").role == "delegate"


@pytest.mark.parametrize(
    ("name", "password", "role", "problem"),
    [
        ("amina", "short", "staff", "password"),
        ("amina", "long enough", "admin", "role"),
        ("two words", "long enough", "staff", "user name"),
    ],
)
def test_add_user_refuses_bad_entries(tmp_path, name, password, role, problem):
    with pytest.raises(AuthFileError, match=problem):
        add_user(tmp_path / "users.json", name, password, role, iterations=FAST)
    assert not (tmp_path / "users.json").exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "not a readable JSON"),
        ('{"users": []}', "expected"),
        ('{"users": {"x": {"role": "king", "password": "pbkdf2_sha256$1$a$b"}}}', "role"),
        ('{"users": {"x": {"role": "staff", "password": "plain"}}}', "password hash"),
    ],
)
def test_unusable_users_files_are_reported(tmp_path, content, problem):
    path = tmp_path / "users.json"
    path.write_text(content)
    with pytest.raises(AuthFileError, match=problem):
        UserStore.load(path)
    with pytest.raises(AuthFileError, match="no such users file"):
        UserStore.load(tmp_path / "missing.json")


def test_roles_map_to_audiences():
    assert Viewer("d", "delegate").audiences == ("public",)
    assert Viewer("s", "staff").audiences == ("public", "staff")
    assert Viewer("d", "delegate").filters(("A/1",)).audiences == ("public",)
    assert Viewer("s", "staff").can_upload and not Viewer("d", "delegate").can_upload


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_policy_with_and_without_a_users_file(tmp_path):
    assert AccessPolicy(None, "127.0.0.1").viewer(None) == Viewer("local", "staff")
    assert AccessPolicy(None, "0.0.0.0").viewer("anyone") == Viewer("local", "delegate")
    path = tmp_path / "users.json"
    add_user(path, "amina", "staff-password", "staff", iterations=FAST)
    policy = AccessPolicy(UserStore.load(path), "0.0.0.0")
    assert policy.viewer("amina") == Viewer("amina", "staff")
    for stranger in (None, "", "mallory"):
        with pytest.raises(AccessDenied):
            policy.viewer(stranger)
