"""The interface translations (ru, kk, zh-hans) are complete, well-formed and compiled.

* every entry of each ``django.po`` is translated (all plural forms), none is fuzzy, and
  its placeholders are those of the English source;
* the ``.po`` files cover every string in the source: ``makemessages`` is re-run on a copy
  of the package in a temporary directory and each msgid it finds must be translated;
* the committed ``django.mo`` files match their ``.po`` (a ``.po`` edit without
  ``compilemessages`` fails);
* Django actually serves the translations.

To refresh after adding strings (see the failure message)::

    cd keruen
    ../.venv/bin/python -m django makemessages -l ru -l kk -l zh_Hans \\
        -i 'scheduling/*' -i 'matching/*' -i 'demo/*' --settings=keruen.settings
    # translate the new / fuzzy entries in locale/*/LC_MESSAGES/django.po, then
    ../.venv/bin/python -m django compilemessages --settings=keruen.settings
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2] / "keruen"
LOCALE_DIR = PACKAGE / "locale"
#: gettext locale directory -> Django language code.
LOCALES = {"ru": "ru", "kk": "kk", "zh_Hans": "zh-hans"}
#: Plural-Forms ``nplurals`` per locale (Django's own headers for these languages).
NPLURALS = {"ru": 4, "kk": 2, "zh_Hans": 1}
#: Parts of the package that makemessages skips (no interface strings); keep in step with
#: the refresh command in the module docstring.
NOT_SCANNED = ("scheduling", "matching", "demo")

PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0+]*\d*(?:\.\d+)?[sdifr]|%[-#0+]*\d*(?:\.\d+)?[sdifr]|\{[^{}]*\}"
)

Key = tuple[str | None, str, str | None]  # (msgctxt, msgid, msgid_plural)


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def show(k: Key) -> str:
    ctxt, msgid, plural = k
    text = repr(msgid)
    if plural:
        text += f" / plural {plural!r}"
    if ctxt:
        text += f" (context {ctxt!r})"
    return text


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def live_entries(locale: str) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(po_path(locale))) if not entry.obsolete]


@pytest.mark.parametrize("locale", LOCALES)
def test_header(locale: str) -> None:
    po = polib.pofile(str(po_path(locale)))
    assert not po.metadata_is_fuzzy, f"{locale}: remove '#, fuzzy' from the header"
    assert po.metadata.get("Language") == locale
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    plural_forms = po.metadata.get("Plural-Forms", "")
    assert f"nplurals={NPLURALS[locale]};" in plural_forms.replace(" ", ""), plural_forms


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_translated(locale: str) -> None:
    problems = []
    for entry in live_entries(locale):
        label = show(key(entry))
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label}")
        if entry.msgid_plural:
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            forms = entry.msgstr_plural
            if sorted(forms) != list(range(NPLURALS[locale])):
                problems.append(f"{len(forms)} plural forms, want {NPLURALS[locale]}: {label}")
            texts = list(forms.values())
        else:
            expected = placeholders(entry.msgid)
            texts = [entry.msgstr]
        for text in texts:
            if not text.strip():
                problems.append(f"untranslated: {label}")
            elif placeholders(text) != expected:
                problems.append(
                    f"placeholders {sorted(placeholders(text))} != "
                    f"{sorted(expected)}: {label} -> {text!r}"
                )
    assert not problems, f"{po_path(locale)}:\n  " + "\n  ".join(problems)


@pytest.fixture(scope="module")
def source_msgids(tmp_path_factory: pytest.TempPathFactory) -> set[Key]:
    """The msgids makemessages extracts from the package today.

    Runs on a copy so nothing in the working tree is touched: the copy has an empty
    ``locale/`` and the subprocess uses a throw-away settings module with no LOCALE_PATHS,
    so makemessages can only write into the copy (the real settings would point it at the
    real ``keruen/locale``).
    """
    root = tmp_path_factory.mktemp("makemessages")
    copy = root / "keruen"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns(
            "__pycache__", "*.pyc", "*.po", "*.mo", "*.pot", *NOT_SCANNED
        ),
    )
    (copy / "locale").mkdir(exist_ok=True)
    (root / "makemessages_settings.py").write_text("USE_I18N = True\nLOCALE_PATHS = []\n")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "makemessages_settings", "PYTHONPATH": str(root)}
    ignores = [arg for name in NOT_SCANNED for arg in ("-i", f"{name}/*")]
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "ru", "--keep-pot", *ignores],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    pot = copy / "locale" / "django.pot"
    assert pot.is_file(), result.stdout + result.stderr
    keys = {key(entry) for entry in polib.pofile(str(pot)) if entry.msgid}
    assert keys, "makemessages found no strings at all"
    return keys


@pytest.mark.parametrize("locale", LOCALES)
def test_po_covers_source(locale: str, source_msgids: set[Key]) -> None:
    translated = {key(entry) for entry in polib.pofile(str(po_path(locale))).translated_entries()}
    missing = sorted(source_msgids - translated, key=lambda k: (k[0] or "", k[1]))
    assert not missing, (
        f"{len(missing)} string(s) of the source lack a {locale} translation "
        "(run makemessages and translate, see tests/common/test_translations.py):\n  "
        + "\n  ".join(show(k) for k in missing)
    )


def catalogue(mo_file: Path) -> dict[object, str]:
    with mo_file.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    entries = dict(translations._catalog)  # type: ignore[attr-defined]
    header = entries.pop("", "")
    plural_forms = re.search(r"^Plural-Forms:\s*(.*)$", header, re.MULTILINE | re.IGNORECASE)
    entries["<Plural-Forms>"] = re.sub(r"\s+", "", plural_forms.group(1)) if plural_forms else ""
    return entries


@pytest.mark.parametrize("locale", LOCALES)
def test_mo_is_compiled_from_po(locale: str, tmp_path: Path) -> None:
    committed = po_path(locale).with_suffix(".mo")
    assert committed.is_file(), f"{committed} is missing: run compilemessages"
    fresh = tmp_path / "django.mo"
    polib.pofile(str(po_path(locale))).save_as_mofile(str(fresh))
    assert catalogue(committed) == catalogue(fresh), (
        f"{committed} is stale: run `python -m django compilemessages` in keruen/"
    )


@pytest.mark.parametrize(
    ("language", "organisations", "five_organisations"),
    [
        ("ru", "Организации", "5 организаций"),
        ("kk", "Ұйымдар", "5 ұйым"),
        ("zh-hans", "机构", "5 家机构"),
    ],
)
def test_django_serves_translations(
    language: str, organisations: str, five_organisations: str
) -> None:
    with translation.override(language):
        assert organisations in translation.gettext("Organisations")
        counted = translation.ngettext(
            "%(counter)s organisation", "%(counter)s organisations", 5
        ) % {"counter": 5}
        assert five_organisations in counted
        assert translation.gettext("Offers and requests") != "Offers and requests"


# The names makemessages (xgettext) recognises; a string marked through any other alias
# (``gettext_lazy as _lazy``) is never extracted and stays English in every language.
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_IMPORT = re.compile(r"from django\.utils\.translation import ([^\n(]+|\([^)]*\))")


def test_translation_functions_are_imported_under_names_makemessages_sees() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in NOT_SCANNED or "migrations" in relative.parts:
            continue
        for match in TRANSLATION_IMPORT.finditer(path.read_text(encoding="utf-8")):
            for name in match.group(1).strip("()").split(","):
                original, _, alias = name.strip().partition(" as ")
                if alias and "gettext" in original and alias not in EXTRACTED_NAMES:
                    problems.append(f"{relative}: {name.strip()}")
    assert not problems, "aliases xgettext does not extract:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("language", ["zh-hans", "ru", "kk"])
def test_programme_agenda_and_meeting_schedule_have_different_names(language: str) -> None:
    """The public programme, a delegate's own agenda and the organisers' meeting schedule are
    three things: in Chinese the menu's "日程" opened the programme, and another "日程" the
    agenda, while "活动" (the event) also named a programme session."""
    with translation.override(language):
        programme = translation.gettext("Programme")
        agenda = translation.pgettext("portal menu", "Agenda")
        schedule = translation.pgettext("console menu", "Schedule")
        sessions = translation.pgettext("portal menu", "Sessions")
        event = translation.gettext("event")
        published = translation.pgettext("activity", "schedule published")
    assert len({programme, agenda, schedule}) == 3
    assert sessions != event
    assert agenda not in published  # a published schedule is not "my agenda published"
    if language == "zh-hans":
        assert (programme, agenda) == ("议程", "我的日程")
        assert "议程" in sessions
        with translation.override(language):
            assert "日程" not in translation.gettext("The programme is not published yet.")
            assert "活动" not in translation.gettext("Session")
