from __future__ import annotations

from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories import PASSWORD, UserFactory


def _login(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"username": email, "password": password})


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_login_by_email_and_throttling(db) -> None:
    cache.clear()
    user = UserFactory(email="delegate@example.org")
    client = Client()
    response = _login(client, "Delegate@Example.org", PASSWORD)
    assert response.status_code == 302
    client.logout()
    for _ in range(3):
        assert _login(client, user.email, "wrong-password").status_code == 200
    # Now even the right password is refused until the window passes.
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed" in response.content.decode()
    cache.clear()
    assert _login(client, user.email, PASSWORD).status_code == 302
