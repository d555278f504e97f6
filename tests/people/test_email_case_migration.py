"""The migration that stores e-mail addresses in lower case, so their accounts can log in."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from tests.migrations import migrate_to, migrate_to_latest

BEFORE = [("people", "0011_participant_search_text")]
AFTER = [("people", "0012_lowercase_emails")]


@pytest.mark.django_db(transaction=True)
def test_mixed_case_addresses_are_lowered_unless_two_accounts_would_clash() -> None:
    from django.contrib.auth.hashers import make_password

    old = migrate_to(BEFORE)
    try:
        users = old.get_model("people", "User").objects
        password = make_password("keruen-pw-123")
        users.create(email="Aigerim.Nurlanova@Example.KZ", password=password)
        users.create(email="wang.lei@example.cn", password=password)
        users.create(email="Аян@почта.рф", password=password)  # beyond ASCII
        users.create(email="Ivan@Example.RU", password=password)  # one person, twice
        users.create(email="ivan@example.ru", password=password)
        new = migrate_to(AFTER)
        emails = sorted(new.get_model("people", "User").objects.values_list("email", flat=True))
        assert emails == [
            "Ivan@Example.RU",
            "aigerim.nurlanova@example.kz",
            "ivan@example.ru",
            "wang.lei@example.cn",
            "аян@почта.рф",
        ]
        migrate_to_latest()
        user = authenticate(None, username="Aigerim.Nurlanova@example.kz", password="keruen-pw-123")
        assert user is not None
        assert user.email == "aigerim.nurlanova@example.kz"
    finally:
        migrate_to_latest()
