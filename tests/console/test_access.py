"""Only the organisers of the URL's event reach the console."""

from __future__ import annotations

import pytest
from django.urls import reverse

GET_PAGES = [
    "console-home",
    "console-approvals",
    "console-setup",
    "console-schedule",
    "console-table-plans",
]
POST_ACTIONS = [
    "console-participants-bulk",
    "console-opportunity-review",
    "console-opportunities-publish",
    "console-hall-add",
    "console-booth-add",
    "console-booth-exhibitor",
    "console-tables-add",
    "console-grid-set",
    "console-session-add",
    "console-networking-set",
    "console-rule-add",
    "console-schedule-run",
    "console-schedule-move",
    "console-schedule-publish",
    "console-matchmaking-run",
]


def _url(name: str, event) -> str:
    return reverse(name, args=[event.slug])


@pytest.mark.parametrize("name", GET_PAGES + POST_ACTIONS)
def test_anonymous_visitors_go_to_the_login_page(client, event, name) -> None:
    method = client.get if name in GET_PAGES else client.post
    response = method(_url(name, event))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("name", GET_PAGES + POST_ACTIONS)
def test_delegates_are_refused(delegate_client, event, name) -> None:
    method = delegate_client.get if name in GET_PAGES else delegate_client.post
    assert method(_url(name, event)).status_code == 403


@pytest.mark.parametrize("name", GET_PAGES + POST_ACTIONS)
def test_organisers_of_another_event_are_refused(foreign_organiser_client, event, name) -> None:
    method = foreign_organiser_client.get if name in GET_PAGES else foreign_organiser_client.post
    assert method(_url(name, event)).status_code == 403


@pytest.mark.parametrize("name", GET_PAGES)
def test_every_page_renders_for_the_organiser(organiser_client, event, name) -> None:
    response = organiser_client.get(_url(name, event))
    assert response.status_code == 200
    assert b'class="consolenav"' in response.content


def test_a_job_of_another_event_is_not_found(organiser_client, event, other_event) -> None:
    from keruen.meetings.models import Job

    job = Job.objects.create(event=other_event, kind=Job.Kind.SCHEDULE)
    url = reverse("console-job-status", args=[event.slug, job.pk])
    assert organiser_client.get(url).status_code == 404


def test_post_only_actions_refuse_get(organiser_client, event) -> None:
    assert organiser_client.get(_url("console-schedule-publish", event)).status_code == 405
