"""The demo generator: the figures the demo promises, determinism, idempotence."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from keruen import reference
from keruen.demo import content
from keruen.demo.config import SMALL
from keruen.demo.generate import DEMO_SLUG, demo_build
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting
from keruen.people.models import Delegation, Organisation, Participant, User
from keruen.people.validators import validate_phone


def _fingerprint(event: Event) -> list[object]:
    organisations = sorted(Organisation.objects.filter(event=event).values_list("code", "country"))
    titles = sorted(Opportunity.objects.filter(event=event).values_list("title", flat=True))
    emails = sorted(Participant.objects.filter(event=event).values_list("user__email", flat=True))
    return [organisations, titles, emails, Meeting.objects.filter(event=event).count()]


def _wipe(event: Event) -> None:
    users = list(Participant.objects.filter(event=event).values_list("user_id", flat=True))
    event.delete()
    User.objects.filter(pk__in=users).delete()


def test_every_hs_heading_the_demo_uses_has_reference_labels() -> None:
    assert [code for code in content.HS_HEADINGS_USED if not reference.is_hs_code(code)] == []


@pytest.mark.django_db
def test_same_seed_same_expo_and_a_second_run_changes_nothing() -> None:
    first = demo_build(seed=7, size=SMALL, schedule=False, embeddings=False)
    assert first.created
    assert first.event.slug == DEMO_SLUG
    fingerprint = _fingerprint(first.event)
    again = demo_build(seed=7, size=SMALL, schedule=False, embeddings=False)
    assert not again.created
    assert again.event == first.event
    assert _fingerprint(again.event) == fingerprint
    _wipe(first.event)
    rebuilt = demo_build(seed=7, size=SMALL, schedule=False, embeddings=False)
    assert _fingerprint(rebuilt.event) == fingerprint
    _wipe(rebuilt.event)
    other = demo_build(seed=8, size=SMALL, schedule=False, embeddings=False)
    assert _fingerprint(other.event) != fingerprint


@pytest.mark.django_db
def test_full_demo_meets_the_promised_figures() -> None:
    result = demo_build(schedule=False, embeddings=False)
    event = result.event
    organisations = Organisation.objects.filter(event=event)
    assert organisations.count() >= 400
    assert organisations.values("country").distinct().count() >= 10
    assert Participant.objects.filter(event=event).count() >= 700
    assert Participant.objects.filter(event=event, role="government").count() >= 20
    at_stands = Participant.objects.filter(event=event, role="exhibitor")
    assert at_stands.count() >= 50
    assert not [p for p in at_stands if p.title.get("en") == "Procurement Manager"]
    assert event.delegations.count() >= 10
    assert organisations.filter(is_exhibitor=True, booths__isnull=False).count() >= 50
    opportunities = Opportunity.objects.filter(event=event)
    assert opportunities.count() >= 800
    # No organisation has two offers (or requests) of one title: its export imports again.
    titles = Counter(
        (org, direction, title.casefold())
        for org, direction, title in opportunities.values_list(
            "organisation_id", "direction", "title"
        )
    )
    assert max(titles.values()) == 1
    languages = Counter(opportunities.values_list("language", flat=True))
    assert set(languages) == {"zh", "ru", "kk", "en"}
    assert min(languages.values()) >= 50
    kinds = {row.kind for row in event.sessions.all()}
    assert {"opening", "keynote", "forum", "signing"} <= kinds
    # Rooms are named in every interface language, like the sessions' titles.
    assert {tuple(sorted(row.room)) for row in event.sessions.all()} == {
        ("en", "kk", "ru", "zh-hans")
    }
    # The edition lies ahead: no meeting has taken place, so no agreement comes from one;
    # the only ones are those signed at roadshows, never after the day the demo is built.
    assert not event.agreements.filter(meeting__isnull=False).exists()
    assert not event.agreements.exclude(status="signed").exists()
    assert not event.agreements.filter(signed_on__gt=dt.date.today()).exists()
    assert Meeting.objects.filter(event=event).count() >= 300
    # Each delegate reads the interface (and their e-mails) in a language they speak.
    readers = Counter(
        User.objects.filter(participations__event=event).values_list("language", flat=True)
    )
    assert {"zh-hans", "ru", "kk", "en"} <= set(readers)
    kazakh = Participant.objects.filter(event=event, organisation__country="KZ").first()
    assert kazakh is not None
    assert kazakh.user.language == "kk"
    # Phone numbers are valid and dial the delegate's own country.
    dial_codes = {"CN": "+86 ", "KZ": "+7 7", "RU": "+7 9", "UZ": "+998 ", "HU": "+36 "}
    for phone, country in Participant.objects.filter(event=event).values_list(
        "phone", "organisation__country"
    ):
        validate_phone(phone)
        assert phone.startswith(dial_codes.get(country, "+")), (country, phone)
    # The logins printed by `keruen demo` really work.
    assert [login.role for login in result.logins] == [
        "organiser",
        "delegate",
        "delegate",
        "delegate",
        "delegate",
    ]
    # Each delegate is who the command says: the exhibitor hosts the meetings at their
    # organisation's booth, the buyers published a request.
    delegates = [
        (login, User.objects.get(email=login.email).participations.get(event=event))
        for login in result.logins[1:4]
    ]
    for login, delegate in delegates:
        assert delegate.status == Participant.Status.APPROVED
        assert str(delegate.organisation) in login.description
    (kazakh_login, kazakh), (chinese_login, exhibitor), (russian_login, buyer) = delegates
    assert kazakh_login.description.startswith("Kazakh delegate")
    assert kazakh.organisation.country == "KZ"
    assert chinese_login.description.startswith("Chinese exhibitor")
    assert exhibitor.organisation.country == "CN"
    assert exhibitor.role == Participant.Role.EXHIBITOR
    assert exhibitor.organisation.is_exhibitor
    assert exhibitor.booth is not None
    assert exhibitor.booth.exhibitor_id == exhibitor.organisation_id
    assert exhibitor.booth.code in chinese_login.description
    assert exhibitor.organisation.opportunities.filter(
        direction="offer", status="published"
    ).exists()
    assert russian_login.description.startswith("Russian buyer")
    assert buyer.organisation.country == "RU"
    assert buyer.organisation.opportunities.filter(direction="request", status="published").exists()
    # The last is the head of the Kazakh government delegation: the delegation page's user.
    head = User.objects.get(email=result.logins[-1].email).participations.get()
    assert head.delegation.head == head
    assert head.delegation.country == "KZ"
    # Every head of delegation is approved: their page opens (the small demo once had a
    # pending one, and its delegation page answered 403).
    assert (
        not Delegation.objects.filter(event=event)
        .exclude(head=None)
        .exclude(head__status=Participant.Status.APPROVED)
        .exists()
    )
    for login in result.logins:
        assert User.objects.get(email=login.email).check_password(login.password)
    # Names are drawn again rather than numbered when the content repeats one.
    numbered = [
        name["en"]
        for name in organisations.values_list("name", flat=True)
        if name["en"].endswith(")")
    ]
    assert not [name for name in numbered if name.rsplit("(", 1)[-1].rstrip(")").isdigit()]


@pytest.mark.django_db
def test_a_coming_edition_holds_only_what_was_signed_at_roadshows() -> None:
    """Ten days before the expo, roadshows have been held but no expo meeting: agreements
    are the signed ones, dated before that day, and none comes from a meeting."""
    today = SMALL.start_date - dt.timedelta(days=10)
    result = demo_build(seed=7, size=SMALL, schedule=False, embeddings=False, today=today)
    agreements = list(result.event.agreements.all())
    assert agreements
    for agreement in agreements:
        assert agreement.meeting_id is None
        assert agreement.status == "signed"
        assert agreement.signed_on is not None
        assert agreement.signed_on <= today
    # The small demo has its exhibitor login too, with a booth.
    exhibitor = next(login for login in result.logins if "exhibitor" in login.description)
    participant = User.objects.get(email=exhibitor.email).participations.get(event=result.event)
    assert participant.booth is not None
    assert participant.role == Participant.Role.EXHIBITOR
