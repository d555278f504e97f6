"""One factory_boy factory per model."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

import factory

from keruen.agreements.models import Agreement
from keruen.events.models import Booth, Event, Hall, MeetingTable, ProgrammeSession, Slot, Venue
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, MeetingRequest, Schedule
from keruen.people.models import Delegation, Organisation, Participant, User

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.LazyFunction(lambda: {"en": "Expo Centre"})
    country = "CN"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"expo-{n}")
    name = factory.LazyAttribute(lambda o: {"en": f"Expo {o.slug}", "ru": f"Выставка {o.slug}"})
    start_date = dt.date(2026, 6, 26)
    end_date = dt.date(2026, 6, 30)
    time_zone = "Asia/Shanghai"
    venue = factory.SubFactory(VenueFactory)

    class Params:
        # The default dates are fixed, so that slot times in tests read plainly, and so lie in
        # the past: an edition that has taken place takes no registration. ``coming=True``
        # gives one that is still ahead, whatever the day the tests run.
        coming = factory.Trait(
            start_date=factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=90)),
            end_date=factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=4)),
        )


# A moment before the factory's fixed June 2026 dates: the clock for a service asked to act
# before the event (cancelling a meeting whose published time has not come, say).
BEFORE_THE_EVENT = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def move_ahead(event: Event) -> Event:
    """Move an event's dates to 90 days from today, so that meeting requests can be sent
    and answered (an event that is over takes none). Only its dates move: slots made at
    the factory's fixed June 2026 times stay where they are, which is all a request test
    needs."""
    event.start_date = dt.date.today() + dt.timedelta(days=90)
    event.end_date = event.start_date + dt.timedelta(days=4)
    event.save(update_fields=["start_date", "end_date"])
    return event


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"H{n}")
    name = factory.LazyFunction(lambda: {"en": "Hall"})


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    event = factory.SubFactory(EventFactory)
    hall = factory.SubFactory(HallFactory, event=factory.SelfAttribute("..event"))
    code = factory.Sequence(lambda n: f"B{n}")


class MeetingTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingTable

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)
    day_index = 1
    session = "AM"
    start = factory.LazyAttribute(
        lambda o: (
            dt.datetime(2026, 6, 27, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=30 * o.number)
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=30))


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"delegation-{n}")
    name = factory.LazyFunction(lambda: {"en": "Delegation of Kazakhstan"})
    country = "KZ"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: {"en": f"Organisation {n}"})
    country = "KZ"
    sectors = factory.LazyFunction(lambda: ["01"])


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, event=factory.SelfAttribute("..event"))
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    status = Participant.Status.APPROVED
    languages = factory.LazyFunction(lambda: ["ru", "en"])
    contact_email = factory.LazyAttribute(lambda o: f"contact-{secrets.token_hex(4)}@example.org")
    feed_token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    event = factory.SelfAttribute("organisation.event")
    organisation = factory.SubFactory(OrganisationFactory)
    direction = Opportunity.Direction.OFFER
    kind = Opportunity.Kind.PRODUCT
    language = "en"
    title = "Grain silos, 10,000 t"
    body = "Turnkey steel grain silos with aeration and temperature monitoring."
    status = Opportunity.Status.PUBLISHED


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(EventFactory)
    requester = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))
    target = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    event = factory.SubFactory(EventFactory)
    participant_a = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))
    participant_b = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    event = factory.SubFactory(EventFactory)


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeSession

    event = factory.SubFactory(EventFactory)
    kind = ProgrammeSession.Kind.FORUM
    title = factory.LazyFunction(lambda: {"en": "Energy forum"})
    start = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)
    end = dt.datetime(2026, 6, 27, 4, 0, tzinfo=dt.UTC)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    event = factory.SubFactory(EventFactory)
    kind = Agreement.Kind.MOU
    title = factory.LazyFunction(lambda: {"en": "MoU on grain logistics"})
    value = Decimal("1000000")
    currency = "USD"
    status = Agreement.Status.SIGNED
    signed_on = dt.date(2026, 6, 29)
