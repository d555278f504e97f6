import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The factories set a password on every user; Argon2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
