"""Announcements: the organisers write to a filtered list of participants; each reads it in
their language; a failed sending is resumed without writing to anyone twice."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from keruen.common.models import AuditLogEntry
from keruen.people import announcements as announcement_module
from keruen.people.announcements import announcement_send
from keruen.people.models import Announcement, AnnouncementDelivery, Participant
from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory

WELCOME = {
    "subject_en": "Welcome to the expo",
    "body_en": "Badges are handed out at gate 3 from 8:00.",
    "subject_ru": "Добро пожаловать на выставку",
    "body_ru": "Бейджи выдают у входа 3 с 8:00.",
}
# Sending to everyone needs the box "I have checked the text and the list" ticked.
SEND = {**WELCOME, "confirm": "on"}


def _delegate(event, country: str, language: str, *, email: str = "", **fields) -> Participant:
    organisation = OrganisationFactory(event=event, country=country)
    user = UserFactory(language=language, **({"email": email} if email else {}))
    return ParticipantFactory(event=event, organisation=organisation, user=user, **fields)


@pytest.fixture
def kazakh_delegates(event):
    return {
        "ru": _delegate(event, "KZ", "ru"),
        "kk": _delegate(event, "KZ", "kk"),
        "pending": _delegate(event, "KZ", "ru", status=Participant.Status.PENDING),
        "withdrawn": _delegate(event, "KZ", "kk", status=Participant.Status.WITHDRAWN),
        "rejected": _delegate(event, "KZ", "en", status=Participant.Status.REJECTED),
        "chinese": _delegate(event, "CN", "zh-hans"),
    }


def _new(event, query: str = "") -> str:
    return reverse("console-announcement-new", args=[event.slug]) + query


def test_written_to_the_filtered_list_each_in_their_language(
    organiser_client, event, kazakh_delegates
) -> None:
    page = organiser_client.get(_new(event, "?country=KZ&role=business"))
    assert page.status_code == 200
    text = page.content.decode()
    # Approved and pending Kazakhs; the withdrawn and the rejected are left out.
    assert "To 3 participants" in text
    assert "business · Kazakhstan" in text
    assert "Russian 2" in text
    assert "Kazakh 1" in text
    # English first (everyone's fallback), then the languages most of them read.
    legends = [legend.split("<span")[0].strip() for legend in text.split("<legend>")[1:]]
    assert legends == ["English", "Russian", "Kazakh", "Chinese"]
    response = organiser_client.post(_new(event, "?country=KZ&role=business"), SEND)
    assert response.status_code == 302
    assert response.url == reverse("console-announcements", args=[event.slug])

    received = {message.to[0]: message for message in mail.outbox}
    people = kazakh_delegates
    assert set(received) == {people[k].user.email for k in ("ru", "kk", "pending")}
    russian = received[people["ru"].user.email]
    assert russian.subject.endswith(": Добро пожаловать на выставку")
    assert "Бейджи выдают у входа 3" in russian.body
    assert f"/{event.slug}/me/" in russian.body  # the link to their page
    # Nobody wrote Kazakh: the Kazakh reader gets the English text, with the footer in Kazakh.
    kazakh = received[people["kk"].user.email]
    assert kazakh.subject.endswith(": Welcome to the expo")
    assert "Badges are handed out at gate 3" in kazakh.body

    announcement = Announcement.objects.get(event=event)
    assert announcement.status == Announcement.Status.SENT
    assert announcement.audience == "business · Kazakhstan"
    assert not announcement.deliveries.filter(sent_at__isnull=True).exists()
    listing = organiser_client.get(reverse("console-announcements", args=[event.slug]))
    assert "3 of 3" in listing.content.decode()
    assert "English · Russian" in listing.content.decode()
    entry = AuditLogEntry.objects.get(changes__action="announce")
    assert entry.changes == {"action": "announce", "recipients": 3}
    assert entry.object_id == str(announcement.pk)


def test_filtering_on_withdrawn_reaches_the_withdrawn(
    organiser_client, event, kazakh_delegates
) -> None:
    response = organiser_client.post(_new(event, "?status=withdrawn"), SEND)
    assert response.status_code == 302
    assert [m.to[0] for m in mail.outbox] == [kazakh_delegates["withdrawn"].user.email]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"subject_ru": "Тема"}, "body_ru", "Write the message too, or no subject."),
        ({"body_kk": "Хабар"}, "subject_kk", "Write a subject too, or no message."),
        ({}, "subject_en", "Write the subject and the message."),
        ({"subject_en": "x" * 201, "body_en": "…"}, "subject_en", "at most 200 characters"),
    ],
)
def test_a_text_missing_its_half_is_refused_and_nothing_sent(
    organiser_client, event, kazakh_delegates, data, field, message
) -> None:
    response = organiser_client.post(_new(event), {**data, "confirm": "on"})
    assert response.status_code == 422
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert not Announcement.objects.exists()
    assert not mail.outbox


def test_an_empty_list_is_refused(organiser_client, event, kazakh_delegates) -> None:
    response = organiser_client.post(_new(event, "?country=UZ"), SEND)
    assert response.status_code == 422
    assert "Nobody to write to" in response.content.decode()
    assert not Announcement.objects.exists()


class FailingAfterThree(EmailBackend):
    """The mail server goes away after taking three messages (in any number of batches)."""

    def send_messages(self, messages):
        if len(mail.outbox) + len(messages) > 3:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_failed_sending_resumes_with_those_not_reached(
    organiser_client, event, settings, monkeypatch
) -> None:
    people = [_delegate(event, "TR", "en") for _ in range(7)]
    monkeypatch.setattr(announcement_module, "BATCH_SIZE", 2)
    settings.EMAIL_BACKEND = f"{__name__}.FailingAfterThree"
    organiser_client.post(_new(event, "?country=TR"), SEND)
    announcement = Announcement.objects.get(event=event)
    assert announcement.status == Announcement.Status.FAILED
    assert "Connection unexpectedly closed" in announcement.note
    # The server took three (a batch of two, then one of the next) before it went away: each
    # is marked sent as it is taken, so none of them goes out again.
    assert len(mail.outbox) == 3
    assert announcement.deliveries.filter(sent_at__isnull=False).count() == 3
    listing = organiser_client.get(reverse("console-announcements", args=[event.slug]))
    assert "Send to the rest" in listing.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    resend = reverse("console-announcement-resend", args=[event.slug, announcement.pk])
    assert organiser_client.post(resend).status_code == 302
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    addresses = [m.to[0] for m in mail.outbox]
    assert sorted(addresses) == sorted(p.user.email for p in people)  # each exactly once
    # Sent: nothing more to send again.
    organiser_client.post(resend)
    assert len(mail.outbox) == len(people)


class RefusingBounces(EmailBackend):
    """A mail server that refuses addresses starting with "bounce", as SMTP does (550)."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("bounce"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


def test_an_address_the_server_refuses_is_marked_and_the_others_still_get_it(
    organiser_client, event, settings, monkeypatch
) -> None:
    people = [_delegate(event, "TR", "en") for _ in range(4)]
    bounce = _delegate(event, "TR", "en", email="bounce@example.org")
    monkeypatch.setattr(announcement_module, "BATCH_SIZE", 2)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBounces"
    organiser_client.post(_new(event, "?country=TR"), SEND)
    announcement = Announcement.objects.get(event=event)
    assert announcement.status == Announcement.Status.SENT
    assert announcement.note == "The mail server refused 1 address."
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    refused = announcement.deliveries.get(participant=bounce)
    assert refused.sent_at is None
    assert refused.refused == "550 5.1.1 No such user"
    listing = organiser_client.get(reverse("console-announcements", args=[event.slug]))
    assert "4 of 5" in listing.content.decode()
    assert "The mail server refused 1 address." in listing.content.decode()


class TakenOverAfterOne(EmailBackend):
    """While the first message is on its way, another sender takes the announcement over (as
    after a 15-minute silence)."""

    def send_messages(self, messages):
        Announcement.objects.update(claim="another-sender")
        return super().send_messages(messages)


def test_a_sender_whose_claim_was_taken_over_stops_and_leaves_the_rest(event, settings) -> None:
    people = [_delegate(event, "KZ", "ru") for _ in range(3)]
    announcement = Announcement.objects.create(event=event, subject={"en": "Hi"}, body={"en": "…"})
    AnnouncementDelivery.objects.bulk_create(
        AnnouncementDelivery(announcement=announcement, participant=person) for person in people
    )
    settings.EMAIL_BACKEND = f"{__name__}.TakenOverAfterOne"
    result = announcement_send(announcement_id=announcement.pk)
    # It sent the one it had started, then saw the claim was no longer its own: it neither
    # sent more nor wrote the announcement's final state over the new sender's.
    assert len(mail.outbox) == 1
    assert result.status == Announcement.Status.SENDING
    assert result.claim == "another-sender"
    assert announcement.deliveries.filter(sent_at__isnull=False).count() == 1


class Broken(EmailBackend):
    def send_messages(self, messages):
        raise RuntimeError("a bug")


def test_an_unexpected_error_marks_it_failed_instead_of_sending_for_ever(event, settings) -> None:
    person = _delegate(event, "KZ", "ru")
    announcement = Announcement.objects.create(event=event, subject={"en": "Hi"}, body={"en": "…"})
    AnnouncementDelivery.objects.create(announcement=announcement, participant=person)
    settings.EMAIL_BACKEND = f"{__name__}.Broken"
    with pytest.raises(RuntimeError):
        announcement_send(announcement_id=announcement.pk)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.FAILED
    assert "unexpected error" in announcement.note
    assert announcement_module.announcement_can_resend(announcement)


def test_a_second_click_does_not_send_it_twice(organiser_client, event, kazakh_delegates) -> None:
    assert organiser_client.post(_new(event, "?country=KZ"), SEND).status_code == 302
    sent = len(mail.outbox)
    again = organiser_client.post(_new(event, "?country=KZ"), SEND)
    assert again.status_code == 422
    assert "The same message went to the same list 1 minute ago" in again.content.decode()
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == sent
    # Another list, or another text, is another announcement.
    assert organiser_client.post(_new(event, "?country=CN"), SEND).status_code == 302
    changed = {**SEND, "body_en": WELCOME["body_en"] + " Bring your passport."}
    assert organiser_client.post(_new(event, "?country=KZ"), changed).status_code == 302
    assert Announcement.objects.count() == 3


def test_a_queued_announcement_whose_task_was_lost_can_be_sent(event) -> None:
    announcement = Announcement.objects.create(event=event, subject={"en": "Hi"}, body={"en": "…"})
    assert not announcement_module.announcement_can_resend(announcement)  # its task may run yet
    Announcement.objects.filter(pk=announcement.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=20)
    )
    announcement.refresh_from_db()
    assert announcement_module.announcement_can_resend(announcement)


class Unreachable(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_a_test_the_server_does_not_take_is_said_on_the_form(
    organiser_client, event, settings, kazakh_delegates
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.Unreachable"
    response = organiser_client.post(_new(event, "?country=KZ"), {**WELCOME, "test": "1"})
    assert response.status_code == 422
    assert "The mail server did not take the test" in response.content.decode()
    assert "Connection refused" in response.content.decode()


def test_the_list_of_announcements_costs_the_same_queries_however_long(
    organiser_client, event, kazakh_delegates, django_assert_max_num_queries
) -> None:
    url = reverse("console-announcements", args=[event.slug])
    for n in range(12):
        announcement = Announcement.objects.create(
            event=event, subject={"en": f"Note {n}"}, body={"en": "…"}
        )
        AnnouncementDelivery.objects.create(
            announcement=announcement, participant=kazakh_delegates["ru"]
        )
    with django_assert_max_num_queries(12):
        response = organiser_client.get(url)
    assert response.content.decode().count("Note ") == 12


def test_one_sender_at_a_time_and_a_silent_one_is_taken_over(event) -> None:
    person = _delegate(event, "KZ", "ru")
    announcement = Announcement.objects.create(
        event=event, subject={"en": "Hi"}, body={"en": "…"}, status=Announcement.Status.SENDING
    )
    AnnouncementDelivery.objects.create(announcement=announcement, participant=person)
    # Another sender is working on it: this one leaves it alone.
    assert announcement_send(announcement_id=announcement.pk).status == "sending"
    assert not mail.outbox
    # It went silent a while ago (a worker that died): the next sender finishes the job.
    Announcement.objects.filter(pk=announcement.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=20)
    )
    assert announcement_send(announcement_id=announcement.pk).status == "sent"
    assert [m.to[0] for m in mail.outbox] == [person.user.email]


def test_another_events_organiser_cannot_send_it_again(foreign_organiser_client, event) -> None:
    announcement = Announcement.objects.create(
        event=event, subject={"en": "Hi"}, body={"en": "…"}, status=Announcement.Status.FAILED
    )
    resend = reverse("console-announcement-resend", args=[event.slug, announcement.pk])
    assert foreign_organiser_client.post(resend).status_code in (403, 404)


def test_the_message_also_waits_on_the_recipients_portal_page(
    organiser_client, client, event, kazakh_delegates
) -> None:
    organiser_client.post(_new(event, "?country=KZ&role=business"), SEND)
    people = kazakh_delegates
    client.force_login(people["ru"].user)
    client.cookies["django_language"] = "ru"  # as their log-in would set it
    home = client.get(reverse("portal-home", args=[event.slug])).content.decode()
    assert "Бейджи выдают у входа 3 с 8:00." in home  # in their language
    # Pending: their page says so, and shows the message too (their e-mail may be lost).
    client.force_login(people["pending"].user)
    pending = client.get(reverse("portal-home", args=[event.slug])).content.decode()
    assert "Бейджи выдают у входа 3" in pending
    # Not a recipient: nothing.
    client.force_login(people["chinese"].user)
    other = client.get(reverse("portal-home", args=[event.slug])).content.decode()
    assert "gate 3" not in other
    assert "Бейджи" not in other


def test_a_test_goes_to_the_organiser_alone_in_each_language_written(
    organiser_client, organiser, event, kazakh_delegates
) -> None:
    response = organiser_client.post(_new(event, "?country=KZ"), {**WELCOME, "test": "1"})
    assert response.status_code == 200  # the form stays, filled in
    assert "Бейджи выдают у входа 3" in response.content.decode()
    assert [m.to[0] for m in mail.outbox] == [organiser.user.email] * 2
    assert [m.subject for m in mail.outbox] == [
        "[Test] " + f"Expo {event.slug}: Welcome to the expo",
        "[Test] " + f"Выставка {event.slug}: Добро пожаловать на выставку",
    ]
    assert not Announcement.objects.exists()
    assert "A test went to" in response.content.decode()


def test_enter_in_a_field_sends_a_test_not_the_announcement(
    organiser_client, event, kazakh_delegates
) -> None:
    """Browsers submit with the form's first button: it must be the test."""
    page = organiser_client.get(_new(event, "?country=KZ")).content.decode()
    form = page[page.index('class="consoleform announcement-form"') :]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'name="test"' in first_button


def test_a_delegate_without_a_password_gets_a_personal_link_to_choose_one(
    organiser_client, event, client
) -> None:
    """A participants import creates accounts without a password: an announcement is how
    they first hear from the expo, so their copy says how to log in."""
    imported = _delegate(event, "KZ", "ru")
    imported.user.set_unusable_password()
    imported.user.save()
    regular = _delegate(event, "KZ", "ru")
    page = organiser_client.get(_new(event, "?country=KZ"))
    assert "1 of them has no password yet" in page.content.decode()

    organiser_client.post(_new(event, "?country=KZ"), SEND)

    received = {message.to[0]: message.body for message in mail.outbox}
    assert "/accounts/password-reset/" not in received[regular.user.email]
    body = received[imported.user.email]
    assert "У вас ещё нет пароля" in body  # in the recipient's language
    (link,) = [line for line in body.splitlines() if "/accounts/password-reset/" in line]
    assert link.startswith("http://testserver/accounts/password-reset/")
    # The link opens the form to choose a password, and the new one logs them in.
    chooser = client.get(link, follow=True)
    assert chooser.status_code == 200
    form_url = chooser.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Karaganda-2027!", "new_password2": "Karaganda-2027!"})
    imported.user.refresh_from_db()
    assert imported.user.check_password("Karaganda-2027!")


def test_sending_to_everyone_needs_the_box_ticked_and_shows_who_is_pending(
    organiser_client, event, kazakh_delegates
) -> None:
    """The old page sent at once on the click, and never said that pending registrations
    were on the list."""
    url = _new(event, "?country=KZ&role=business")
    page = organiser_client.get(url).content.decode()
    assert '<span class="tag">approved 2</span>' in page
    assert '<span class="tag">pending approval 1</span>' in page
    assert "1 of them has registered but is not approved yet: they receive it too." in page
    assert 'href="?country=KZ&amp;role=business&amp;status=approved"' in page
    assert "send it to 3 participants. 1 of them is pending approval." in page
    assert 'name="audience_size" value="3"' in page

    response = organiser_client.post(url, WELCOME)  # the box not ticked
    assert response.status_code == 422
    assert response.context["form"].errors["confirm"] == [
        "Check the text and the list, then tick the box to send it."
    ]
    assert "Бейджи выдают у входа 3" in response.content.decode()  # the texts stay
    assert not Announcement.objects.exists()
    assert not mail.outbox

    assert organiser_client.post(url, {**SEND, "audience_size": "3"}).status_code == 302
    assert len(mail.outbox) == 3


def test_the_box_is_asked_again_if_the_list_changed_since_the_page(
    organiser_client, event, kazakh_delegates
) -> None:
    url = _new(event, "?country=KZ&role=business")
    shown = organiser_client.get(url).content.decode()
    assert 'name="audience_size" value="3"' in shown
    _delegate(event, "KZ", "ru")  # registers meanwhile
    response = organiser_client.post(url, {**SEND, "audience_size": "3"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "The list has changed since the page was shown: it now counts 4 participants." in page
    assert 'name="audience_size" value="4"' in page
    box = page[page.index('name="confirm"') :].split(">")[0]
    assert "checked" not in box  # to be ticked again, for the new list
    assert not mail.outbox
    assert organiser_client.post(url, {**SEND, "audience_size": "4"}).status_code == 302
    assert len(mail.outbox) == 4


def test_without_pending_registrations_nothing_is_said_about_them(
    organiser_client, event, kazakh_delegates
) -> None:
    page = organiser_client.get(_new(event, "?country=CN")).content.decode()
    assert '<span class="tag">approved 1</span>' in page
    assert "pending approval" not in page
    assert "not approved yet" not in page


def test_the_console_menu_leads_to_the_announcements(organiser_client, event) -> None:
    """Before, the page was reached only through the participants' list."""
    listing = reverse("console-announcements", args=[event.slug])
    home = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    start = home.index('class="consolenav"')
    menu = home[start : home.index("</nav>", start)]
    assert f'<a href="{listing}">Announcements</a>' in menu
    page = organiser_client.get(listing).content.decode()
    assert f'<a href="{listing}" aria-current="page">Announcements</a>' in page
