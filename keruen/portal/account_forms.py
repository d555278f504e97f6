"""The portal's account forms: registration, accepting an invitation, password reset, language."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as BasePasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.i18n import ui_language
from keruen.people.auth import password_reset_allowed, record_sign_up_taken, sign_up_is_throttled
from keruen.people.models import Participant, User

DELEGATE_ROLES = [
    (value, label) for value, label in Participant.Role.choices if value != "organiser"
]


class PasswordPairMixin:
    """Two password inputs that must match and pass the site's password rules."""

    def clean_password_pair(self, cleaned: dict[str, Any], user: User) -> None:
        """``user`` (unsaved for a new account) lets the rules refuse a password like the
        e-mail address."""
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))  # type: ignore[attr-defined]
        elif first:
            try:
                validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)  # type: ignore[attr-defined]


class SignUpForm(PasswordPairMixin, forms.Form):
    """Open registration. Account fields only when the visitor is not logged in."""

    email = forms.EmailField(label=_("E-mail"))
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    country = forms.ChoiceField(label=_("Country of the organisation"))
    # Most who sign up come for business; a government official says so.
    role = forms.ChoiceField(
        label=_("I take part as"), choices=DELEGATE_ROLES, initial=Participant.Role.BUSINESS
    )
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)

    def __init__(
        self,
        *args: Any,
        with_account: bool = True,
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.request = request  # whose network the "e-mail taken" answers are counted for
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)  # declared above
        country.choices = [("", "—"), *reference.country_choices(ui_language())]
        self.fields["language"].initial = ui_language()
        if not with_account:
            for name in ("email", "password1", "password2", "language"):
                del self.fields[name]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.request is not None and sign_up_is_throttled(self.request):
            raise forms.ValidationError(
                _(
                    "Too many sign-ups from your network in a short time: try again in an "
                    "hour, or log in if you have an account."
                )
            )
        if User.objects.filter(email=email).exists():
            if self.request is not None:
                record_sign_up_taken(self.request)
            raise forms.ValidationError(
                _("An account with this e-mail exists already: log in first, then register.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "password1" in self.fields:
            self.clean_password_pair(cleaned, User(email=cleaned.get("email") or ""))
        return cleaned


class InvitationAcceptForm(PasswordPairMixin, forms.Form):
    """The invitee's name, and a password unless they accept with the account they are
    logged in with."""

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, email: str, with_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        if not with_password:
            del self.fields["password1"], self.fields["password2"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "password1" in self.fields:
            self.clean_password_pair(cleaned, User(email=self.email))
        return cleaned


def _same_address(typed: str, stored: str) -> bool:
    # As Django's own check: ``iexact`` in the database may match an address that differs
    # once Unicode is folded properly, and the link must not go to a look-alike account.
    def fold(value: str) -> str:
        return unicodedata.normalize("NFKC", value).casefold()

    return fold(typed) == fold(stored)


class PasswordResetForm(BasePasswordResetForm):
    """Django's reset form, open to accounts without a password yet, and throttled.

    Django skips accounts with an unusable password (kept for sites whose users log in
    elsewhere, by LDAP say). Here such an account is a delegate a participants import
    created: the reset link is how they choose their first password.
    """

    def get_users(self, email: str) -> Iterator[User]:
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if _same_address(email, user.email))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Over the budget nothing is sent, and the page that follows says the same as ever:
        # it must not tell whether the address has an account.
        if password_reset_allowed(kwargs.get("request"), self.cleaned_data["email"]):
            super().save(*args, **kwargs)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
