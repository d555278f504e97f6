"""Importing participants: accounts created or reused, duplicates refused, references checked."""

from __future__ import annotations

from keruen.people.models import Participant, User
from tests.factories import DelegationFactory, OrganisationFactory, ParticipantFactory, UserFactory
from tests.imports.conftest import (
    PARTICIPANT_HEADER,
    csv_bytes,
    lines,
    participant_row,
    refused,
    run,
    xlsx_bytes,
)


def test_csv_happy_path_creates_accounts_without_usable_password(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes(
        [
            [*PARTICIPANT_HEADER, "title_ru", "role", "target_countries"],
            [*participant_row("Aigerim@Example.com"), "Директор", "exhibitor", "cn; uz"],
            [
                *participant_row(
                    "wang.lei@example.com", given_name="磊", family_name="王", languages="zh;en"
                ),
                "",
                "",
                "",
            ],
        ]
    )
    report = run(event, "participants", data)
    assert report.created == 2
    assert report.outcomes["new accounts"] == 2
    aigerim = Participant.objects.get(event=event, user__email="aigerim@example.com")
    assert aigerim.user.has_usable_password() is False
    assert aigerim.user.full_name == "Aigerim Nurlanova"
    assert aigerim.user.language == "kk"
    assert aigerim.role == "exhibitor"
    assert aigerim.status == "approved"
    assert aigerim.title == {"ru": "Директор"}
    assert aigerim.languages == ["kk", "ru"]
    assert aigerim.public_listing is True
    assert aigerim.target_countries == ["CN", "UZ"]
    assert aigerim.feed_token  # the service's registration, not a bare insert
    wang = Participant.objects.get(event=event, user__email="wang.lei@example.com")
    assert wang.user.language == "zh-hans"
    assert wang.role == "business"


def test_xlsx_happy_path_reuses_an_existing_account(event, other_event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    delegation = DelegationFactory(event=event, code="kz-gov")
    known = UserFactory(email="known@example.com")
    ParticipantFactory(event=other_event, user=known)  # registered elsewhere: fine here
    data = xlsx_bytes(
        {
            "participants": [
                [*PARTICIPANT_HEADER, "delegation_code", "phone", "status"],
                [*participant_row("known@example.com"), "kz-gov", 77015550101, "pending"],
            ]
        }
    )
    report = run(event, "participants", data, "people.xlsx")
    assert report.outcomes == {"created": 1, "existing accounts": 1}
    participant = Participant.objects.get(event=event, user=known)
    assert participant.delegation == delegation
    assert participant.phone == "77015550101"  # a number cell, read as text
    assert participant.status == "pending"
    known.refresh_from_db()
    assert known.has_usable_password()  # an existing account is left as it is
    assert User.objects.count() == 1


def test_duplicate_email_within_the_file(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes(
        [
            PARTICIPANT_HEADER,
            participant_row("a@example.com"),
            participant_row("b@example.com"),
            participant_row("A@example.com"),
        ]
    )
    problems = lines(refused(event, "participants", data))
    assert problems == ["row 4, column email: 'a@example.com' appears again (first on row 2)"]
    assert not Participant.objects.filter(event=event).exists()
    assert not User.objects.filter(email="b@example.com").exists()


def test_email_already_registered_at_the_event(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    ParticipantFactory(event=event, user=UserFactory(email="taken@example.com"))
    data = csv_bytes(
        [
            PARTICIPANT_HEADER,
            participant_row("new@example.com"),
            participant_row("taken@example.com"),
        ]
    )
    problems = lines(refused(event, "participants", data))
    assert problems == [
        "row 3, column email: 'taken@example.com' is already registered at this event"
    ]
    assert not User.objects.filter(email="new@example.com").exists()


def test_unknown_organisation_code(event, other_event) -> None:
    OrganisationFactory(event=other_event, code="kaz-grain")  # another event's: not visible
    data = csv_bytes(
        [PARTICIPANT_HEADER, participant_row("a@example.com", organisation="kaz-grain")]
    )
    problems = lines(refused(event, "participants", data))
    assert problems == [
        "row 2, column organisation_code: no organisation with the code 'kaz-grain' in this "
        "event (import the organisations first)"
    ]


def test_missing_required_fields_and_bad_values(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes(
        [
            PARTICIPANT_HEADER,
            participant_row(
                "not-an-email", given_name="", languages="kk;klingon", public_listing="maybe"
            ),
            participant_row("", organisation=""),
        ]
    )
    problems = lines(refused(event, "participants", data))
    assert problems == [
        "row 2, column email: 'not-an-email' is not an e-mail address",
        "row 2, column given_name: required, but the cell is empty",
        "row 2, column languages: 'klingon' is not an ISO 639 language code",
        "row 2, column public_listing: 'maybe' is not yes or no",
        "row 3, column email: required, but the cell is empty",
        "row 3, column organisation_code: required, but the cell is empty",
    ]
    assert not User.objects.exists()


def test_organisation_code_matches_without_case(event) -> None:
    organisation = OrganisationFactory(event=event, code="kaz-grain")
    run(
        event,
        "participants",
        csv_bytes([PARTICIPANT_HEADER, participant_row("a@example.com", organisation="KAZ-GRAIN")]),
    )
    assert Participant.objects.get(event=event).organisation == organisation


def test_an_account_stored_in_another_case_is_the_same_account(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    older = UserFactory()
    User.objects.filter(pk=older.pk).update(email="Aigerim.Seitova@Example.com")  # as of old
    report = run(
        event,
        "participants",
        csv_bytes([PARTICIPANT_HEADER, participant_row("aigerim.seitova@example.com")]),
    )
    assert report.outcomes == {"created": 1, "existing accounts": 1}
    assert User.objects.count() == 1
    assert Participant.objects.get(event=event).user_id == older.pk
    # And an account saved from now on keeps its address in one case.
    typed = User(email="  Dana.Akhmet@Example.KZ ")
    typed.save()
    assert typed.email == "dana.akhmet@example.kz"


def test_a_phone_the_portal_would_refuse_is_refused(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    header = [*PARTICIPANT_HEADER, "phone"]
    data = csv_bytes([header, [*participant_row("a@example.com"), "call me maybe"]])
    problems = lines(refused(event, "participants", data))
    assert problems == [
        "row 2, column phone: 'call me maybe' is not a phone number with its country code "
        "(+7 701 555 0101)"
    ]


def test_target_countries_take_alpha3_codes_and_hint_a_name_a_comma_splits(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    header = [*PARTICIPANT_HEADER, "target_countries"]
    good = csv_bytes([header, [*participant_row("a@example.com"), "kaz; CHN, uz"]])
    run(event, "participants", good)
    assert Participant.objects.get(event=event).target_countries == ["KZ", "CN", "UZ"]
    bad = csv_bytes([header, [*participant_row("b@example.com"), "Korea, Republic of; KZ"]])
    assert lines(refused(event, "participants", bad)) == [
        "row 2, column target_countries: 'Korea, Republic of' is not an ISO 3166-1 country code "
        "(for 'Korea, Republic of' write KR)"
    ]


def test_three_letter_language_codes_are_stored_as_two_and_set_the_account_language(
    event,
) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes([PARTICIPANT_HEADER, participant_row("a@example.com", languages="KAZ;rus")])
    assert run(event, "participants", data).created == 1
    aigerim = Participant.objects.get(event=event, user__email="a@example.com")
    assert aigerim.languages == ["kk", "ru"]
    assert aigerim.user.language == "kk"
