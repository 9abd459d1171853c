"""The sign-in page in the visitor's language, through a real server with --auth."""

from __future__ import annotations

import urllib.request

import pytest

from assistant.service import AssistantService
from reformqa.settings import Settings
from ui.app import create_handlers, launch
from ui.auth import add_user
from ui.i18n import label
from ui.login_page import localise_login

PAGE = (
    b'<html lang="en"><head></head><body><script>window.gradio_config = '
    b'{"auth_required": true, "auth_message": "MESSAGE"};</script></body></html>'
)


def test_localise_sets_language_direction_title_and_message():
    english = label("auth_message", "en")
    page = PAGE.replace(b"MESSAGE", english.encode())
    arabic = localise_login(page, "ar").decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert f"<title>{label('sign_in_title', 'ar')}</title>" in arabic
    assert english not in arabic and '"title":' in arabic
    assert "\\u0628\\u0639\\u062f" in arabic  # the Arabic message, JSON-escaped ("بعد")


@pytest.mark.parametrize("port", [7873])
def test_the_served_login_page_follows_accept_language(tmp_path, embedder, port):
    users = tmp_path / "users.json"
    add_user(users, "amina", "a-long-password", "staff", iterations=1000)
    settings = Settings(store=tmp_path / "store", auth=users, port=port)
    handlers = create_handlers(settings, AssistantService(settings, embedder=embedder))
    demo = launch(handlers, settings)
    try:
        request = urllib.request.Request(demo.local_url, headers={"Accept-Language": "zh-CN"})
        with urllib.request.urlopen(request, timeout=10) as response:
            html = response.read().decode()
        assert '<html lang="zh" dir="ltr"' in html and 'lang="en"' not in html
        assert f"<title>{label('sign_in_title', 'zh')}</title>" in html
        assert label("auth_message", "en") not in html
    finally:
        demo.close()
        handlers.close()
