"""Scheduling: run the solver as a background job, review and repair the draft, publish.

The solver runs in a django-tasks job; the page polls a small JSON endpoint for its
progress. Manual moves are re-verified by the scheduler's own checker against the whole
draft before anything is saved; the database constraints stay the final guard.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from keruen.analytics.charts import histogram
from keruen.common.errors import KeruenError, NotFound, ValidationFailed
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console.forms import MoveForm, PublishForm, SolveForm
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event
from keruen.meetings.jobs import job_create
from keruen.meetings.models import Job, Meeting, Schedule, ScheduledMeeting
from keruen.meetings.release_mails import (
    release_mail_recipients,
    release_mails_counts,
    release_mails_last_job,
    release_mails_queue,
    release_mails_retry,
)
from keruen.meetings.scheduler import (
    meeting_describe,
    place_describe,
    schedule_draft_review,
    schedule_entry_move_checked,
    slot_describe,
    solver_status_describe,
)
from keruen.meetings.selectors import (
    schedule_current_release,
    schedule_diff,
    schedule_diff_rows,
    schedule_entries,
    schedule_previous_release,
    schedule_releases,
)
from keruen.meetings.services import schedule_draft_get, schedule_publish
from keruen.meetings.tasks import job_enqueue, matchmaking_function

SOLVER_KINDS = (Job.Kind.SCHEDULE, Job.Kind.RESCHEDULE)


def _review_context(event: Event, draft: Schedule) -> dict[str, Any]:
    """Breaks histogram, unscheduled meetings with reasons, checker warnings of the draft,
    its breaks as it is now and the meetings moved by hand since the solver's run."""
    try:
        review = schedule_draft_review(event=event)
    except ValidationFailed as error:  # no slot grid yet
        return {"review_error": error.message}
    counts = Counter(review.breaks.values())
    reasons = {meeting.pk: reason for meeting, reason in review.unscheduled}
    unscheduled = Meeting.objects.filter(pk__in=reasons).select_related(
        "participant_a__organisation", "participant_b__organisation"
    )
    return {
        "breaks_chart": histogram(
            counts,
            title=_("Idle gaps per delegate"),
            x_label=_("idle gaps"),
            y_label=_("delegates"),
        ),
        "breaks_rows": sorted(counts.items()),
        "unscheduled": [(meeting, reasons[meeting.pk]) for meeting in unscheduled],
        "problems": review.problems,
        "optional_weight": review.optional,
        "breaks_now": review.objective.breaks,
        "release_breaks": review.release_breaks,
        "draft_breaks_as_released": review.draft_breaks_as_released,
        # The solver's figures describe the draft it wrote; after a manual move or a
        # cancellation they describe an earlier one.
        "solver_stale": bool(review.manual and review.manual.since_solve)
        or review.objective.breaks != draft.breaks,
        "solver_status_label": solver_status_describe(draft.solver_status),
        "manual": review.manual,
    }


def _schedule_page(
    request: HttpRequest,
    event: Event,
    *,
    move_form: MoveForm | None = None,
    solve_form: SolveForm | None = None,
    publish_form: PublishForm | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = schedule_draft_get(event=event)
    current = schedule_current_release(event=event)
    pending_changes = schedule_diff(old=current, new=draft) if current else None
    # Whom publishing the draft would tell, as its e-mails would (``release_mails_queue``).
    publish_tells = len(release_mail_recipients(release=draft, previous=current))
    job = Job.objects.filter(event=event, kind__in=SOLVER_KINDS).order_by("-created_at", "-id")
    return console_render(
        request,
        "console/schedule.html",
        event=event,
        status=status,
        draft=draft,
        draft_entries=ScheduledMeeting.objects.filter(schedule=draft).count(),
        current=current,
        pending_changes=pending_changes,
        publish_tells=publish_tells,
        job=job.first(),
        releases=schedule_releases(event=event),
        matchmaking_available=matchmaking_function() is not None,
        matchmaking_job=Job.objects.filter(event=event, kind=Job.Kind.MATCHMAKING)
        .order_by("-created_at", "-id")
        .first(),
        move_form=move_form or MoveForm(event=event),
        solve_form=solve_form or SolveForm(),
        publish_form=publish_form or PublishForm(initial={"notify": True}),
        **_review_context(event, draft),
    )


@organiser_required
def schedule_home(request: HttpRequest, event: Event) -> HttpResponse:
    return _schedule_page(request, event)


@require_POST
@organiser_required
def schedule_run(request: HttpRequest, event: Event) -> HttpResponse:
    """Queue a scheduling job (or a re-scheduling one, with the ``reschedule`` button)."""
    form = SolveForm(request.POST)
    if not form.is_valid():
        return _schedule_page(request, event, solve_form=form, status=422)
    kind = Job.Kind.RESCHEDULE if "reschedule" in request.POST else Job.Kind.SCHEDULE
    assert request.user.is_authenticated  # organiser_required
    try:
        job = job_create(
            event=event,
            kind=kind,
            by=request.user,
            params={"time_limit": form.cleaned_data["time_limit"]},
        )
    except KeruenError as error:
        form_add_domain_error(form, error)
        return _schedule_page(request, event, solve_form=form, status=409)
    job_enqueue(job=job)
    return redirect("console-schedule", event.slug)


@organiser_required
def job_status(request: HttpRequest, event: Event, pk: int) -> JsonResponse:
    """The progress of one job, for the page's progress bar (polled every second)."""
    job = get_for_event(Job, event=event, pk=pk)
    time_limit = float(job.params.get("time_limit", 0)) or None
    percent = 100 if not job.is_active else 0
    if job.is_active and time_limit:
        percent = min(99, round(100 * job.elapsed_s / time_limit))
    return JsonResponse(
        {
            "id": job.pk,
            "kind": job.kind,
            "status": job.status,
            "status_label": job.get_status_display(),
            "active": job.is_active,
            "objective": job.objective,
            "bound": job.bound,
            "elapsed": round(job.elapsed_s, 1),
            "time_limit": time_limit,
            "percent": percent,
            "message": job.message,
        }
    )


@require_POST
@organiser_required
def schedule_move(request: HttpRequest, event: Event) -> HttpResponse:
    """Move one meeting of the draft to another slot and table (or booth), checked first."""
    form = MoveForm(request.POST, event=event)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = schedule_entry_move_checked(
                event=event,
                meeting=data["meeting"],
                slot=data["slot"],
                table=data["table"],
                booth=data["booth"],
            )
        except KeruenError as error:
            form_add_domain_error(form, error)
        else:
            words = {
                "meeting": meeting_describe(meeting=entry.meeting),
                "time": slot_describe(slot=entry.slot, event=event),
                "place": place_describe(table=entry.table, booth=entry.booth),
            }
            messages.success(request, _("%(meeting)s: now at %(time)s, %(place)s.") % words)
            return redirect("console-schedule", event.slug)
    return _schedule_page(request, event, move_form=form, status=422)


@require_POST
@organiser_required
def schedule_publish_view(request: HttpRequest, event: Event) -> HttpResponse:
    """Freeze the draft as a release and e-mail the delegates whose meetings changed."""
    form = PublishForm(request.POST)
    if form.is_valid():
        assert request.user.is_authenticated  # organiser_required
        try:
            release = schedule_publish(
                event=event,
                by=request.user,
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        except KeruenError as error:
            form_add_domain_error(form, error)
        else:
            told = 0
            if form.cleaned_data["notify"]:
                told = _release_mails_start(request, event, release)
            messages.success(request, _published_message(release, told))
            return redirect("console-release", event.slug, release.pk)
    return _schedule_page(request, event, publish_form=form, status=422)


def _release_mails_start(request: HttpRequest, event: Event, release: Schedule) -> int:
    """Queue the release's e-mails (sent in the background); how many delegates they tell."""
    job = release_mails_queue(
        release=release,
        # Read after publishing (under its lock): a release published a moment earlier by
        # someone else is what this one is compared with.
        previous=schedule_previous_release(release=release),
        by=request.user if request.user.is_authenticated else None,
        link=_portal_link(request, event, "portal-agenda"),
        badge_link=_portal_link(request, event, "portal-badge"),
    )
    if job is None:
        return 0
    job_enqueue(job=job)
    return release_mails_counts(release=release)["total"]


def _published_message(release: Schedule, told: int) -> str:
    if not told:
        return _("Release %(version)s published.") % {"version": release.version}
    return ngettext(
        "Release %(version)s published; the e-mail to %(n)d delegate is on its way.",
        "Release %(version)s published; the e-mails to %(n)d delegates are on their way.",
        told,
    ) % {"version": release.version, "n": told}


@require_POST
@organiser_required
def release_mails_resend(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Queue the release's e-mails to those not told yet (after the mail server failed)."""
    release = _release_get(event, pk)
    assert request.user.is_authenticated  # organiser_required
    try:
        job = release_mails_retry(release=release, by=request.user)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        job_enqueue(job=job)
        messages.success(request, _("The remaining e-mails of this release are on their way."))
    return redirect("console-release", event.slug, release.pk)


def _portal_link(request: HttpRequest, event: Event, name: str) -> str:
    """The absolute address of a delegate page, for the e-mails ("" if none)."""
    try:
        return request.build_absolute_uri(reverse(name, args=[event.slug]))
    except NoReverseMatch:
        return ""


def _release_get(event: Event, pk: int) -> Schedule:
    release = get_for_event(Schedule, event=event, pk=pk)
    if release.is_draft:
        raise NotFound(_("No such release."))
    return release


@organiser_required
def release_detail(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """A release and what changed since the one before: added, removed, moved meetings."""
    release = _release_get(event, pk)
    previous = schedule_previous_release(release=release)
    rows = schedule_diff_rows(old=previous, new=release) if previous else []
    changes = Counter(row.change for row in rows)
    return console_render(
        request,
        "console/release.html",
        event=event,
        release=release,
        previous=previous,
        rows=rows,
        changes=changes,
        entries=ScheduledMeeting.objects.filter(schedule=release).count(),
        mails=release_mails_counts(release=release),
        mail_job=release_mails_last_job(release=release),
    )


# ``?outcome=missing``: only the meetings of the current release whose slot is over and
# whose outcome nobody recorded (the dashboard links here to have them recorded).
OUTCOME_MISSING = "missing"


@organiser_required
def table_plans(request: HttpRequest, event: Event) -> HttpResponse:
    """Printable plans: for each slot, which pair sits at which table or booth."""
    version = request.GET.get("release", "")
    current = schedule_current_release(event=event)
    now = timezone.now()
    missing_only = request.GET.get("outcome") == OUTCOME_MISSING and current is not None
    if missing_only and current is not None:
        schedule = current
    elif version:
        schedule = _release_get(event, version)  # type: ignore[arg-type]
    else:
        schedule = current or schedule_draft_get(event=event)
    entries = schedule_entries(schedule=schedule).order_by(
        "slot__number", "table__number", "booth__code", "id"
    )
    if missing_only:
        entries = entries.filter(meeting__status=Meeting.Status.ACCEPTED, slot__end__lte=now)
    plans = [(slot, list(rows)) for slot, rows in groupby(entries, key=lambda e: e.slot)]
    # In the current release, slots that have started get the check-in buttons: "held" from
    # the start, "no-show" once the slot is over. Meetings cancelled since the release was
    # published (a delegate withdrew) stay listed, struck through, so the host sees that the
    # table is free; they have no buttons.
    return console_render(
        request,
        "console/table_plans.html",
        event=event,
        schedule=schedule,
        plans=[
            (slot, rows, schedule == current and slot.start <= now, slot.end <= now)
            for slot, rows in plans
        ],
        releases=schedule_releases(event=event),
        missing_only=missing_only,
        missing_count=sum(len(rows) for _slot, rows in plans) if missing_only else 0,
    )


@require_POST
@organiser_required
def matchmaking_run(request: HttpRequest, event: Event) -> HttpResponse:
    """Queue the matchmaking app's suggestion computation, when it provides one."""
    if matchmaking_function() is None:
        messages.error(request, _("Matchmaking is not available yet."))
        return redirect("console-schedule", event.slug)
    assert request.user.is_authenticated  # organiser_required
    try:
        job = job_create(event=event, kind=Job.Kind.MATCHMAKING, by=request.user)
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("console-schedule", event.slug)
    job = job_enqueue(job=job)
    messages.info(request, _("Matchmaking job: %(status)s.") % {"status": job.get_status_display()})
    return redirect("console-schedule", event.slug)
