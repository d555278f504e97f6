"""Asking for a meeting and declining one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you would like to discuss."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the sender sees it)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
