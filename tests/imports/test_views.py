"""The admin upload page at /admin/import/."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keruen.common.models import AuditLogEntry
from keruen.people.models import Organisation
from tests.console.conftest import IMMEDIATE_TASKS
from tests.factories import UserFactory
from tests.imports.conftest import ORGANISATION_HEADER, csv_bytes, organisation_row, xlsx_bytes

URL = "/admin/import/"


@pytest.fixture(autouse=True)
def _imports_run_inline(settings):
    """The upload's background import runs within the request here (the immediate backend)."""
    settings.TASKS = IMMEDIATE_TASKS


def upload(
    client, event, data: bytes, name: str = "orgs.csv", kind: str = "organisations", **extra
):
    """Post the form and follow to the import's page (the import runs in the background; the
    tests' immediate task backend has run it by the time the page is shown)."""
    payload = {"event": event.pk, "kind": kind, "file": SimpleUploadedFile(name, data), **extra}
    return client.post(URL, payload, follow=True)


def test_url_is_named() -> None:
    assert reverse("imports:upload") == URL
    assert (
        reverse("imports:example", args=["participants", "xlsx"])
        == URL + "examples/participants.xlsx"
    )


@pytest.mark.parametrize("staff", [None, False])
def test_staff_only(client, db, staff: bool | None) -> None:
    if staff is not None:
        client.force_login(UserFactory(is_staff=staff))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(URL + "examples/organisations.csv").status_code == 302


def test_page_uses_the_admin_look_and_links_examples(admin_client, event) -> None:
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert "admin/base_site.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert 'id="site-name"' in html  # the admin's header
    for kind in ("organisations", "participants", "opportunities"):
        for extension in ("csv", "xlsx"):
            assert f'href="/admin/import/examples/{kind}.{extension}"' in html
    assert event.slug in html or str(event) in html


def test_broken_file_shows_every_problem_and_writes_nothing(admin_client, event) -> None:
    data = csv_bytes(
        [
            ORGANISATION_HEADER,
            organisation_row("a"),
            organisation_row("b", country="XZ", sectors="04"),
        ]
    )
    response = upload(admin_client, event, data)
    html = response.content.decode()
    assert 'id="import-refused"' in html
    assert "2 problems; nothing was imported." in html
    assert "&#x27;XZ&#x27; is not an ISO 3166-1 country code" in html
    assert '<td class="column-name">sectors</td>' in html
    assert html.count('<td class="row-number">3</td>') == 2
    assert not Organisation.objects.exists()


def test_unreadable_file_is_shown_as_a_problem(admin_client, event) -> None:
    response = upload(admin_client, event, "code;country\nа;KZ\n".encode("cp1251"))
    assert 'id="import-refused"' in response.content.decode()
    assert "not UTF-8" in response.content.decode()


def test_good_xlsx_file_is_imported_and_audited_as_admin(admin_client, event, organiser) -> None:
    data = xlsx_bytes(
        {"organisations": [ORGANISATION_HEADER, organisation_row("a"), organisation_row("b")]}
    )
    response = upload(admin_client, event, data, name="orgs.xlsx")
    assert response.status_code == 200
    assert "Imported 2 organisations into" in response.content.decode()
    assert Organisation.objects.filter(event=event).count() == 2
    created = AuditLogEntry.objects.filter(source="admin", actor=organiser, action="create")
    assert created.filter(object_type="people.Organisation").count() == 2


def test_dry_run_checkbox_writes_nothing(admin_client, event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row("a")])
    response = upload(admin_client, event, data, dry_run="on")
    assert response.status_code == 200
    assert (
        "Dry run of orgs.csv: no problems; it would import 1 organisation (1 created)."
        in response.content.decode()
    )
    assert not Organisation.objects.exists()


def test_update_checkbox(admin_client, event) -> None:
    upload(admin_client, event, csv_bytes([ORGANISATION_HEADER, organisation_row("a")]))
    again = csv_bytes([ORGANISATION_HEADER, organisation_row("a", city="Almaty")])
    assert 'id="import-refused"' in upload(admin_client, event, again).content.decode()
    response = upload(admin_client, event, again, update="on")
    assert response.status_code == 200
    assert Organisation.objects.get(code="a").city == "Almaty"
    response = upload(admin_client, event, again, kind="participants", update="on")
    assert response.status_code == 422  # the form refuses it before anything is queued
    assert "Only organisations can be updated" in response.content.decode()


def test_staff_without_permission_is_refused(client, event) -> None:
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_organisation"))
    client.force_login(staff)
    response = upload(
        client, event, csv_bytes([ORGANISATION_HEADER, organisation_row("a")]), kind="participants"
    )
    assert response.status_code == 422
    assert "You are not allowed to import participants" in response.content.decode()
    response = upload(client, event, csv_bytes([ORGANISATION_HEADER, organisation_row("a")]))
    assert "Imported 1 organisation into" in response.content.decode()


@pytest.mark.parametrize("kind", ["organisations", "participants", "opportunities"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_example_files_download(admin_client, kind: str, extension: str) -> None:
    response = admin_client.get(f"{URL}examples/{kind}.{extension}")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="keruen-{kind}-example.{extension}"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"PK" if extension == "xlsx" else b"\xef\xbb\xbf")


def test_unknown_example_is_404(admin_client) -> None:
    assert admin_client.get(URL + "examples/secrets.csv").status_code == 404
    assert admin_client.get(URL + "examples/organisations.py").status_code == 404


def test_problems_are_shown_in_the_organisers_language(admin_client, event) -> None:
    """Needs the Russian translations of tr_imports.json merged into the .po/.mo files."""
    data = csv_bytes(
        [
            [*ORGANISATION_HEADER, "websit"],
            [*organisation_row("a"), ""],
            [*organisation_row("b", country="XZ", sectors="1"), ""],
            [*organisation_row("a"), ""],
        ]
    )
    admin_client.cookies["django_language"] = "ru"
    response = upload(admin_client, event, data)
    html = response.content.decode()
    assert "4 ошибки; ничего не импортировано. Исправьте файл и загрузите его снова." in html
    for problem in (
        "неизвестный столбец; может быть, имелся в виду «website»?",
        "«XZ» — не код страны по ISO 3166-1",
        "в коде раздела две цифры: пишите 01, а не 1",
        "«a» встречается повторно (впервые — в строке 2)",
    ):
        assert problem in html
    # The columns are named as the file names them, whatever the language.
    for column in ("websit", "country", "sectors", "code"):
        assert f'<td class="column-name">{column}</td>' in html
    assert "is not an ISO 3166-1 country code" not in html
    assert "nothing was imported" not in html


def test_refusals_and_the_report_are_in_the_organisers_language(admin_client, event) -> None:
    """Needs the Russian translations of tr_imports.json merged into the .po/.mo files."""
    admin_client.cookies["django_language"] = "ru"
    unreadable = upload(admin_client, event, "code;country\nа;KZ\n".encode("cp1251"))
    assert "Файл не в кодировке UTF-8: байт 0xe0 в строке 2" in unreadable.content.decode()
    data = csv_bytes([ORGANISATION_HEADER, organisation_row("a"), organisation_row("b")])
    dry_run = upload(admin_client, event, data, dry_run="on")
    assert (
        "Пробный запуск для файла orgs.csv: ошибок нет; будут импортированы 2 организации "
        "(создано: 2). Ничего не записано."
    ) in dry_run.content.decode()
    response = upload(admin_client, event, data)
    assert response.status_code == 200
    assert (
        f"Импортированы 2 организации в мероприятие {event.slug} из файла orgs.csv (создано: 2)."
    ) in response.content.decode()


def test_the_kinds_read_in_the_organisers_language(admin_client) -> None:
    """The choices are made once, at import time: they must still follow the language."""
    admin_client.cookies["django_language"] = "ru"
    html = admin_client.get(URL).content.decode()
    assert '<option value="organisations">Организации</option>' in html
    assert '<option value="opportunities">Предложения и запросы</option>' in html
    assert ">Организации</th>" in html  # the example files' table, in the nominative


def test_the_columns_are_described_on_a_page_not_a_repository_path(admin_client, db) -> None:
    """The page said "Every column is described in docs/import.md", a path in the source
    repository that no organiser can open: it links a page of the columns instead."""
    from keruen.imports.kinds import IMPORTERS

    upload_page = admin_client.get(URL).content.decode()
    assert "docs/import.md" not in upload_page
    assert f'href="{reverse("imports:columns")}" id="columns-link"' in upload_page
    response = admin_client.get(reverse("imports:columns"))
    assert response.status_code == 200
    page = response.content.decode()
    for kind, importer in IMPORTERS.items():
        section = page.split(f'id="columns-{kind}"', 1)[1].split('class="module"', 1)[0]
        for column in importer.columns:
            assert f"<code>{column.name}</code>" in section, (kind, column.name)


def test_the_admin_is_named_after_the_product(admin_client, db) -> None:
    """Django's own "Django administration" read «Даңғо әкімшілігі» in Kazakh."""
    admin_client.cookies["django_language"] = "kk"
    page = admin_client.get("/admin/").content.decode()
    assert "Keruen әкімшілігі" in page
    assert "Даңғо" not in page
    assert "Django" not in page.split("<body", 1)[1].split("</header>")[0]
