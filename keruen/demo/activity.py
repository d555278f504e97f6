"""What happens at the demo expo: offers and requests, programme, meetings, agreements."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from keruen.agreements.models import Agreement
from keruen.demo import content
from keruen.demo.config import OPPORTUNITY_KIND_WEIGHTS, DemoSize
from keruen.demo.people import Cast
from keruen.events.models import Booth, Event, Hall, ProgrammeSession, Slot
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.services import common_language
from keruen.people.models import Organisation, Participant

# Guests of the host country tend to ask; the host's companies tend to offer.
OFFER_SHARE = {"CN": 0.7, "RU": 0.55, "TR": 0.6, "HU": 0.6}
DEFAULT_OFFER_SHARE = 0.4


def _language_for(rng: random.Random, country: str) -> str:
    weights = content.COUNTRY_PROFILES[country].content_languages
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _translations(text: content.OpportunityText, rng: random.Random) -> dict[str, dict[str, str]]:
    """Some authors add translations: English often, all four sometimes."""
    others = [lang for lang in ("en", "zh", "ru", "kk") if lang != text.language]
    roll = rng.random()
    if roll < 0.25:
        chosen = others
    elif roll < 0.6:
        chosen = [lang for lang in others if lang == "en"]
    else:
        chosen = []
    return {lang: {"title": text.titles[lang], "body": text.bodies[lang]} for lang in chosen}


DISTINCT_TITLE_TRIES = 20


def build_opportunities(event: Event, rng: random.Random, size: DemoSize, cast: Cast) -> None:
    companies = [org for org in cast.organisations if org.type in ("company", "agency")]
    authors = defaultdict(list)
    for participant in cast.participants:
        authors[participant.organisation_id].append(participant)
    rows = []
    titles_taken: set[tuple[int, str, str]] = set()
    kinds, kind_weights = zip(*OPPORTUNITY_KIND_WEIGHTS, strict=True)
    for index in range(size.opportunities):
        organisation = (
            companies[index % len(companies)] if index < len(companies) else rng.choice(companies)
        )
        sector = cast.sectors[organisation.pk]
        offer_share = OFFER_SHARE.get(organisation.country, DEFAULT_OFFER_SHARE)
        direction = "offer" if rng.random() < offer_share else "request"
        # One organisation never offers (or asks for) two things under one title: the
        # importer takes such a pair for a duplicate, and the demo's own export must import.
        for _ in range(DISTINCT_TITLE_TRIES):
            text = content.opportunity(
                rng,
                sector=sector,
                kind=rng.choices(kinds, weights=kind_weights)[0],
                direction=direction,
                language=_language_for(rng, organisation.country),
                country=organisation.country,
                after=event.end_date,
            )
            key = (organisation.pk, text.direction, text.title.casefold())
            if key not in titles_taken:
                break
        titles_taken.add(key)
        status_roll = rng.random()
        status = "published" if status_roll < 0.9 else "pending" if status_roll < 0.96 else "draft"
        guests = [
            code for code in ("KZ", "UZ", "KG", "TJ", "RU", "CN") if code != organisation.country
        ]
        rows.append(
            Opportunity(
                event=event,
                organisation=organisation,
                author=rng.choice(authors[organisation.pk]) if authors[organisation.pk] else None,
                direction=text.direction,
                kind=text.kind,
                language=text.language,
                title=text.title,
                body=text.body,
                translations=_translations(text, rng),
                sectors=list(text.isic_codes),
                hs_codes=list(text.hs_codes),
                target_countries=_targets(rng, guests, text, organisation.country),
                status=status,
            )
        )
    Opportunity.objects.bulk_create(rows)
    _profile_codes_from_opportunities(cast, rows)


def _targets(
    rng: random.Random, guests: list[str], text: content.OpportunityText, own: str
) -> list[str]:
    """A few of the guest countries, and those of the places the text names (a project's
    site), but the author's own."""
    sampled = set(rng.sample(guests, k=rng.randint(1, 3)))
    return sorted((sampled | set(text.site_countries)) - {own})


def _profile_codes_from_opportunities(cast: Cast, rows: list[Opportunity]) -> None:
    """An organisation's sectors and HS codes are those of what it offers and asks."""
    from keruen import reference

    sectors: dict[int, set[str]] = defaultdict(set)
    hs_codes: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        sectors[row.organisation_id].update(row.sectors)
        hs_codes[row.organisation_id].update(row.hs_codes)
    for organisation in cast.organisations:
        fallback = reference.sector_isic_divisions(cast.sectors[organisation.pk])[:1]
        organisation.sectors = sorted(sectors[organisation.pk]) or list(fallback)
        organisation.hs_codes = sorted(hs_codes[organisation.pk])
    Organisation.objects.bulk_update(cast.organisations, ["sectors", "hs_codes"])


def build_booths(event: Event, halls: list[Hall], cast: Cast) -> None:
    """Exhibitors get a booth; their exhibitor delegates meet there."""
    exhibitors = [org for org in cast.organisations if org.is_exhibitor]
    booths = Booth.objects.bulk_create(
        Booth(
            event=event,
            hall=halls[index % len(halls)],
            code=f"{halls[index % len(halls)].code}-{101 + index // len(halls)}",
            exhibitor=organisation,
            area_m2=18 if index % 3 else 36,
        )
        for index, organisation in enumerate(exhibitors)
    )
    booth_of = {booth.exhibitor_id: booth for booth in booths}
    hosts = []
    for participant in cast.participants:
        if (
            participant.role == Participant.Role.EXHIBITOR
            and participant.organisation_id in booth_of
        ):
            participant.booth = booth_of[participant.organisation_id]
            hosts.append(participant)
    Participant.objects.bulk_update(hosts, ["booth"])


def _local(event: Event, day_index: int, hhmm: str) -> dt.datetime:
    day = event.start_date + dt.timedelta(days=day_index)
    hour, minute = (int(part) for part in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=event.tz)


SENIOR_TITLES = ("Minister", "Ambassador", "Trade Representative", "Director General")


def _is_senior_official(participant: Participant) -> bool:
    title = participant.title.get("en", "")
    return participant.role == Participant.Role.GOVERNMENT and any(
        word in title for word in SENIOR_TITLES
    )


def build_programme(event: Event, rng: random.Random, size: DemoSize, cast: Cast) -> None:
    officials = [p for p in cast.participants if _is_senior_official(p)]
    experts = [
        p
        for p in cast.participants
        if p.role in (Participant.Role.EXPERT, Participant.Role.BUSINESS)
    ]
    for session in content.programme(rng, days=size.days):
        start = _local(event, session.day, session.start)
        row = ProgrammeSession.objects.create(
            event=event,
            kind=session.kind,
            title=dict(session.titles),
            description=dict(session.descriptions),
            start=start,
            end=start + dt.timedelta(minutes=session.duration_minutes),
            room=dict(content.ROOMS[session.room]),
            sector=session.sector or "",
            blocks_meetings=session.kind in ("opening", "keynote", "forum", "signing"),
        )
        if session.kind in ("opening", "keynote", "signing"):
            row.speakers.set(rng.sample(officials, k=min(3, len(officials))))
        elif session.kind in ("forum", "matchmaking", "promotion"):
            row.speakers.set(rng.sample(experts, k=min(3, len(experts))))


def build_availability(event: Event, rng: random.Random, cast: Cast) -> None:
    """A few delegates arrive late or leave early, or block a slot for a side meeting."""
    slots = list(Slot.objects.filter(event=event).order_by("number"))
    if not slots:
        return
    changed = []
    through = Participant.unavailable_slots.through
    blocked = []
    for participant in cast.participants:
        roll = rng.random()
        if roll < 0.06:
            participant.arrives_at = slots[len(slots) // 3].start
            changed.append(participant)
        elif roll < 0.11:
            participant.departs_at = slots[2 * len(slots) // 3].end
            changed.append(participant)
        elif roll < 0.2:
            blocked.append(through(participant_id=participant.pk, slot_id=rng.choice(slots).pk))
    Participant.objects.bulk_update(changed, ["arrives_at", "departs_at"])
    through.objects.bulk_create(blocked)


def build_meetings(event: Event, rng: random.Random, size: DemoSize, cast: Cast) -> list[Meeting]:
    """Requests mostly go from someone who asks to someone who offers in the same sector."""
    approved = [
        p
        for p in cast.participants
        if p.status == Participant.Status.APPROVED and p.role != Participant.Role.MEDIA
    ]
    by_sector: dict[str, list[Participant]] = defaultdict(list)
    for participant in approved:
        by_sector[cast.sectors[participant.organisation_id]].append(participant)
    pairs: set[tuple[int, int]] = set()
    requests: list[MeetingRequest] = []
    attempts = 0
    while len(requests) < size.meeting_requests and attempts < size.meeting_requests * 20:
        attempts += 1
        requester = rng.choice(approved)
        pool = by_sector[cast.sectors[requester.organisation_id]]
        target = rng.choice(pool if rng.random() < 0.8 else approved)
        key = (min(requester.pk, target.pk), max(requester.pk, target.pk))
        if key in pairs or not _may_request(requester, target):
            continue
        pairs.add(key)
        requests.append(_request(event, requester, target, rng))
    requests = MeetingRequest.objects.bulk_create(requests)
    by_id = {participant.pk: participant for participant in approved}
    meetings = [
        Meeting(
            event=event,
            request=request,
            participant_a_id=request.requester_id,
            participant_b_id=request.target_id,
            language=common_language(by_id[request.requester_id], by_id[request.target_id]),
        )
        for request in requests
        if request.status == MeetingRequest.Status.ACCEPTED
    ]
    return Meeting.objects.bulk_create(meetings)


def _may_request(requester: Participant, target: Participant) -> bool:
    """As ``meeting_request_pair_check``: no colleague, nobody of one's own delegation."""
    if target.organisation_id == requester.organisation_id:
        return False
    return requester.delegation_id is None or requester.delegation_id != target.delegation_id


REQUEST_STATUSES = (
    (MeetingRequest.Status.ACCEPTED, 62),
    (MeetingRequest.Status.PENDING, 15),
    (MeetingRequest.Status.DECLINED, 13),
    (MeetingRequest.Status.CANCELLED, 5),
    (MeetingRequest.Status.EXPIRED, 5),
)
DECLINE_REASONS = (
    "Our schedule is full on those days.",
    "We already work with a supplier for this.",
    "Not our field, sorry.",
)


def _request(
    event: Event, requester: Participant, target: Participant, rng: random.Random
) -> MeetingRequest:
    statuses = [status for status, _weight in REQUEST_STATUSES]
    weights = [weight for _status, weight in REQUEST_STATUSES]
    status = rng.choices(statuses, weights=weights)[0]
    return MeetingRequest(
        event=event,
        requester=requester,
        target=target,
        status=status,
        message="",
        decline_reason=rng.choice(DECLINE_REASONS) if status == "declined" else "",
        expires_at=event.request_deadline,
    )


def build_agreements(
    event: Event,
    rng: random.Random,
    size: DemoSize,
    cast: Cast,
    meetings: list[Meeting],
    *,
    today: dt.date,
    held: bool,
) -> None:
    """Agreements between organisations that are to meet at the expo.

    Some were signed at pre-expo roadshows (20 to 200 days before the expo), but never after
    ``today`` (the day the demo is built); they are not the outcome of the expo meeting,
    which comes after them. The others are under negotiation and lead to the meeting of the
    two organisations, where they may be signed (``results``): only an edition that is
    ``held`` has them. Before an expo, no meeting has taken place, so nothing can have come
    from one; a secretariat months ahead of its edition records at most what was signed at
    the roadshows so far.
    """
    organisation_of = {p.pk: p.organisation for p in cast.participants}
    candidates = [
        m
        for m in meetings
        if organisation_of[m.participant_a_id] != organisation_of[m.participant_b_id]
    ]
    for meeting in rng.sample(candidates, k=min(size.agreements, len(candidates))):
        parties = [
            organisation_of[meeting.participant_a_id],
            organisation_of[meeting.participant_b_id],
        ]
        sector = cast.sectors[parties[0].pk]
        kind = rng.choices(["mou", "contract", "investment", "other"], weights=[5, 3, 2, 1])[0]
        text = content.agreement(rng, sector=sector, kind=kind)
        roadshow_date = event.start_date - dt.timedelta(days=rng.randint(20, 200))
        signed = rng.random() < 0.4 and roadshow_date <= today
        if not signed and not held:
            continue
        agreement = Agreement.objects.create(
            event=event,
            kind=kind,
            title=dict(text.titles),
            sector=sector,
            value=Decimal(text.value),
            currency=text.currency,
            status=Agreement.Status.SIGNED if signed else Agreement.Status.NEGOTIATING,
            signed_on=roadshow_date if signed else None,
            meeting=None if signed else meeting,
        )
        agreement.parties.set(parties)
