"""E-mails in the recipient's language, through Django's e-mail framework.

Each message is two templates: ``emails/<name>_subject.txt`` (one line) and
``emails/<name>_body.txt``; they are rendered with the recipient's interface language
active, so ``{% translate %}`` in them speaks the recipient's language.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from keruen.common.i18n import ui_language


def render_localized(name: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(ui_language(language)):
        subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
        body = render_to_string(f"emails/{name}_body.txt", context)
    return " ".join(subject.split()), body


def send_localized(
    *,
    recipients: Iterable[Any],
    name: str,
    context: dict[str, Any],
    personal: Callable[[Any], dict[str, Any]] | None = None,
) -> int:
    """Send ``name`` to each recipient (a User) in their own language; returns how many.

    ``personal(user)`` adds what differs between recipients to the shared ``context``.
    """
    messages = []
    for user in recipients:
        if not getattr(user, "email", ""):
            continue
        own = {**context, "recipient": user, **(personal(user) if personal else {})}
        subject, body = render_localized(name, own, user.language)
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def refusal_reason(error: smtplib.SMTPRecipientsRefused) -> str:
    """The server's words for the refused address ("550 5.1.1 No such user")."""
    for code, reason in error.recipients.values():
        text = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        return f"{code} {text}"
    return str(error)
