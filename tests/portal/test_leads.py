"""Scanning a badge: organisers check in, delegates keep the person among their contacts."""

from __future__ import annotations

from django.urls import reverse

from keruen.meetings.models import Meeting
from keruen.people.badge_codes import badge_code_display
from keruen.people.leads import lead_save
from keruen.people.models import Lead, Participant
from tests.factories import MeetingFactory, OrganisationFactory, ParticipantFactory
from tests.portal.conftest import client_for


def _scan(event, person) -> str:
    return reverse("badge-scan", args=[event.slug, badge_code_display(person.badge_code)])


def test_a_delegate_keeps_a_scanned_badge_with_a_note(event, alice, bob) -> None:
    client = client_for(alice)
    response = client.get(_scan(event, bob), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "portal-lead-scan", args=[event.slug, badge_code_display(bob.badge_code)]
    )
    assert bob.display_name in response.content.decode()
    saved = client.post(
        response.redirect_chain[-1][0], {"note": "Send the grain terminal brochure"}, follow=True
    ).content.decode()
    assert f"{bob.display_name} is among your contacts." in saved
    assert "Send the grain terminal brochure" in saved
    # Scanning again keeps one contact and replaces the note.
    client.post(response.redirect_chain[-1][0], {"note": "Brochure sent"})
    assert list(Lead.objects.filter(owner=alice).values_list("person", "note")) == [
        (bob.pk, "Brochure sent")
    ]


def test_contact_details_show_only_after_a_meeting(event, alice, bob) -> None:
    lead_save(owner=alice, person=bob)
    lists = reverse("portal-lead-list", args=[event.slug])
    assert bob.contact_email not in client_for(alice).get(lists).content.decode()
    csv_before = client_for(alice).get(lists, {"format": "csv"}).content.decode("utf-8-sig")
    assert bob.display_name in csv_before
    assert bob.contact_email not in csv_before
    MeetingFactory(
        event=event, participant_a=alice, participant_b=bob, status=Meeting.Status.ACCEPTED
    )
    assert bob.contact_email in client_for(alice).get(lists).content.decode()
    csv_after = client_for(alice).get(lists, {"format": "csv"}).content.decode("utf-8-sig")
    assert bob.contact_email in csv_after


def test_an_organiser_who_scans_lands_on_the_check_in(event) -> None:
    client = client_for(ParticipantFactory(event=event, role=Participant.Role.ORGANISER))
    delegate = ParticipantFactory(event=event)
    response = client.get(_scan(event, delegate))
    assert response["Location"] == reverse(
        "console-check-in-badge", args=[event.slug, delegate.badge_code]
    )


def test_own_badge_pending_people_and_other_events(event, other_event, alice) -> None:
    client = client_for(alice)
    # One's own badge: the e-badge.
    own = client.get(reverse("portal-lead-scan", args=[event.slug, alice.badge_code]))
    assert own["Location"] == reverse("portal-badge", args=[event.slug])
    # Another event's badge: not found, and nothing kept.
    stranger = ParticipantFactory(event=other_event)
    url = reverse("portal-lead-scan", args=[event.slug, stranger.badge_code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"note": "x"}).status_code == 404
    # A registration not approved: refused, nothing kept.
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    url = reverse("portal-lead-scan", args=[event.slug, pending.badge_code])
    refused = client.post(url, {"note": ""}, follow=True).content.decode()
    assert "is not an approved delegate of this event" in refused
    assert not Lead.objects.exists()


def test_anonymous_scanners_log_in_first(client, event, alice) -> None:
    response = client.get(_scan(event, alice))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_contact_is_removed_by_its_owner_only(event, alice, bob, carol) -> None:
    lead, _ = lead_save(owner=alice, person=bob)
    url = reverse("portal-lead-remove", args=[event.slug, lead.pk])
    assert client_for(carol).post(url).status_code == 404
    assert Lead.objects.filter(pk=lead.pk).exists()
    client_for(alice).post(url)
    assert not Lead.objects.filter(pk=lead.pk).exists()


def _keep_url(event, person) -> str:
    return reverse("portal-lead-scan", args=[event.slug, person.badge_code])


def test_a_note_can_be_cleared(event, alice, bob) -> None:
    lead, _ = lead_save(owner=alice, person=bob, note="Send the brochure")
    client_for(alice).post(_keep_url(event, bob), {"note": ""})
    lead.refresh_from_db()
    assert lead.note == ""


def test_a_refused_note_is_given_back_as_typed(event, alice, bob) -> None:
    lead_save(owner=alice, person=bob, note="the saved note")
    typed = "typed at the booth " + "y" * 1000
    page = client_for(alice).post(_keep_url(event, bob), {"note": typed}).content.decode()
    assert "longer than 1000 characters" in page
    assert typed in page
    assert "the saved note" not in page


def test_a_note_with_line_breaks_fills_the_box_but_not_more(event, alice, bob) -> None:
    typed = "\r\n".join(["z" * 99] * 10)  # 999 in the browser's count
    response = client_for(alice).post(_keep_url(event, bob), {"note": typed})
    assert response.status_code == 302
    assert Lead.objects.get(owner=alice).note == typed.replace("\r\n", "\n")


def test_control_characters_in_a_note_or_a_scanned_code_are_harmless(event, alice, bob) -> None:
    client = client_for(alice)
    response = client.post(_keep_url(event, bob), {"note": "ok\x00then"})
    assert response.status_code == 302
    assert Lead.objects.get(owner=alice).note == "okthen"
    scan = reverse("portal-lead-scan", args=[event.slug, "AB\x00CD"])
    assert client.get(scan).status_code == 404


def test_an_address_with_no_code_in_it_is_not_found(event) -> None:
    organiser = client_for(ParticipantFactory(event=event, role=Participant.Role.ORGANISER))
    for code in ("-", " ", "\x00"):
        url = reverse("badge-scan", args=[event.slug, code])
        assert organiser.get(url).status_code == 404, repr(code)


def test_people_not_approved_are_not_shown_nor_offered(event, alice) -> None:
    client = client_for(alice)
    for status in ("pending", "withdrawn", "rejected"):
        person = ParticipantFactory(
            event=event,
            status=status,
            title={"en": "Head of Procurement"},
            organisation=OrganisationFactory(event=event, name={"en": "Tengri Grain"}),
        )
        page = client.get(_keep_url(event, person)).content.decode()
        assert "is not an approved delegate of this event" in page, status
        hidden = (person.display_name, "Head of Procurement", "Tengri Grain", 'name="note"')
        assert [text for text in hidden if text in page] == [], status
    assert not Lead.objects.exists()
