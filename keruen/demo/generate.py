"""The demo expo: a deterministic China–Eurasia-Expo-like edition for screenshots and trials.

``demo_build(seed=...)`` creates the event with its venue, halls, booths, tables, slot grid,
≈460 organisations from 12 countries, ≈780 delegates, ≈900 offers and requests in Chinese,
Russian, Kazakh and English, the programme, meeting requests, meetings, agreements, and (if
asked) a solved and published meeting schedule. The same seed gives the same expo. Running it
again when the event exists changes nothing and returns the existing event.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F

from keruen.common.audit import audit_context
from keruen.demo import activity, content, people, results
from keruen.demo.config import DEMO_PASSWORD, DemoSize
from keruen.events import services as event_services
from keruen.events.models import Event, Hall, Venue
from keruen.people.models import Delegation, Participant, User

DEMO_SLUG = "cae-2027"
# The edition before, already held: its results fill the pages that the coming one leaves
# empty (arrivals, meetings held, agreements signed at the expo).
PAST_SLUG = "cae-2026"
PAST_START = dt.date(2026, 6, 24)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    description: str


@dataclass
class DemoResult:
    event: Event
    created: bool
    logins: list[DemoLogin] = field(default_factory=list)
    schedule_note: str = ""


def _event(size: DemoSize, slug: str) -> Event:
    text = content.event_text()
    year = str(size.start_date.year)
    venue = Venue.objects.create(
        name=dict(text.venue), city=dict(text.city), country="CN", address="Ürümqi, Xinjiang"
    )
    return event_services.event_create(
        slug=slug,
        name={lang: name.replace(str(text.year), year) for lang, name in text.name.items()},
        theme=dict(text.theme),
        start_date=size.start_date,
        end_date=size.start_date + dt.timedelta(days=size.days - 1),
        time_zone=text.timezone,
        venue=venue,
        request_deadline=_request_deadline(size, zoneinfo.ZoneInfo(text.timezone)),
        request_quota=30,
    )


def _request_deadline(size: DemoSize, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """18:00 on the eve of the last meeting day, on the event's clock.

    Requests accepted by then can still be scheduled on the last meeting day.
    """
    last_meeting_day = size.start_date + dt.timedelta(days=max(size.meeting_days) - 1)
    eve = last_meeting_day - dt.timedelta(days=1)
    return dt.datetime.combine(eve, dt.time(18, 0), tzinfo=zone)


def _halls(event: Event) -> list[Hall]:
    return [
        event_services.hall_create(
            event=event, code=code, name=dict(hall.names), zone=dict(hall.names)
        )
        for code, hall in zip("ABCD", content.event_text().halls, strict=False)
    ]


def _grid(event: Event, size: DemoSize, halls: list[Hall]) -> None:
    days = [size.start_date + dt.timedelta(days=index - 1) for index in size.meeting_days]
    event_services.slot_grid_set(
        event=event,
        days=days,
        slot_minutes=30,
        am=(dt.time(9, 30), dt.time(12, 30)),
        pm=(dt.time(14, 0), dt.time(17, 30)),
        breaks=[(dt.time(15, 30), dt.time(16, 0))],
    )
    event_services.tables_create(event=event, count=size.tables, hall=halls[1])


# The delegates whose logins `keruen demo` prints: (country, what they published, their
# role, who). The exhibitor is one who hosts the meetings at their organisation's booth.
DEMO_DELEGATES = (
    ("KZ", "request", Participant.Role.BUSINESS, "Kazakh delegate"),
    ("CN", "offer", Participant.Role.EXHIBITOR, "Chinese exhibitor"),
    ("RU", "request", Participant.Role.BUSINESS, "Russian buyer"),
)
DEMO_HEAD_COUNTRY = "KZ"  # the head of this country's government delegation logs in too


def _demo_accounts(event: Event, cast: people.Cast) -> list[DemoLogin]:
    """An organiser and four delegates with known passwords, printed by `keruen demo`."""
    password_hash = make_password(DEMO_PASSWORD)
    organiser, _ = User.objects.get_or_create(
        email="organiser@demo.keruen.org",
        defaults={"full_name": "Expo Secretariat", "is_staff": True, "is_superuser": True},
    )
    organiser.password = password_hash
    organiser.save(update_fields=["password"])
    for participant, _label in _demo_delegates(event):
        participant.user.password = password_hash
        participant.user.save(update_fields=["password"])
    return existing_logins(event)


def _demo_delegates(event: Event) -> list[tuple[Participant, str]]:
    found = []
    for country, direction, role, label in DEMO_DELEGATES:
        participant = _delegate_with(event, country, direction, role)
        if participant is None:
            continue
        if participant.booth is not None:
            label = f"{label} (booth {participant.booth.code})"
        found.append((participant, f"{label}, {participant.organisation}"))
    delegation = (
        Delegation.objects.filter(
            event=event,
            country=DEMO_HEAD_COUNTRY,
            kind=Delegation.Kind.GOVERNMENT,
            head__isnull=False,
        )
        .select_related("head__user")
        .order_by("pk")
        .first()
    )
    if delegation is not None and delegation.head is not None:
        found.append((delegation.head, f"head of delegation, {delegation}"))
    return found


def _delegate_with(event: Event, country: str, direction: str, role: str) -> Participant | None:
    """The first approved company delegate of ``country`` in ``role`` whose organisation
    published ``direction`` (an offer or a request); an exhibitor hosts at its booth."""
    found = Participant.objects.filter(
        event=event,
        status=Participant.Status.APPROVED,
        role=role,
        organisation__country=country,
        organisation__type="company",
        organisation__opportunities__direction=direction,
        organisation__opportunities__status="published",
    )
    if role == Participant.Role.EXHIBITOR:
        found = found.filter(booth__isnull=False, booth__exhibitor=F("organisation"))
    return found.select_related("user", "organisation", "booth").order_by("pk").first()


def existing_logins(event: Event) -> list[DemoLogin]:
    """The demo accounts of a built demo (their passwords are the demo password)."""
    organiser = DemoLogin(
        "organiser",
        "organiser@demo.keruen.org",
        DEMO_PASSWORD,
        "expo secretariat (console and admin)",
    )
    return [organiser] + [
        DemoLogin("delegate", participant.user.email, DEMO_PASSWORD, label)
        for participant, label in _demo_delegates(event)
    ]


def demo_build(
    *,
    seed: int = 2027,
    size: DemoSize | None = None,
    schedule: bool = True,
    embeddings: bool = True,
    time_limit: float = 20.0,
    progress: Callable[[str], None] | None = None,
    slug: str = DEMO_SLUG,
    held: bool = False,
    today: dt.date | None = None,
) -> DemoResult:
    """Build the demo expo (idempotent). ``progress`` receives one line per stage.

    ``held``: the edition has taken place (``size.start_date`` in the past): after the
    schedule is published, its results are written (``results.build_results``).
    ``today``: the day the demo is built (by default the real one); nothing is dated after it
    but the edition itself.
    """
    size = size or DemoSize()
    say = progress or (lambda line: None)
    existing = Event.objects.filter(slug=slug).first()
    if existing is not None:
        return DemoResult(event=existing, created=False, logins=existing_logins(existing))
    rng = random.Random(seed)
    with transaction.atomic():
        event = _event(size, slug)
        halls = _halls(event)
        _grid(event, size, halls)
        say("event, halls, tables and slot grid")
        cast = people.build_organisations(event, rng, size)
        people.build_delegations(event, cast)
        people.build_participants(event, rng, size, cast)
        say(f"{len(cast.organisations)} organisations, {len(cast.participants)} delegates")
        activity.build_opportunities(event, rng, size, cast)
        activity.build_booths(event, halls, cast)
        activity.build_programme(event, rng, size, cast)
        activity.build_availability(event, rng, cast)
        meetings = activity.build_meetings(event, rng, size, cast)
        activity.build_agreements(
            event, rng, size, cast, meetings, today=today or dt.date.today(), held=held
        )
        say(f"offers and requests, programme, {len(meetings)} accepted meetings, agreements")
        logins = _demo_accounts(event, cast)
    result = DemoResult(event=event, created=True, logins=logins)
    if embeddings:
        _embed(event, say)
    if schedule:
        # The organiser's steps are recorded in the activity log, as in real use; the bulk
        # writes above stand for many people's actions and are not.
        organiser = User.objects.get(email=logins[0].email)
        with audit_context(organiser, source="demo"):
            result.schedule_note = _schedule(event, time_limit, say, by=organiser)
    if held:
        done = results.build_results(event, rng)
        say(
            f"the expo took place: {done.arrived} delegates arrived, {done.held} meetings held, "
            f"{done.missed} missed, {done.signed} agreements signed, {done.leads} contacts met"
        )
    return result


def _embed(event: Event, say: Callable[[str], None]) -> None:
    """Encode the published offers and requests once, for suggestions and search."""
    from keruen.matchmaking.services import event_embeddings_refresh

    say("encoding offers and requests for matchmaking (multilingual model)")
    refresh = event_embeddings_refresh(event=event)
    say(f"{refresh.encoded} texts encoded")


def _schedule(
    event: Event, time_limit: float, say: Callable[[str], None], *, by: User | None = None
) -> str:
    """Solve and publish the meeting schedule; the demo still works if it cannot."""
    from keruen.common.errors import KeruenError
    from keruen.meetings.scheduler import schedule_draft_solve
    from keruen.meetings.services import schedule_publish

    say(f"scheduling the meetings (up to {time_limit:.0f} s)")
    try:
        draft = schedule_draft_solve(event=event, time_limit=time_limit, workers=2, seed=0)
    except KeruenError as error:
        return f"schedule not published: {error.message}"
    release = schedule_publish(event=event, by=by, comment="Demo schedule")
    return (
        f"schedule {release.version} published: {release.entries.count()} meetings, "
        f"{draft.breaks} breaks (proved lower bound {draft.breaks_bound}), {draft.solver_status}"
    )
