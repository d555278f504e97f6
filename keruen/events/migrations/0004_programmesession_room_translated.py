"""A programme session's room becomes a text per language, like its title.

Existing rooms were typed in English: "Room 2.1" becomes {"en": "Room 2.1"}, an empty room
{}. Done as add / copy / remove / rename rather than AlterField, because PostgreSQL cannot
cast a plain string in a varchar column to jsonb.
"""

from django.db import migrations

import keruen.common.i18n
import keruen.common.models

#: The old column's length: going back keeps at most this much of a room name.
OLD_MAX_LENGTH = 100


def room_texts(room: str) -> dict[str, str]:
    """The old plain room as a text per language (it was entered in English)."""
    room = (room or "").strip()
    return {"en": room} if room else {}


def room_plain(texts: dict[str, str] | None) -> str:
    """Back to one plain room: the English text, else the first text present."""
    texts = texts if isinstance(texts, dict) else {}
    text = texts.get("en") or next((value for value in texts.values() if value), "")
    return text.strip()[:OLD_MAX_LENGTH]


def rooms_to_texts(apps, schema_editor):
    ProgrammeSession = apps.get_model("events", "ProgrammeSession")
    sessions = list(ProgrammeSession.objects.only("pk", "room"))
    for session in sessions:
        session.room_texts = room_texts(session.room)
    ProgrammeSession.objects.bulk_update(sessions, ["room_texts"], batch_size=500)


def rooms_to_plain(apps, schema_editor):
    ProgrammeSession = apps.get_model("events", "ProgrammeSession")
    sessions = list(ProgrammeSession.objects.only("pk", "room_texts"))
    for session in sessions:
        session.room = room_plain(session.room_texts)
    ProgrammeSession.objects.bulk_update(sessions, ["room"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_requestrule'),
    ]

    operations = [
        migrations.AddField(
            model_name='programmesession',
            name='room_texts',
            field=keruen.common.models.TranslatedTextField(blank=True, default=dict, validators=[keruen.common.i18n.validate_translations, keruen.common.i18n.MaxTextLength(100)]),
        ),
        migrations.RunPython(rooms_to_texts, rooms_to_plain, elidable=False),
        migrations.RemoveField(
            model_name='programmesession',
            name='room',
        ),
        migrations.RenameField(
            model_name='programmesession',
            old_name='room_texts',
            new_name='room',
        ),
    ]
