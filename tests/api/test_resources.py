"""Each endpoint's happy path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.events.models import Slot
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledMeeting
from tests.api.conftest import key_for
from tests.factories import (
    BoothFactory,
    EventFactory,
    HallFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)


def test_event_list_and_detail(api, expo):
    EventFactory(is_public=False, slug="hidden")
    reply = api.get("/events", params={"limit": 1})
    assert reply.status == 200
    assert reply.body["count"] == 2
    assert len(reply.body["items"]) == 1
    assert api.get("/events", params={"offset": 1}).body["items"][0]["slug"] != "hidden"

    detail = api.get(f"/events/{expo.event.slug}", lang="ru").body
    assert detail["name"].startswith("Выставка")
    assert detail["time_zone"] == "Asia/Almaty"
    assert detail["figures"]["organisations"] == 3
    assert detail["figures"]["offers"] == 1
    assert api.get("/events/hidden").status == 404


def test_organisation_list_filters_and_detail(api, expo):
    event = expo.event
    OrganisationFactory(event=event, country="CN", type="university", code="xju")
    listed = api.get(f"/events/{event.slug}/organisations").body
    assert listed["count"] == 4
    chinese = api.get(f"/events/{event.slug}/organisations", params={"country": "cn"}).body
    assert [item["code"] for item in chinese["items"]] == ["xju"]
    assert chinese["items"][0]["country_name"] == "China"
    by_type = api.get(f"/events/{event.slug}/organisations", params={"type": "university"}).body
    assert by_type["count"] == 1
    by_text = api.get(f"/events/{event.slug}/organisations", params={"q": "XJU"}).body
    assert by_text["count"] == 1

    expo.b.public_listing = True
    expo.b.save()
    BoothFactory(event=event, exhibitor=expo.b.organisation, code="A-12")
    detail = api.get(f"/events/{event.slug}/organisations/{expo.b.organisation_id}").body
    assert [p["id"] for p in detail["participants"]] == [expo.b.pk]
    assert "contact" not in detail["participants"][0]
    assert expo.b.contact_email not in str(detail)
    assert [o["id"] for o in detail["opportunities"]] == [expo.offer_b.pk]  # not the draft
    assert detail["booths"][0]["code"] == "A-12"


def test_opportunity_list_detail_and_filters(api, expo):
    slug = expo.event.slug
    OpportunityFactory(organisation=expo.c.organisation, direction="request", title="Need tractors")
    everything = api.get(f"/events/{slug}/opportunities").body
    assert everything["count"] == 2  # published only, this event only
    requests = api.get(f"/events/{slug}/opportunities", params={"direction": "request"}).body
    assert [item["title"] for item in requests["items"]] == ["Need tractors"]
    found = api.get(f"/events/{slug}/opportunities", params={"q": "wheat"}).body
    assert [item["id"] for item in found["items"]] == [expo.offer_b.pk]
    assert api.get(f"/events/{slug}/opportunities/{expo.offer_b.pk}").status == 200
    assert api.get(f"/events/{slug}/opportunities/{expo.offer_b_draft.pk}").status == 404


def test_create_then_submit_an_opportunity(api, expo):
    slug = expo.event.slug
    body = {
        "direction": "request",
        "kind": "investment",
        "language": "ru",
        "title": "Ищем инвестора",
        "body": "Логистический центр в Хоргосе.",
        "sectors": ["52"],
        "target_countries": ["CN"],
    }
    created = api.post(f"/events/{slug}/opportunities", key=expo.key_a, body=body)
    assert created.status == 201, created.body
    assert created.body["status"] == "draft"
    opportunity = Opportunity.objects.get(pk=created.body["id"])
    assert opportunity.organisation_id == expo.a.organisation_id
    assert opportunity.author_id == expo.a.pk

    mine = api.get(f"/events/{slug}/opportunities/mine", key=expo.key_a).body
    assert {item["id"] for item in mine["items"]} == {opportunity.pk, expo.offer_a.pk}

    submitted = api.post(f"/events/{slug}/opportunities/{opportunity.pk}/submit", key=expo.key_a)
    assert submitted.status == 200
    assert submitted.body["status"] == "pending"
    again = api.post(f"/events/{slug}/opportunities/{opportunity.pk}/submit", key=expo.key_a)
    assert again.status == 422


def test_me_read_and_update(api, expo):
    url = f"/events/{expo.event.slug}/me"
    me = api.get(url, key=expo.key_a).body
    assert me["contact_email"] == expo.a.contact_email
    changed = api.call(
        "PATCH",
        url,
        key=expo.key_a,
        body={
            "languages": ["kk", "zh"],
            "title": {"en": "Head of trade"},
            "phone": "+7 700 000 0000",
            "arrives_at": "2026-06-26T08:00:00+06:00",
            "departs_at": "2026-06-30T20:00:00+06:00",
        },
    )
    assert changed.status == 200, changed.body
    assert changed.body["languages"] == ["kk", "zh"]
    expo.a.refresh_from_db()
    assert expo.a.phone == "+7 700 000 0000"
    assert expo.a.title == {"en": "Head of trade"}
    assert expo.a.given_name == me["given_name"]  # untouched


def test_pending_registration_sees_me_but_nothing_else(api, event):
    pending = ParticipantFactory(event=event, status="pending")
    key = key_for(pending)
    assert api.get(f"/events/{event.slug}/me", key=key).body["status"] == "pending"
    assert api.get(f"/events/{event.slug}/meetings", key=key).status == 403


def test_meeting_request_list_sent_and_received(api, expo):
    url = f"/events/{expo.event.slug}/meeting-requests"
    received = api.get(url, key=expo.key_a).body
    assert [item["id"] for item in received["items"]] == [expo.c_to_a.pk]
    assert received["items"][0]["box"] == "received"
    sent = api.get(url, key=expo.key_a, params={"box": "sent", "status": "pending"}).body
    assert [item["id"] for item in sent["items"]] == [expo.a_to_b.pk]
    assert sent["items"][0]["other"]["id"] == expo.b.pk
    assert "contact" not in sent["items"][0]["other"]


@pytest.mark.usefixtures("expo_ahead")
def test_meeting_request_create_accept_decline_cancel(api, expo):
    slug = expo.event.slug
    # C has asked A already: A answers that request rather than sending one of its own.
    crossing = api.post(
        f"/events/{slug}/meeting-requests", key=expo.key_a, body={"target_id": expo.c.pk}
    )
    assert crossing.status == 409
    assert crossing.body["error"]["fields"][0]["field"] == "target_id"
    newcomer = ParticipantFactory(event=expo.event)
    created = api.post(
        f"/events/{slug}/meeting-requests",
        key=expo.key_a,
        body={"target_id": newcomer.pk, "message": "Tea?", "opportunity_id": expo.offer_b.pk},
    )
    assert created.status == 201, created.body
    assert created.body["other"]["id"] == newcomer.pk
    assert MeetingRequest.objects.get(pk=created.body["id"]).requester_id == expo.a.pk

    accepted = api.post(f"/events/{slug}/meeting-requests/{expo.c_to_a.pk}/accept", key=expo.key_a)
    assert accepted.status == 200
    assert accepted.body["status"] == "accepted"
    assert Meeting.objects.filter(request=expo.c_to_a).exists()

    cancelled = api.post(f"/events/{slug}/meeting-requests/{expo.a_to_b.pk}/cancel", key=expo.key_a)
    assert cancelled.body["status"] == "cancelled"

    declined = api.post(
        f"/events/{slug}/meeting-requests/{created.body['id']}/decline",
        key=key_for(newcomer),
        body={"reason": "Fully booked"},
    )
    assert declined.body["status"] == "declined"
    assert declined.body["decline_reason"] == "Fully booked"


def test_only_the_invited_side_may_accept(api, expo):
    reply = api.post(
        f"/events/{expo.event.slug}/meeting-requests/{expo.a_to_b.pk}/accept", key=expo.key_a
    )
    assert reply.status == 403
    expo.a_to_b.refresh_from_db()
    assert expo.a_to_b.status == "pending"


def _move_its_slot_ahead(meeting: Meeting) -> None:
    """The meeting's published slot moved to tomorrow: its time has not come."""
    entry = ScheduledMeeting.objects.get(meeting=meeting, schedule__published_at__isnull=False)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    Slot.objects.filter(pk=entry.slot_id).update(
        start=tomorrow, end=tomorrow + dt.timedelta(minutes=30)
    )


def test_meetings_show_contact_only_while_active(api, expo):
    slug = expo.event.slug
    listed = api.get(f"/events/{slug}/meetings", key=expo.key_a).body
    assert [item["id"] for item in listed["items"]] == [expo.meeting_ab.pk]
    assert listed["items"][0]["other"]["contact"]["email"] == expo.b.contact_email
    detail = api.get(f"/events/{slug}/meetings/{expo.meeting_ab.pk}", key=expo.key_a).body
    assert detail["other"]["id"] == expo.b.pk

    cancel = f"/events/{slug}/meetings/{expo.meeting_ab.pk}/cancel"
    begun = api.post(cancel, key=expo.key_a, body={"reason": "flight cancelled"})
    assert begun.status == 409  # its published time (June 2026) has come: record the outcome
    assert begun.body["error"]["message"].startswith("This meeting's time has come (")
    _move_its_slot_ahead(expo.meeting_ab)
    cancelled = api.post(cancel, key=expo.key_a, body={"reason": "flight cancelled"})
    assert cancelled.status == 200
    assert cancelled.body["status"] == "cancelled"
    assert cancelled.body["other"]["contact"] is None
    assert api.get(f"/events/{slug}/meetings", key=expo.key_a).body["count"] == 0


def test_agenda_in_the_event_time_zone(api, expo):
    agenda = api.get(f"/events/{expo.event.slug}/agenda", key=expo.key_a).body
    assert agenda["version"] == "v1"
    assert agenda["time_zone"] == "Asia/Almaty"
    (item,) = agenda["items"]
    # Slot 1 starts 03:30 UTC: 08:30 in Almaty (UTC+5 since 2024).
    assert item["start"] == "2026-06-27T08:30:00+05:00"
    assert item["end"] == "2026-06-27T09:00:00+05:00"
    assert item["table"] == {"number": 7, "label": "T7"}
    assert item["other"]["id"] == expo.b.pk
    assert item["meeting_id"] == expo.meeting_ab.pk


@pytest.mark.parametrize(
    ("lang", "title", "room"),
    [
        ("en", "Energy forum", "Conference Hall A"),
        ("ru", "Энергетический форум", "Конференц-зал А"),
        ("zh-Hans", "Energy forum", "A号会议厅"),  # no Chinese title: English
        ("kk", "Energy forum", "Conference Hall A"),  # no Kazakh room: English
    ],
)
def test_agenda_sessions_in_the_requested_language(api, expo, lang, title, room):
    session = ProgrammeSessionFactory(
        event=expo.event,
        title={"en": "Energy forum", "ru": "Энергетический форум"},
        room={"en": "Conference Hall A", "ru": "Конференц-зал А", "zh-hans": "A号会议厅"},
    )
    expo.a.chosen_sessions.add(session)
    agenda = api.get(f"/events/{expo.event.slug}/agenda", key=expo.key_a, lang=lang).body
    (item,) = [item for item in agenda["items"] if item["kind"] == "session"]
    assert (item["session_id"], item["title"], item["room"]) == (session.pk, title, room)


def test_agenda_names_a_sessions_room_and_hall_as_its_place(api, expo):
    hall = HallFactory(event=expo.event, name={"en": "Hall B", "ru": "Зал B"})
    in_hall = ProgrammeSessionFactory(
        event=expo.event, room={"en": "Meeting room 1", "ru": "Переговорная 1"}, hall=hall
    )
    hall_only = ProgrammeSessionFactory(event=expo.event, room={}, hall=hall)
    expo.a.chosen_sessions.add(in_hall, hall_only)

    def places(lang: str) -> dict[int, str]:
        agenda = api.get(f"/events/{expo.event.slug}/agenda", key=expo.key_a, lang=lang).body
        return {i["session_id"]: i["place"] for i in agenda["items"] if i["kind"] == "session"}

    assert places("en") == {in_hall.pk: "Meeting room 1, Hall B", hall_only.pk: "Hall B"}
    assert places("ru")[in_hall.pk] == "Переговорная 1, Зал B"


def test_agenda_without_a_release_is_empty(api, event):
    me = ParticipantFactory(event=event)
    agenda = api.get(f"/events/{event.slug}/agenda", key=key_for(me)).body
    assert agenda["version"] is None
    assert agenda["items"] == []


def test_suggestions_ranked_with_reasons(api, expo):
    from tests.factories import OrganisationFactory

    slug = expo.event.slug
    buyer_org = OrganisationFactory(event=expo.event, country="CN", sectors=["01"])
    buyer = ParticipantFactory(event=expo.event, organisation=buyer_org)
    OpportunityFactory(
        organisation=buyer_org,
        direction="request",
        title="Looking for grain silos",
        body="We need steel grain silos with aeration for 10,000 t.",
    )
    reply = api.get(f"/events/{slug}/suggestions", key=expo.key_a)
    assert reply.status == 200, reply.body
    ids = [item["participant_id"] for item in reply.body["items"]]
    assert buyer.pk in ids
    assert expo.a.pk not in ids
    assert expo.d.pk not in ids  # another event
    suggestion = reply.body["items"][ids.index(buyer.pk)]
    assert suggestion["reasons"]
    assert {"code", "text", "contribution", "data"} <= set(suggestion["reasons"][0])
    assert "contact" not in str(suggestion)


def test_writes_are_audited_as_the_tokens_user(api, expo):
    from keruen.common.models import AuditLogEntry

    phone = "+7 701 555 0101"
    reply = api.call(
        "PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body={"phone": phone}
    )
    assert reply.status == 200
    entry = AuditLogEntry.objects.filter(object_type="people.Participant").latest("id")
    assert entry.actor == expo.a.user
    assert entry.source == "api"
    assert entry.changes["phone"] == ["", phone]


def test_catalogue_filters_by_hs_language_delegation_and_country(api, expo):
    slug = expo.event.slug
    tractors = OpportunityFactory(
        organisation=expo.c.organisation, title="Tractors", hs_codes=["8701"]
    )
    expo.c.languages, expo.c.public_listing = ["kk"], True
    expo.c.save()
    organisations = f"/events/{slug}/organisations"
    by_hs = api.get(organisations, params={"hs": "87"}).body
    assert [item["id"] for item in by_hs["items"]] == [expo.c.organisation_id]
    by_language = api.get(organisations, params={"language": "KK"}).body
    assert [item["id"] for item in by_language["items"]] == [expo.c.organisation_id]
    offers = api.get(f"/events/{slug}/opportunities", params={"hs": "8701"}).body
    assert [item["id"] for item in offers["items"]] == [tractors.pk]
    country = expo.c.organisation.country
    by_country = api.get(f"/events/{slug}/opportunities", params={"country": country}).body
    assert tractors.pk in [item["id"] for item in by_country["items"]]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("organisations", {"hs": "9999"}),
        ("organisations", {"language": "xx1"}),
        ("organisations", {"delegation": "0"}),
        ("opportunities", {"hs": "abc"}),
        ("opportunities", {"country": "ZZ"}),
    ],
)
def test_bad_catalogue_filters_get_422_naming_the_field(api, expo, path, params):
    reply = api.get(f"/events/{expo.event.slug}/{path}", params=params)
    assert reply.status == 422
    assert next(iter(params)) in str(reply.body)


def test_corrections_set_list_change_the_ranking_and_withdraw(api, expo):
    from keruen.matchmaking.models import SuggestionFeedback

    slug = expo.event.slug
    buyer_org = OrganisationFactory(event=expo.event, country="CN", sectors=["01"])
    buyer = ParticipantFactory(event=expo.event, organisation=buyer_org)
    OpportunityFactory(organisation=buyer_org, direction="request", title="Grain silos wanted")
    url = f"/events/{slug}/suggestions/corrections/{buyer_org.pk}"

    reply = api.call("PUT", url, key=expo.key_a, body={"kind": "not_interested"}, lang="ru")
    assert reply.status == 200, reply.body
    assert reply.body["kind"] == "not_interested"
    assert reply.body["kind_label"] == "не интересует"
    assert reply.body["organisation"]["id"] == buyer_org.pk
    suggested = api.get(f"/events/{slug}/suggestions", key=expo.key_a).body["items"]
    assert buyer.pk not in [item["participant_id"] for item in suggested]

    reply = api.call("PUT", url, key=expo.key_a, body={"kind": "met_before"})
    listed = api.get(f"/events/{slug}/suggestions/corrections", key=expo.key_a).body
    assert listed["count"] == 1
    assert [(item["organisation"]["id"], item["kind"]) for item in listed["items"]] == [
        (buyer_org.pk, "met_before")
    ]
    assert api.call("DELETE", url, key=expo.key_a).status == 204
    assert api.call("DELETE", url, key=expo.key_a).status == 204  # nothing left: still done
    assert not SuggestionFeedback.objects.exists()


@pytest.mark.parametrize(
    ("organisation", "body", "status", "field"),
    [
        ("own", {"kind": "competitor"}, 422, "organisation"),
        ("other", {"kind": "enemy"}, 422, "kind"),
        ("other", {}, 422, "kind"),
        ("other event", {"kind": "competitor"}, 404, None),
        (2**63, {"kind": "competitor"}, 422, "organisation_id"),
    ],
)
def test_bad_corrections_change_nothing(api, expo, organisation, body, status, field):
    from keruen.matchmaking.models import SuggestionFeedback

    pk = {
        "own": expo.a.organisation_id,
        "other": expo.b.organisation_id,
        "other event": expo.d.organisation_id,
    }.get(organisation, organisation)
    url = f"/events/{expo.event.slug}/suggestions/corrections/{pk}"
    reply = api.call("PUT", url, key=expo.key_a, body=body)
    assert reply.status == status, reply.body
    if field:
        assert field in str(reply.body["error"])
    assert not SuggestionFeedback.objects.exists()


def test_correction_kinds_match_the_model():
    from typing import get_args

    from keruen.api.routes.suggestions import CorrectionKind
    from keruen.matchmaking.models import SuggestionFeedback

    assert set(get_args(CorrectionKind)) == set(SuggestionFeedback.Kind.values)


@pytest.mark.parametrize(
    ("body", "status", "phone"),
    [
        ({"phone": None}, 200, ""),
        ({"given_name": None}, 422, "+7 700"),
        ({"languages": None}, 422, "+7 700"),
    ],
)
def test_null_clears_a_text_or_is_refused_by_name(api, expo, body, status, phone):
    expo.a.phone = "+7 700"
    expo.a.save()
    reply = api.call("PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body=body)
    assert reply.status == status, reply.body
    if status == 422:
        assert reply.body["error"]["fields"][0]["field"] == next(iter(body))
    expo.a.refresh_from_db()
    assert expo.a.phone == phone


def test_me_lists_the_published_meetings_a_new_arrival_rules_out(api, expo):
    slug = expo.event.slug
    assert api.get(f"/events/{slug}/me", key=expo.key_a).body["meetings_ruled_out"] == []
    reply = api.call(
        "PATCH",
        f"/events/{slug}/me",
        key=expo.key_a,
        body={"arrives_at": "2026-06-28T09:00:00+05:00"},
    )
    assert reply.status == 200
    [ruled_out] = reply.body["meetings_ruled_out"]
    assert ruled_out["meeting_id"] == expo.meeting_ab.pk
    assert ruled_out["other_id"] == expo.b.pk
    assert ruled_out["reason"] == "before_arrival"
