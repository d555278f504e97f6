from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from keruen.people.models import Delegation, Lead, Organisation, Participant, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "language", "is_staff", "is_active")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "type", "country", "is_exhibitor", "event")
    list_filter = ("event", "type", "country", "is_exhibitor", "size")
    search_fields = ("code", "search_text")
    raw_id_fields = ("delegation",)
    # As the portal's form: a bare "example.com" means https (and Django 5 warns without it).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "kind", "country", "event")
    list_filter = ("event", "kind", "country")
    raw_id_fields = ("head",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("display_name", "organisation", "role", "status", "event")
    list_filter = ("event", "role", "status")
    search_fields = ("given_name", "family_name", "name_latin", "user__email")
    raw_id_fields = ("user", "organisation", "delegation", "booth", "unavailable_slots")
    list_select_related = ("organisation",)
    exclude = ("feed_token",)

    @admin.display(description=pgettext_lazy("person", "Name"), ordering="family_name")
    def display_name(self, participant: Participant) -> str:
        return participant.display_name


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("owner", "person", "created_at", "event")
    list_filter = ("event",)
    search_fields = ("owner__family_name", "person__family_name", "note")
    raw_id_fields = ("owner", "person")
    list_select_related = ("owner", "person", "event")
