from __future__ import annotations

from keruen.common.audit import audit_context
from keruen.common.models import AuditLogEntry
from keruen.people import services as people_services
from tests.factories import OrganisationFactory, UserFactory


def test_writes_outside_a_context_are_not_logged(event) -> None:
    OrganisationFactory(event=event)
    assert not AuditLogEntry.objects.exists()


def test_create_update_delete_are_logged_with_actor_and_changes(event) -> None:
    organiser = UserFactory()
    with audit_context(organiser, source="web", ip_address="10.1.2.3"):
        organisation = people_services.organisation_create(
            event=event, code="kaz-grain", name={"en": "KazGrain"}, country="KZ"
        )
        people_services.organisation_update(organisation=organisation, city="Astana")
        organisation.delete()
    entries = list(AuditLogEntry.objects.order_by("id"))
    assert [entry.action for entry in entries] == ["create", "update", "delete"]
    assert all(entry.actor == organiser and entry.event == event for entry in entries)
    assert entries[1].changes["city"] == ["", "Astana"]
    assert entries[0].ip_address == "10.1.2.3"


def test_passwords_are_never_logged(event) -> None:
    with audit_context(None, source="cli"):
        user = people_services.user_create(email="a@example.org", password="s3cret-Passw0rd!")
    entry = AuditLogEntry.objects.get(object_type="people.User", object_id=str(user.pk))
    assert "password" not in entry.changes["new"]
    assert "s3cret" not in str(entry.changes)


def test_an_update_logs_only_the_fields_it_saved(event) -> None:
    # A value set on the object but left out of update_fields is not in the database.
    organisation = OrganisationFactory(event=event, city="", website="")
    with audit_context(UserFactory(), source="web"):
        organisation.city = "Astana"
        organisation.website = "https://kazgrain.example"
        organisation.save(update_fields=["city"])
    entry = AuditLogEntry.objects.get(action="update")
    assert entry.changes == {"city": ["", "Astana"]}
