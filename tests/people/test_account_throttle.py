"""Log-in throttling: per e-mail and per client address, behind proxies, on every cache."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from keruen.common.addresses import client_address
from keruen.people.auth import login_is_throttled, record_login_failure
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _login(client: Client, email: str, password: str, **extra: str):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


def _logged_in(response) -> bool:
    return response.status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=5)
def test_one_delegates_typos_do_not_lock_out_the_others_behind_the_same_address(db) -> None:
    # Everyone at the venue's Wi-Fi shares one address.
    clumsy, other = UserFactory(), UserFactory()
    for _ in range(5):
        assert not _logged_in(_login(Client(), clumsy.email, "wrong-password"))
    assert not _logged_in(_login(Client(), clumsy.email, PASSWORD))  # that e-mail waits
    assert _logged_in(_login(Client(), other.email, PASSWORD))


@override_settings(LOGIN_FAILURE_LIMIT=5, LOGIN_FAILURE_ADDRESS_LIMIT=8)
def test_one_address_trying_many_accounts_is_stopped(db) -> None:
    target = UserFactory()
    for number in range(8):
        assert not _logged_in(_login(Client(), f"guess{number}@example.org", "wrong-password"))
    response = _login(Client(), target.email, PASSWORD)
    assert not _logged_in(response)
    assert "Too many failed" in response.content.decode()
    # Another address is not concerned.
    assert _logged_in(_login(Client(REMOTE_ADDR="198.51.100.7"), target.email, PASSWORD))


@override_settings(LOGIN_FAILURE_LIMIT=5, LOGIN_FAILURE_ADDRESS_LIMIT=6)
def test_a_success_clears_the_emails_count_but_not_the_addresss(db) -> None:
    user = UserFactory()
    for _ in range(4):
        _login(Client(), user.email, "wrong-password")
    assert _logged_in(_login(Client(), user.email, PASSWORD))
    for _ in range(2):  # the e-mail starts again from 0; the address is at 6 now
        _login(Client(), user.email, "wrong-password")
    # Were the address cleared too, an attacker with one account could guess on for ever.
    assert not _logged_in(_login(Client(), user.email, PASSWORD))


# --- The client's address behind proxies ------------------------------------------------


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings) -> None:
    settings.KERUEN_TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # The proxy appended the client's address; the left entry is the client's own word.
        ("10.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        # Two proxies of ours in a row.
        ("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        # Not from a trusted proxy: the header is the client's invention.
        ("203.0.113.5", "10.0.0.3", "203.0.113.5"),
        ("10.0.0.1", None, "10.0.0.1"),
        ("10.0.0.1", "10.0.0.7", "10.0.0.7"),  # all ours: the first hop
    ],
)
def test_behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client(
    settings, remote, forwarded, client
) -> None:
    settings.KERUEN_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request(remote, forwarded)) == client


@override_settings(
    LOGIN_FAILURE_LIMIT=3, LOGIN_FAILURE_ADDRESS_LIMIT=3, KERUEN_TRUSTED_PROXIES=["127.0.0.1"]
)
def test_behind_the_proxy_each_client_has_its_own_address_count(db) -> None:
    user = UserFactory()
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for number in range(3):
        response = _login(
            Client(**via_proxy),
            f"guess{number}@example.org",
            "wrong-password",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
        assert not _logged_in(response)
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    assert not _logged_in(_login(Client(**via_proxy), user.email, PASSWORD, **attacker))
    delegate = {"HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert _logged_in(_login(Client(**via_proxy), user.email, PASSWORD, **delegate))


# --- On the production cache (DatabaseCache) ---------------------------------------------

DATABASE_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "test_keruen_cache",
    },
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "test_keruen_throttle",
    },
}


@pytest.fixture
def database_cache(db):
    with override_settings(CACHES=DATABASE_CACHES):
        call_command("createcachetable", verbosity=0)
        yield


@pytest.fixture
def clock(monkeypatch):
    """Seconds to move the clock by, seen by the code and by the database cache alike."""
    offset = [0.0]
    real_time = time.time

    def fake_time() -> float:
        return real_time() + offset[0]

    monkeypatch.setattr(time, "time", fake_time)
    monkeypatch.setattr(
        "django.core.cache.backends.db.tz_now",
        lambda: dt.datetime.fromtimestamp(fake_time(), dt.UTC),
    )
    return offset


@override_settings(LOGIN_FAILURE_LIMIT=5, LOGIN_FAILURE_WINDOW_S=900)
def test_the_window_keeps_its_length_on_the_database_cache(database_cache, clock) -> None:
    email = "victim@example.org"
    for _ in range(2):
        record_login_failure(None, email)
    clock[0] = 400  # within the 15 minutes (``incr`` used to cut them to 5 after a 2nd failure)
    for _ in range(3):
        record_login_failure(None, email)
    assert login_is_throttled(None, email)
    clock[0] = 901  # the window opened by the first failure has closed
    assert not login_is_throttled(None, email)


@override_settings(LOGIN_FAILURE_LIMIT=3)
@pytest.mark.parametrize("at_read", [1, 2, 3, 4])
def test_a_failure_counted_meanwhile_is_not_lost(database_cache, monkeypatch, at_read) -> None:
    """Failure B runs in full while failure A is between reading the cache and writing it."""
    email = "victim@example.org"
    record_login_failure(None, email)
    reads = [0]
    fired = [False]

    def interleaving(method):
        def read(self, *args, **kwargs):
            found = method(self, *args, **kwargs)
            reads[0] += 1
            if reads[0] == at_read and not fired[0]:
                fired[0] = True
                record_login_failure(None, email)  # failure B, after A has read
            return found

        return read

    monkeypatch.setattr(DatabaseCache, "get", interleaving(DatabaseCache.get))
    monkeypatch.setattr(DatabaseCache, "get_many", interleaving(DatabaseCache.get_many))
    record_login_failure(None, email)  # failure A
    monkeypatch.undo()
    if not fired[0]:  # A read the cache fewer times: B comes after it
        record_login_failure(None, email)
    assert login_is_throttled(None, email)


@pytest.mark.parametrize(
    ("forwarded", "recorded"), [("203.0.113.9", "203.0.113.9"), ("not-an-address", None)]
)
def test_the_audit_log_records_the_client_behind_the_proxy(
    settings, rf, db, forwarded, recorded
) -> None:
    """Behind a trusted proxy the audit log names the client, not the proxy; a forwarded
    header that holds no address records none, rather than failing the write."""
    from django.contrib.auth.models import AnonymousUser

    from keruen.common.audit import AuditContextMiddleware, record_action
    from keruen.common.models import AuditLogEntry
    from tests.factories import OrganisationFactory

    settings.KERUEN_TRUSTED_PROXIES = ["10.0.0.1"]
    organisation = OrganisationFactory()

    def write(request):
        record_action(organisation, "import")
        return HttpResponse()

    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    request.user = AnonymousUser()
    AuditContextMiddleware(write)(request)
    (entry,) = AuditLogEntry.objects.filter(changes__action="import")
    assert entry.ip_address == recorded


@override_settings(LOGIN_FAILURE_LIMIT=50, LOGIN_FAILURE_ADDRESS_LIMIT=3)
def test_one_ipv6_host_counts_as_one_client_whatever_its_address_in_its_64(db) -> None:
    """A host is usually given a whole /64: one budget for it, not one per address."""
    from keruen.common.addresses import client_network

    factory = RequestFactory()
    assert client_network(factory.get("/", REMOTE_ADDR="2001:db8:1:2::5")) == "2001:db8:1:2::/64"
    assert client_network(factory.get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"
    assert client_network(factory.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"
    target = UserFactory()
    for number in range(3):
        _login(Client(REMOTE_ADDR=f"2001:db8:1:2::{number + 1:x}"), f"g{number}@example.org", "x")
    assert not _logged_in(_login(Client(REMOTE_ADDR="2001:db8:1:2::ff"), target.email, PASSWORD))
    assert _logged_in(_login(Client(REMOTE_ADDR="2001:db8:1:3::1"), target.email, PASSWORD))


@override_settings(SIGN_UP_TAKEN_ADDRESS_LIMIT=3)
def test_sign_up_stops_saying_which_emails_have_accounts_to_one_network(db) -> None:
    """Log-in and password reset do not tell whether an account exists; sign-up must say it
    to a delegate who has one, but not to a script trying addresses one after the other."""
    from tests.factories import EventFactory

    event = EventFactory(coming=True)
    users = [UserFactory() for _ in range(4)]
    form = {"email": "", "password1": "a-long-enough-secret-42"}

    def answer(email: str, address: str = "127.0.0.1") -> str:
        data = {**form, "email": email, "password2": form["password1"]}
        response = Client(REMOTE_ADDR=address).post(f"/{event.slug}/me/register/", data)
        return " ".join(response.context["form"].errors.get("email", []))

    for user in users[:3]:
        assert "exists already" in answer(user.email)
    # Spent: the same answer for an address with an account and one without.
    assert "Too many sign-ups" in answer(users[3].email)
    assert "Too many sign-ups" in answer("nobody-here@example.org")
    # Another network is not concerned.
    assert "exists already" in answer(users[3].email, address="198.51.100.9")
