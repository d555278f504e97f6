"""The permission matrix: every page route × every kind of visitor × whose object the URL names.

Each route resolved by Django must have an entry in ``ROUTES`` (a new route without a rule
fails ``test_every_route_has_a_rule``). For each route the test asks, as each actor, for the
route filled with an object of delegate A ("mine"), of delegate B ("theirs", same event) and of
another event ("foreign"), and checks:

- the status (public → 200; private → log-in redirect for visitors, 403 for the wrong people,
  404 for someone else's or another event's object, never 200 with it);
- a refused request changed nothing in the database; an allowed state-changing request did;
- no response a delegate (or a visitor) gets holds another delegate's contact details, log-in
  e-mail or meeting request text, unless the two have an accepted meeting.

The API has its own matrix (tests/api); Django's admin is checked for staff only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from keruen.events.models import RequestRule
from keruen.imports.models import ImportRun
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Job, Meeting, MeetingRequest, Schedule
from keruen.meetings.services import schedule_draft_get
from keruen.people.models import Announcement, Invitation, Lead, Participant
from tests.factories import (
    AgreementFactory,
    BoothFactory,
    DelegationFactory,
    EventFactory,
    HallFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    OpportunityFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)

# --- The rules ---------------------------------------------------------------------------

PUBLIC = "public"  # anyone: 200 (another event's object: 404)
ANYONE = "anyone"  # anyone, the page decides where to send them (200 or a redirect)
LOGIN = "login"  # any logged-in account; visitors go to the log-in page
DELEGATE = "delegate"  # approved participants of the URL's event only
HEAD = "head"  # the head of a delegation of the URL's event (delegate A; organiser_2 elsewhere)
ORGANISER = "organiser"  # organisers of the URL's event (and staff) only
STAFF = "staff"  # Django staff only (the back-office pages under /admin/)

GET, POST = "GET", "POST"

# Statuses that mean "you got in" (a form re-rendered with errors, a redirect after a write, a
# refused input) as opposed to a refusal of access.
GRANTED_GET = {200}
GRANTED_POST = {200, 302, 409, 422}


@dataclass(frozen=True)
class Rule:
    policy: str
    methods: tuple[str, ...] = (GET,)
    obj: str | None = None  # the kind of object the URL (or the form) names
    owned: bool = False  # the object belongs to one delegate: nobody else may touch it
    data: dict[str, str] = field(default_factory=dict)  # POST body; "{obj}" = the object's id
    query: str = ""  # query string; "{obj}" = the object's id or token
    changes: bool = False  # an allowed POST by the owner must change the database
    post_by_allowed: bool = True  # False: only refusals are exercised (slow background jobs)
    # A granted GET may redirect with a message (what it asks for cannot be done yet).
    get_redirects: bool = False


ROUTES: dict[str, Rule] = {
    # Site-wide pages and accounts.
    "home": Rule(PUBLIC),
    "login": Rule(PUBLIC),
    "logout": Rule(ANYONE, (POST,)),
    "favicon": Rule(ANYONE),
    "password_reset": Rule(PUBLIC),
    "password_reset_done": Rule(PUBLIC),
    "password_reset_confirm": Rule(PUBLIC, obj="reset_link"),
    "password_reset_complete": Rule(PUBLIC),
    "imports:upload": Rule(STAFF, (GET, POST)),
    "imports:example": Rule(STAFF, obj="example"),
    "imports:run": Rule(STAFF, obj="import_run"),
    "imports:columns": Rule(STAFF),
    # The event's public pages.
    "event-home": Rule(PUBLIC),
    "event-programme": Rule(PUBLIC),
    "organisation-list": Rule(PUBLIC),
    "organisation-detail": Rule(PUBLIC, obj="organisation"),
    "opportunity-list": Rule(PUBLIC),
    # The delegate portal.
    "portal-home": Rule(PUBLIC),
    "portal-register": Rule(ANYONE, (GET, POST), post_by_allowed=False),
    "portal-invitation": Rule(PUBLIC, (GET, POST), obj="invitation"),
    "portal-language": Rule(LOGIN, (GET, POST)),
    "portal-agenda-ics": Rule(PUBLIC, obj="feed", query="?token={obj}"),
    "portal-badge": Rule(DELEGATE),
    # The form needs its confirmation box: without it the POST is refused (422), nothing
    # changes; tests/portal/test_cannot_come.py posts it for real.
    "portal-cannot-come": Rule(DELEGATE, (GET, POST), data={"reason": "visa"}),
    "portal-delegation": Rule(HEAD),
    # Anyone logged in is sent on (organisers to the check-in, others to their contacts).
    "badge-scan": Rule(ANYONE, obj="badge"),
    "portal-lead-list": Rule(DELEGATE),
    # Someone else's badge (one's own leads to one's e-badge).
    "portal-lead-scan": Rule(DELEGATE, (GET, POST), obj="met_badge", data={"note": "met"}),
    "portal-lead-remove": Rule(DELEGATE, (GET, POST), obj="lead", owned=True),
    "exhibitor-list": Rule(PUBLIC),
    # Long forms (countries, sectors, HS codes): tests/portal covers their POSTs.
    "portal-profile": Rule(DELEGATE, (GET, POST), post_by_allowed=False),
    "portal-organisation": Rule(DELEGATE, (GET, POST), post_by_allowed=False),
    "portal-offer-list": Rule(DELEGATE),
    "portal-offer-create": Rule(DELEGATE, (GET, POST), post_by_allowed=False),
    "portal-offer-edit": Rule(
        DELEGATE, (GET, POST), obj="opportunity", owned=True, post_by_allowed=False
    ),
    "portal-offer-submit": Rule(DELEGATE, (GET, POST), obj="opportunity", owned=True, changes=True),
    "portal-request-list": Rule(DELEGATE),
    # Another delegate to request (the form for oneself redirects with a message).
    "portal-request-create": Rule(DELEGATE, (GET, POST), obj="request_target", query="?to={obj}"),
    "portal-request-accept": Rule(
        DELEGATE, (GET, POST), obj="received_request", owned=True, changes=True
    ),
    "portal-request-decline": Rule(
        DELEGATE,
        (GET, POST),
        obj="received_request",
        owned=True,
        changes=True,
        data={"reason": "no"},
    ),
    "portal-request-cancel": Rule(
        DELEGATE, (GET, POST), obj="sent_request", owned=True, changes=True
    ),
    "portal-meeting-list": Rule(DELEGATE),
    # The release of the world has no entries: the outcome is refused with a message.
    "portal-meeting-outcome": Rule(
        DELEGATE, (GET, POST), obj="meeting", owned=True, data={"outcome": "held"}
    ),
    # The world's meetings have not taken place: the agreement is refused with a message;
    # tests/portal/test_outcomes.py records them for real.
    "portal-agreement-create": Rule(
        DELEGATE,
        (GET, POST),
        obj="meeting",
        owned=True,
        data={"kind": "mou", "title": "Grain terminal", "status": "negotiating"},
        get_redirects=True,  # to the meetings page, saying when it becomes possible
    ),
    "portal-delegate": Rule(DELEGATE, obj="participant"),
    "portal-agenda": Rule(DELEGATE),
    "portal-agenda-print": Rule(DELEGATE),
    "portal-session-list": Rule(DELEGATE),
    "portal-session-choose": Rule(
        DELEGATE, (GET, POST), obj="session", data={"chosen": "1"}, changes=True
    ),
    # Suggestions.
    "suggestion-list": Rule(DELEGATE, (GET, POST)),
    "suggestion-feedback": Rule(
        DELEGATE,
        (GET, POST),
        obj="organisation",
        data={"organisation": "{obj}", "kind": "not_interested"},
    ),
    # The organiser console.
    "console-home": Rule(ORGANISER),
    "console-approvals": Rule(ORGANISER),
    "console-participants-bulk": Rule(ORGANISER, (GET, POST)),
    "console-participants": Rule(
        ORGANISER, query="?q=a&status=approved&country=KZ&role=business&format=csv"
    ),
    "console-participant": Rule(ORGANISER, obj="participant"),
    "console-announcements": Rule(ORGANISER),
    "console-announcement-new": Rule(
        ORGANISER, (GET, POST), query="?status=approved", data={"subject_en": "Hi", "body_en": "…"}
    ),
    # The world's announcements failed: sending again is allowed once per organiser.
    "console-announcement-resend": Rule(ORGANISER, (GET, POST), obj="announcement"),
    "console-participant-withdraw": Rule(
        ORGANISER, (GET, POST), obj="participant", data={"reason": "visa refused"}
    ),
    "console-participant-status": Rule(
        ORGANISER, (GET, POST), obj="participant", data={"action": "readmit"}
    ),
    "console-opportunity-review": Rule(ORGANISER, (GET, POST)),
    "console-opportunities-publish": Rule(ORGANISER, (GET, POST)),
    "console-setup": Rule(ORGANISER),
    "console-hall-add": Rule(ORGANISER, (GET, POST)),
    "console-booth-add": Rule(ORGANISER, (GET, POST)),
    "console-booth-exhibitor": Rule(ORGANISER, (GET, POST)),
    "console-tables-add": Rule(ORGANISER, (GET, POST)),
    "console-grid-set": Rule(ORGANISER, (GET, POST)),
    "console-session-add": Rule(ORGANISER, (GET, POST)),
    "console-networking-set": Rule(ORGANISER, (GET, POST)),
    "console-rule-add": Rule(ORGANISER, (GET, POST)),
    # Edit pages: an empty POST is a refused form (422); deletions only try the refusals.
    "console-hall-edit": Rule(ORGANISER, (GET, POST), obj="hall"),
    "console-hall-delete": Rule(ORGANISER, (GET, POST), obj="hall", post_by_allowed=False),
    "console-booth-edit": Rule(ORGANISER, (GET, POST), obj="booth"),
    "console-booth-delete": Rule(ORGANISER, (GET, POST), obj="booth", post_by_allowed=False),
    "console-table-edit": Rule(ORGANISER, (GET, POST), obj="table"),
    "console-table-delete": Rule(ORGANISER, (GET, POST), obj="table", post_by_allowed=False),
    "console-session-edit": Rule(ORGANISER, (GET, POST), obj="session"),
    "console-session-delete": Rule(ORGANISER, (GET, POST), obj="session", post_by_allowed=False),
    "console-rule-edit": Rule(ORGANISER, (GET, POST), obj="rule"),
    "console-rule-delete": Rule(ORGANISER, (GET, POST), obj="rule", post_by_allowed=False),
    "console-schedule": Rule(ORGANISER),
    "console-schedule-run": Rule(ORGANISER, (GET, POST), post_by_allowed=False),
    "console-schedule-move": Rule(ORGANISER, (GET, POST)),
    "console-schedule-publish": Rule(ORGANISER, (GET, POST), post_by_allowed=False),
    "console-release": Rule(ORGANISER, obj="release"),
    # Nobody to tell in the world's release: refused with a message, nothing queued.
    "console-release-mails-resend": Rule(ORGANISER, (POST,), obj="release"),
    "console-table-plans": Rule(ORGANISER),
    "console-exports": Rule(ORGANISER),
    # The release of the world has no entries: the outcome is refused with a message.
    "console-meeting-outcome": Rule(
        ORGANISER, (GET, POST), obj="meeting", data={"outcome": "held"}
    ),
    # No parties: the form is refused (422) once the organiser is let in; the console's own
    # tests record agreements.
    "console-agreements": Rule(
        ORGANISER, (GET, POST), data={"kind": "mou", "title": "MoU", "status": "negotiating"}
    ),
    "console-agreement-edit": Rule(
        ORGANISER, (GET, POST), obj="agreement", data={"kind": "mou", "title_en": "MoU"}
    ),
    "console-agreement-status": Rule(
        ORGANISER, (GET, POST), obj="agreement", data={"action": "cancel"}
    ),
    "console-badges": Rule(ORGANISER),
    "console-delegations": Rule(ORGANISER),
    "console-activity": Rule(ORGANISER, query="?who=a&kind=people.Participant&action=update"),
    "console-delegation": Rule(ORGANISER, obj="delegation"),
    "console-check-in": Rule(ORGANISER, query="?q=a"),
    "console-check-in-badge": Rule(ORGANISER, (GET, POST), obj="badge", data={"action": "in"}),
    "console-job-status": Rule(ORGANISER, obj="job"),
    "console-matchmaking-run": Rule(ORGANISER, (GET, POST), post_by_allowed=False),
}

# Routes a POST may not reach at all (GET-only views answer 405 to it, POST-only ones to GET).
POST_ONLY = {
    "console-agreement-status",
    "console-announcement-resend",
    "portal-offer-submit",
    "portal-request-accept",
    "portal-meeting-outcome",
    "portal-lead-remove",
    "portal-session-choose",
    "suggestion-feedback",
    "console-participants-bulk",
    "console-participant-withdraw",
    "console-participant-status",
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
    "console-hall-delete",
    "console-booth-delete",
    "console-table-delete",
    "console-session-delete",
    "console-rule-delete",
    "console-schedule-run",
    "console-schedule-move",
    "console-schedule-publish",
    "console-matchmaking-run",
    "console-meeting-outcome",
}
GET_ONLY = {"suggestion-list"}

ACTORS = ("anonymous", "pending", "delegate_a", "delegate_b", "organiser", "organiser_2", "staff")
VARIANTS = ("mine", "theirs", "foreign")
# Owned objects: "mine" belongs to delegate A, "theirs" to delegate B.
OWNER = {"mine": "delegate_a", "theirs": "delegate_b"}
SKIPPED_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/", "__debug__/")


def resolved_routes() -> dict[str, str]:
    """Every named page route the resolver knows, as {name: pattern}, minus skipped areas."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                if route.startswith("admin/import/"):
                    pass  # our own back-office pages under /admin/: in the matrix
                elif route.startswith(SKIPPED_PREFIXES):
                    continue
                assert pattern.name, f"the route {route!r} has no name: the matrix needs one"
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = route

    walk(get_resolver().url_patterns, "", None)
    return found


def test_every_route_has_a_rule():
    routes = resolved_routes()
    missing = sorted(set(routes) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(routes))
    assert not missing, f"routes without a rule in ROUTES (add one): {missing}"
    assert not stale, f"rules for routes that no longer exist: {stale}"


# --- The world ---------------------------------------------------------------------------


@dataclass
class World:
    event: Any
    other_event: Any
    actors: dict[str, Any]  # name → User or None
    people: dict[str, Participant]
    objects: dict[str, dict[str, dict[str, str]]]  # kind → variant → URL kwargs / {"obj": ...}
    secrets: dict[str, set[str]] = field(default_factory=dict)  # owner → strings only they see


def _delegate(event: Any, n: int, **fields: Any) -> Participant:
    return ParticipantFactory(
        event=event,
        phone=f"+7 701 555 {1000 + n}",
        contact_email=f"contact-secret-{n}@example.org",
        user=UserFactory(email=f"login-secret-{n}@example.org"),
        **fields,
    )


def _request(event: Any, requester: Participant, target: Participant, tag: str) -> MeetingRequest:
    return MeetingRequestFactory(
        event=event, requester=requester, target=target, message=f"request-secret-{tag}"
    )


def build_world() -> World:
    # Both still ahead, so that registration is open at both.
    event, other_event = EventFactory(coming=True), EventFactory(coming=True)
    a, b, c, d = (_delegate(event, n) for n in range(4))
    pending = _delegate(event, 4, status=Participant.Status.PENDING)
    organiser = _delegate(event, 5, role=Participant.Role.ORGANISER)
    x, y = _delegate(other_event, 6), _delegate(other_event, 7)
    organiser_2 = _delegate(other_event, 8, role=Participant.Role.ORGANISER)
    staff = UserFactory(is_staff=True, email="staff@example.org")
    # Delegate A heads a delegation of `event`, organiser_2 one of the other event.
    delegations = [DelegationFactory(event=head.event, head=head) for head in (a, organiser_2)]
    # Contacts met: A's, B's, and one at the other event.
    leads = [
        Lead.objects.create(event=o.event, owner=o, person=p) for o, p in ((a, c), (b, d), (x, y))
    ]
    # Accepted meetings: A with C, B with D (each may see the other's contact details).
    meetings = [
        MeetingFactory(event=event, participant_a=a, participant_b=c),
        MeetingFactory(event=event, participant_a=b, participant_b=d),
        MeetingFactory(event=other_event, participant_a=x, participant_b=y),
    ]
    requests = {
        # From delegates they have no meeting with yet (one meeting per pair).
        "received": (_request(event, d, a, "d-a"), _request(event, c, b, "c-b")),
        "sent": (_request(event, a, c, "a-c"), _request(event, b, d, "b-d")),
        "foreign": (_request(other_event, x, y, "x-y"), _request(other_event, y, x, "y-x")),
    }
    opportunities = [
        OpportunityFactory(organisation=p.organisation, status=Opportunity.Status.DRAFT)
        for p in (a, b, x)
    ]
    sessions = [ProgrammeSessionFactory(event=e) for e in (event, event, other_event)]
    # Set-up rows the console edits; the rules allow what is allowed anyway.
    halls = [HallFactory(event=e) for e in (event, event, other_event)]
    booths = [BoothFactory(event=h.event, hall=h) for h in halls]
    tables = [MeetingTableFactory(event=e) for e in (event, event, other_event)]
    rules = [
        RequestRule.objects.create(event=e, requester_role=role, allowed=True)
        for e, role in ((event, "media"), (event, "expert"), (other_event, "media"))
    ]
    invitations = [
        Invitation.objects.create(
            event=e,
            token=f"invitation-token-{n}-{e.slug}",
            email=f"invitee-{n}@example.org",
            organisation=org,
            expires_at=timezone.now() + dt.timedelta(days=3),
        )
        for n, (e, org) in enumerate(
            [(event, a.organisation), (event, b.organisation), (other_event, x.organisation)]
        )
    ]
    now = timezone.now()
    releases = [
        Schedule.objects.create(event=e, version="v1", published_at=now)
        for e in (event, other_event)
    ]
    jobs = [Job.objects.create(event=e, kind=Job.Kind.SCHEDULE) for e in (event, other_event)]
    import_job = Job.objects.create(
        event=event, kind=Job.Kind.IMPORT, status=Job.Status.DONE, created_by=staff
    )
    ImportRun.objects.create(job=import_job, kind="organisations", filename="orgs.csv")
    agreements = [AgreementFactory(event=e) for e in (event, event, other_event)]
    announcements = [
        Announcement.objects.create(
            event=e, subject={"en": "Hi"}, body={"en": "…"}, status=Announcement.Status.FAILED
        )
        for e in (event, other_event)
    ]

    def by_pk(mine: Any, theirs: Any, foreign: Any) -> dict[str, dict[str, str]]:
        return {
            "mine": {"pk": str(mine.pk)},
            "theirs": {"pk": str(theirs.pk)},
            "foreign": {"pk": str(foreign.pk)},
        }

    objects = {
        "organisation": by_pk(a.organisation, b.organisation, x.organisation),
        "participant": by_pk(a, b, x),
        "meeting": by_pk(*meetings),
        "request_target": by_pk(c, d, x),
        "opportunity": by_pk(*opportunities),
        "received_request": by_pk(*requests["received"], requests["foreign"][0]),
        "sent_request": by_pk(*requests["sent"], requests["foreign"][1]),
        "session": by_pk(*sessions),
        "hall": by_pk(*halls),
        "booth": by_pk(*booths),
        "table": by_pk(*tables),
        "rule": by_pk(*rules),
        "release": by_pk(releases[0], releases[0], releases[1]),
        "job": by_pk(jobs[0], jobs[0], jobs[1]),
        "announcement": by_pk(announcements[0], announcements[0], announcements[1]),
        "invitation": {
            variant: {"token": inv.token}
            for variant, inv in zip(VARIANTS, invitations, strict=True)
        },
        "feed": {
            variant: {"obj": p.feed_token} for variant, p in zip(VARIANTS, (a, b, x), strict=True)
        },
        "delegation": by_pk(delegations[0], delegations[0], delegations[1]),
        "lead": by_pk(*leads),
        "agreement": by_pk(*agreements),
        "met_badge": {
            variant: {"code": p.badge_code} for variant, p in zip(VARIANTS, (c, d, y), strict=True)
        },
        "badge": {
            variant: {"code": p.badge_code} for variant, p in zip(VARIANTS, (a, b, x), strict=True)
        },
        "reset_link": {"mine": {"uidb64": "MTIz", "token": "set-password"}},
        "example": {"mine": {"kind": "participants", "extension": "csv"}},
        "import_run": {"mine": {"job_id": str(import_job.pk)}},
    }

    def private(*people: Participant) -> set[str]:
        return {s for p in people for s in (p.contact_email, p.phone, p.user.email)}

    everybody = [a, b, c, d, pending, organiser, x, y, organiser_2]
    request_texts = {r.pk: r.message for pair in requests.values() for r in pair}
    # What each actor may see: their own details, their meeting partner's, their requests'.
    visible = {
        "anonymous": set(),
        "pending": private(pending),
        "delegate_a": private(a, c)
        | {request_texts[r.pk] for r in (requests["received"][0], requests["sent"][0])},
        "delegate_b": private(b, d)
        | {request_texts[r.pk] for r in (requests["received"][1], requests["sent"][1])},
        "organiser_2": private(organiser_2),
    }
    all_secrets = private(*everybody) | set(request_texts.values())
    return World(
        event=event,
        other_event=other_event,
        actors={
            "anonymous": None,
            "pending": pending.user,
            "delegate_a": a.user,
            "delegate_b": b.user,
            "organiser": organiser.user,
            "organiser_2": organiser_2.user,
            "staff": staff,
        },
        people={"a": a, "b": b, "c": c, "d": d, "x": x, "pending": pending},
        objects=objects,
        secrets={actor: all_secrets - shown for actor, shown in visible.items()},
    )


STATE_APPS = ("people", "events", "marketplace", "meetings", "matchmaking", "agreements", "common")


def _state_tables() -> list[str]:
    """Every table of the domain apps (with many-to-many tables), in a stable order."""
    from django.apps import apps

    tables = set()
    for label in STATE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return sorted(tables)


def db_state() -> list[Any]:
    """A fingerprint of every row a page could change (plain SQL: it runs thousands of times).

    Draft schedules are left out: an organiser's page creates the empty draft on first sight.
    """
    from django.db import connection

    state = []
    with connection.cursor() as cursor:
        for table in _state_tables():
            where = " WHERE published_at IS NOT NULL" if table == "meetings_schedule" else ""
            cursor.execute(f"SELECT * FROM {table}{where} ORDER BY 1")
            state.append((table, cursor.fetchall()))
    return state


# --- Expectations --------------------------------------------------------------------------

LOGIN_REDIRECT = "log-in redirect"
ADMIN_LOGIN_REDIRECT = "admin log-in redirect"
GRANTED = "granted"


def expected(rule: Rule, actor: str, variant: str | None, elsewhere: bool) -> Any:
    """What ``actor`` must get; ``elsewhere``: the URL names the other event."""
    if rule.policy == ANYONE:
        return {200, 302}
    if rule.policy == PUBLIC:
        return {404} if variant == "foreign" else GRANTED
    if rule.policy == STAFF:
        return GRANTED if actor == "staff" else ADMIN_LOGIN_REDIRECT
    if actor == "anonymous":
        return LOGIN_REDIRECT
    if rule.policy == LOGIN:
        return GRANTED
    if rule.policy == DELEGATE:
        members = {"organiser_2"} if elsewhere else {"delegate_a", "delegate_b", "organiser"}
    elif rule.policy == HEAD:
        members = {"organiser_2"} if elsewhere else {"delegate_a"}
    else:
        members = {"organiser_2", "staff"} if elsewhere else {"organiser", "staff"}
    if actor not in members:
        return {403}
    if variant == "foreign":
        return {404}
    if rule.owned and OWNER.get(variant or "") != actor:
        return {404}
    return GRANTED


def _login(actor: str, world: World) -> Client:
    client = Client()
    user = world.actors[actor]
    if user is not None:
        client.force_login(user)
    return client


def _takes(route: str, name: str) -> bool:
    """Whether the route pattern has a path parameter ``name`` (with or without converter)."""
    return f"<{name}>" in route or f":{name}>" in route


def _fill(template: str, kwargs: dict[str, str]) -> str:
    value = kwargs.get("obj") or kwargs.get("pk") or kwargs.get("token") or ""
    return template.replace("{obj}", value)


def _check(response: Any, want: Any, granted: set[int]) -> str | None:
    """None if the response is what was expected, else a description of what went wrong."""
    status, location = response.status_code, response.get("Location", "")
    if want == LOGIN_REDIRECT:
        ok = status == 302 and location.startswith(reverse("login") + "?next=")
    elif want == ADMIN_LOGIN_REDIRECT:
        ok = status == 302 and location.startswith("/admin/login/")
    elif want == GRANTED:
        ok = status in granted
    else:
        ok = status in want
    return None if ok else f"got {status} {location}".strip()


def _refused(want: Any) -> bool:
    return want != GRANTED and not (isinstance(want, set) and 200 in want)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_access(name, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    rule = ROUTES[name]
    world = build_world()
    route = resolved_routes()[name]
    variants: tuple[str | None, ...] = (None,)
    if rule.obj:
        variants = tuple(v for v in VARIANTS if v in world.objects[rule.obj])
    problems: list[str] = []
    # The owner acts last, so that every refusal is tried on the object's original state.
    for actor in sorted(ACTORS, key=lambda actor: actor in OWNER.values()):
        client = _login(actor, world)
        for variant in variants:
            for elsewhere in (False, True) if "<slug:event_slug>" in route else (False,):
                if elsewhere and variant is not None:
                    continue  # another event's objects are tried through this event's URLs
                event = world.other_event if elsewhere else world.event
                kwargs = dict(world.objects[rule.obj][variant]) if variant else {}
                # Ids that the route takes go into the path; the others into query or body.
                url_kwargs = {k: v for k, v in kwargs.items() if _takes(route, k)}
                if "<slug:event_slug>" in route:
                    url_kwargs["event_slug"] = event.slug
                url = reverse(name, kwargs=url_kwargs) + _fill(rule.query, kwargs)
                want = expected(rule, actor, variant, elsewhere)
                for method in rule.methods:
                    where = f"{method} {url} as {actor} ({variant or '-'})"
                    problems += _try(client, method, url, rule, name, want, kwargs, actor, where)
                    if world.secrets.get(actor) and not elsewhere:
                        problems += _leaks(client, world, actor, where)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def _try(
    client: Client,
    method: str,
    url: str,
    rule: Rule,
    name: str,
    want: Any,
    kwargs: dict[str, str],
    actor: str,
    where: str,
) -> list[str]:
    if method == POST and not _refused(want) and not rule.post_by_allowed:
        return []  # a solver run, a long form: covered by the area's own tests
    before = db_state()
    data = {key: _fill(value, kwargs) for key, value in rule.data.items()}
    response = client.get(url) if method == GET else client.post(url, data)
    streamed = getattr(response, "streaming", False)
    body = b"".join(response.streaming_content) if streamed else response.content
    client.last_body = body  # type: ignore[attr-defined]
    after = db_state()
    if method == GET and name in POST_ONLY:
        problems = [] if response.status_code == 405 else [f"{where}: POST-only route answered"]
    elif method == POST and name in GET_ONLY:
        problems = [] if response.status_code == 405 else [f"{where}: GET-only route answered"]
    else:
        granted = GRANTED_GET | ({302} if rule.get_redirects else set())
        wrong = _check(response, want, granted if method == GET else GRANTED_POST)
        problems = [f"{where}: expected {want}, {wrong}"] if wrong else []
    refused = _refused(want) or (method == GET and name in POST_ONLY)
    if refused and before != after:
        problems.append(f"{where}: refused, yet the database changed")
    owner_acts = rule.changes and method == POST and want == GRANTED and actor in OWNER.values()
    if owner_acts and before == after:
        problems.append(f"{where}: the owner's {method} changed nothing")
    return problems


def _leaks(client: Client, world: World, actor: str, where: str) -> list[str]:
    body = client.last_body.decode("utf-8", "replace")  # type: ignore[attr-defined]
    shown = sorted(secret for secret in world.secrets[actor] if secret in body)
    return [f"{where}: shows {shown}"] if shown else []


# --- Checks the matrix cannot express ----------------------------------------------------


@pytest.mark.django_db
def test_secrets_check_can_fail(settings):
    """The leak check sees contact details where they belong (after an accepted meeting)."""
    world = build_world()
    a, c = world.people["a"], world.people["c"]
    client = _login("delegate_a", world)
    response = client.get(reverse("portal-delegate", args=[world.event.slug, c.pk]))
    assert response.status_code == 200
    assert c.contact_email in response.content.decode()
    assert c.phone in response.content.decode()
    meetings = client.get(reverse("portal-meeting-list", args=[world.event.slug]))
    assert c.contact_email in meetings.content.decode()
    requests = client.get(reverse("portal-request-list", args=[world.event.slug]))
    assert "request-secret-d-a" in requests.content.decode()
    assert a.contact_email not in world.secrets["delegate_a"]


@pytest.mark.django_db
def test_admin_is_for_staff_only(settings):
    world = build_world()
    for actor in ("anonymous", "delegate_a", "organiser", "organiser_2"):
        response = _login(actor, world).get("/admin/")
        assert response.status_code == 302, actor
        assert response["Location"].startswith("/admin/login/"), actor
        response = _login(actor, world).get("/admin/meetings/meetingrequest/")
        assert response.status_code == 302, actor
    assert _login("staff", world).get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_delegate_cannot_answer_or_withdraw_someone_elses_request(settings):
    """B's request to D, and A's own sent request, stay untouched whatever A posts."""
    world = build_world()
    a, b, d = world.people["a"], world.people["b"], world.people["d"]
    theirs = MeetingRequest.objects.get(requester=b, target=d)
    sent = MeetingRequest.objects.get(requester=a, target=world.people["c"])
    client = _login("delegate_a", world)
    before = db_state()
    for target in (theirs, sent):
        for action in ("accept", "decline", "cancel"):
            if target is sent and action == "cancel":
                continue  # withdrawing one's own request is allowed
            client.post(
                reverse(f"portal-request-{action}", args=[world.event.slug, target.pk]),
                {"reason": "x"},
            )
    assert db_state() == before
    assert not Meeting.objects.filter(request__in=[theirs, sent]).exists()


@pytest.mark.django_db
def test_an_organiser_cannot_reach_another_events_rows_through_form_ids(settings):
    """Ids of event 2's rows posted to event 1's console are refused and change nothing."""
    world = build_world()
    x = world.people["x"]
    Participant.objects.filter(pk=x.pk).update(status=Participant.Status.PENDING)
    foreign_opportunity = Opportunity.objects.filter(event=world.other_event).first()
    Opportunity.objects.filter(pk=foreign_opportunity.pk).update(status=Opportunity.Status.PENDING)
    foreign_meeting = Meeting.objects.filter(event=world.other_event).first()
    client = _login("organiser", world)
    slug = world.event.slug
    # The schedule page shown with the form's errors creates the draft on first sight.
    schedule_draft_get(event=world.event)
    before = db_state()
    posts = [
        ("console-participants-bulk", {"participants": [x.pk], "action": "approve"}),
        (
            "console-opportunity-review",
            {"opportunity": foreign_opportunity.pk, "action": "publish"},
        ),
        ("console-schedule-move", {"meeting": foreign_meeting.pk}),
        ("suggestion-feedback", {"organisation": x.organisation_id, "kind": "competitor"}),
    ]
    for name, data in posts:
        response = client.post(reverse(name, args=[slug]), data)
        assert response.status_code in (404, 422), (name, response.status_code)
    assert db_state() == before
