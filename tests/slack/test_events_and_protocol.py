"""Slack's protocol, end to end over real HTTP: what Slack sends, what the user then sees.

Each test signs requests the way Slack does, sends them to the real Bolt app served on
127.0.0.1, and checks the protocol-visible answer (HTTP status and body) and what the
app sent back through the local mock of the Web API (a DM, a ``response_url`` post).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import unescape as html_unescape
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from aiohttp import ClientSession
from sqlalchemy import select, text

from adapters.slack.app import INSTALL_PATH, REDIRECT_PATH, SlackConfig, build_app
from adapters.slack.listeners import WORKING, SlackListeners
from adapters.slack.reminders import NotInstalled, dm_sender
from adapters.slack.server import serving
from bot import cli
from bot.container import Container
from core.identity import Tenant
from core.replies import Reply
from core.storage import Database
from core.storage.deliveries import STALE_AFTER, DeliveryLedger
from core.storage.tables import DeliveryRow
from tests.clock import FakeClock
from tests.slack.conftest import SECRET, Sent, SlackUser, sign
from tests.slack.mock_api import BOT_USER, Call, MockSlack

ALICE = Tenant("slack", "T1", "U1")
SLACK_DEADLINE = 3.0  # seconds Slack waits for the HTTP answer to a command or event
SETTLE = 0.3  # after the last expected call, how long to watch for an unexpected one

# What each interview question says (as in tests/test_conversation.py).
NAME_Q = "Which program?"
LOCATION_Q = "City and state"
TYPE_Q = "What kind of program"
POLICY_Q = "said about second looks"
GOALS_Q = "What should a visit answer"
UNCERTAINTY_Q = "How uncertain are you"
IMPORTANCE_Q = "How much does"
TRAVEL_Q = "How hard is it to get to"


# --- Helpers ---------------------------------------------------------------------------


def _block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every piece of text a user can read in a list of Block Kit blocks."""
    found: list[str] = []
    for block in blocks:
        for key in ("text", "label"):
            part = block.get(key)
            if isinstance(part, dict):
                found.append(part.get("text", ""))
        for part in block.get("fields") or []:
            found.append(part.get("text", ""))
        for element in block.get("elements") or []:
            label = element.get("text")
            if isinstance(label, dict):
                found.append(label.get("text", ""))
            elif isinstance(label, str):
                found.append(label)
        element = block.get("element")
        if isinstance(element, dict):
            found.extend(o["text"]["text"] for o in element.get("options") or [])
    return found


def shown(call: Call) -> str:
    """What the user reads in a posted message: its text and its blocks."""
    parts = [str(call.payload.get("text") or "")]
    blocks = call.payload.get("blocks") or []
    if isinstance(blocks, list):
        parts.extend(_block_texts(blocks))
    joined = "\n".join(parts)
    return joined.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def button_labels(call: Call) -> list[str]:
    return [
        element["text"]["text"]
        for block in call.payload.get("blocks") or []
        if block.get("type") == "actions"
        for element in block.get("elements", [])
        if element.get("type") == "button"
    ]


def dm_event(text: str, user: str = "U1", channel: str = "D1", **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": channel,
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
        "team": "T1",
        **extra,
    }


def event_body(event: dict[str, Any], event_id: str, team: str = "T1") -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A1",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": BOT_USER, "is_bot": True}],
        }
    )


async def timed_command(user: SlackUser, text: str, **extra: Any) -> Sent:
    """A slash command, checked against Slack's 3-second deadline for its HTTP answer."""
    started = time.perf_counter()
    sent = await user.command(text, **extra)
    elapsed = time.perf_counter() - started
    assert elapsed < SLACK_DEADLINE, f"/secondlook {text} answered after {elapsed:.2f} s"
    return sent


@asynccontextmanager
async def served(
    container: Container, config: SlackConfig, listeners: SlackListeners | None = None
) -> AsyncIterator[tuple[str, ClientSession]]:
    """The app built from ``config``, served on 127.0.0.1 as the ``slack`` fixture does."""
    listeners = listeners or SlackListeners(container.assistant, DeliveryLedger(container.database))
    async with ClientSession() as session:
        app = await build_app(
            config, listeners, engine=container.database.write_engine, session=session
        )
        async with serving(app, "127.0.0.1", 0) as url:
            yield url, session


async def deliveries(database: Database) -> list[tuple[str, str, bool]]:
    async with database.reading() as session:
        rows = await session.scalars(select(DeliveryRow).order_by(DeliveryRow.id))
        return [(row.platform, row.delivery_id, row.done) for row in rows]


async def probe(user: SlackUser, mock: MockSlack, channel: str = "D9") -> list[Call]:
    """A DM the app must answer, sent after something it must ignore.

    Once its reply is in and a moment has passed, anything the ignored request caused
    would have reached the mock too; returns every chat.postMessage seen by then.
    """
    before = len(mock.of("chat.postMessage"))
    sent = await user.event(dm_event("help", channel=channel), event_id=f"EvProbe{channel}")
    assert sent.status == 200
    await mock.wait_for("chat.postMessage", count=before + 1)
    await asyncio.sleep(SETTLE)
    return mock.of("chat.postMessage")


# --- 1. Request verification -----------------------------------------------------------


async def test_an_event_with_a_bad_signature_is_refused_and_nothing_is_processed(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    body = event_body(dm_event("add Mayo"), "EvForged")

    sent = await slack.post(body, "application/json", secret="not-the-signing-secret")

    assert sent.status == 401
    await asyncio.sleep(SETTLE)
    assert mock.calls == []  # no auth.test, no reply: the request went no further
    assert await deliveries(container.database) == []
    assert await container.programs.list_programs(ALICE) == []


async def test_a_command_with_a_bad_signature_is_refused_and_nothing_is_processed(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    form = urlencode(
        {
            "team_id": "T1",
            "user_id": "U1",
            "channel_id": "C1",
            "command": "/secondlook",
            "text": "add Mayo",
            "response_url": mock.response_url("forged"),
            "trigger_id": "1.2.3",
        }
    )
    headers = sign(form, secret="not-the-signing-secret")

    sent = await slack.post(form, "application/x-www-form-urlencoded", headers=headers)

    assert sent.status == 401
    assert "Mayo" not in sent.text
    await asyncio.sleep(SETTLE)
    assert mock.calls == []
    assert await container.programs.list_programs(ALICE) == []


async def test_a_signed_request_older_than_five_minutes_is_refused(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    body = event_body(dm_event("add Mayo"), "EvReplayed")

    sent = await slack.post(body, "application/json", timestamp=int(time.time()) - 6 * 60)

    assert sent.status == 401
    await asyncio.sleep(SETTLE)
    assert mock.calls == []
    assert await container.programs.list_programs(ALICE) == []


async def test_a_fresh_correctly_signed_request_is_accepted(
    slack: SlackUser, mock: MockSlack
) -> None:
    """The other side of the two refusals above: 4 minutes old is still in the window."""
    body = event_body(dm_event("help"), "EvFresh")

    sent = await slack.post(body, "application/json", timestamp=int(time.time()) - 4 * 60)

    assert sent.status == 200
    [reply] = await mock.wait_for("chat.postMessage")
    assert reply.payload["channel"] == "D1"


async def test_the_url_verification_challenge_is_answered(slack: SlackUser) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "legacy", "challenge": challenge, "type": "url_verification"})

    sent = await slack.post(body, "application/json")

    assert sent.status == 200
    assert sent.json() == {"challenge": challenge}


# --- 2. The whole interview in a DM ----------------------------------------------------


async def test_the_whole_interview_over_dm_events_ends_in_a_verdict_and_stores_the_program(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    script = [
        ("score", [NAME_Q]),
        ("Mayo Clinic", ["Where is Mayo Clinic?", LOCATION_Q]),
        ("Boston, MA", [TYPE_Q]),
        ("banana", ["Pick one of", TYPE_Q]),  # a wrong answer: the same question again
        ("back", ["Going back", "Where is Mayo Clinic?"]),
        ("Rochester, MN", [TYPE_Q]),
        ("1", [POLICY_Q]),
        ("welcome", [GOALS_Q]),
        ("1, 3", [UNCERTAINTY_Q]),
        ("very uncertain", [IMPORTANCE_Q]),
        ("3", [TRAVEL_Q]),
        ("one", ["Mayo Clinic: Prioritize a second look."]),
    ]
    replies: list[Call] = []
    for n, (answer, expected) in enumerate(script, start=1):
        sent = await slack.dm(answer, event_id=f"EvInterview{n}")
        assert sent.status == 200

        posted = await mock.wait_for("chat.postMessage", count=n)

        assert len(posted) == n, f"after {answer!r}: {[shown(c) for c in posted[n:]]}"
        reply = posted[-1]
        replies.append(reply)
        assert reply.payload["channel"] == "D1"
        assert reply.payload["_token"] == "xoxb-test"
        for words in expected:
            assert words in shown(reply), (answer, words, shown(reply))
        if answer != "one":
            assert await container.programs.list_programs(ALICE) == []  # stored at the end

    type_question = replies[2]
    assert "Elite academic" in button_labels(type_question)  # the choices come as buttons
    assert "Why" in shown(replies[-1])  # the verdict gives its reasons
    [program] = await container.programs.list_programs(ALICE)
    assert program.name == "Mayo Clinic"
    assert (program.city, program.state) == ("Rochester", "MN")  # the answer after back
    assert program.program_type is not None and program.program_type.value == "elite_academic"
    assert program.policy.value == "welcome"
    assert [goal.value for goal in program.goals] == ["rank_order", "training"]
    assert (program.uncertainty, program.importance, program.travel) == (3, 3, 1)
    await asyncio.sleep(SETTLE)
    assert len(mock.of("chat.postMessage")) == len(script)  # one reply per DM, no more


# --- 3. Retries are processed once -----------------------------------------------------


async def test_a_retried_event_is_acked_and_not_processed_again(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    event = dm_event("add Mayo")
    first = await slack.event(event, event_id="EvAddMayo")
    assert first.status == 200
    [reply] = await mock.wait_for("chat.postMessage")
    assert "Now tracking Mayo" in shown(reply)

    again = await slack.event(event, event_id="EvAddMayo", retry=1)

    assert again.status == 200
    posted = await probe(slack, mock)
    assert [shown(call) for call in posted][:1] == [shown(reply)]
    assert len(posted) == 2, [shown(call) for call in posted]  # the reply and the probe's
    assert "already" not in shown(posted[1]).lower()
    assert [p.name for p in await container.programs.list_programs(ALICE)] == ["Mayo"]


async def test_the_ledger_marks_a_processed_event_done(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    await slack.dm("help", event_id="EvHelpDone")
    await mock.wait_for("chat.postMessage")

    for _ in range(50):  # finish() runs just after the reply is posted
        if await deliveries(container.database) == [("slack", "EvHelpDone", True)]:
            break
        await asyncio.sleep(0.05)

    assert await deliveries(container.database) == [("slack", "EvHelpDone", True)]


async def test_a_retry_of_an_event_never_seen_before_is_processed(
    slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    """The first delivery was lost (a timeout before it reached us): the retry is all there is."""
    sent = await slack.event(dm_event("add Mayo"), event_id="EvLostFirst", retry=1)

    assert sent.status == 200
    [reply] = await mock.wait_for("chat.postMessage")
    assert "Now tracking Mayo" in shown(reply)
    assert reply.payload["channel"] == "D1"
    assert [p.name for p in await container.programs.list_programs(ALICE)] == ["Mayo"]


async def test_an_event_whose_reply_could_not_be_sent_is_processed_when_slack_retries_it(
    container: Container, mock: MockSlack
) -> None:
    """Architecture rule 7: a retry is never dropped unseen. Here the reply fails (a 429
    with no retries allowed), so the claim is released and Slack's retry gets through."""
    config = SlackConfig(
        signing_secret=SECRET, bot_token="xoxb-test", api_url=mock.api_url, rate_limit_retries=0
    )
    mock.rate_limited["chat.postMessage"] = 1
    async with served(container, config) as (url, session):
        user = SlackUser(session, url, mock)
        first = await user.event(dm_event("help"), event_id="EvFailedOnce")
        assert first.status == 200
        await mock.wait_for("chat.postMessage#429")
        for _ in range(50):  # the failure releases the claim just after the 429
            if await deliveries(container.database) == []:
                break
            await asyncio.sleep(0.05)
        assert await deliveries(container.database) == []

        retry = await user.event(dm_event("help"), event_id="EvFailedOnce", retry=1)

        assert retry.status == 200
        [reply] = await mock.wait_for("chat.postMessage")
        assert reply.payload["channel"] == "D1"
        assert "SecondLook" in shown(reply)


async def test_the_ledger_hands_out_each_delivery_once_and_takes_over_a_stale_claim(
    database: Database,
) -> None:
    clock = FakeClock(dt.datetime(2027, 1, 25, 9, 0, tzinfo=dt.UTC))
    ledger = DeliveryLedger(database, clock=clock)

    assert await ledger.claim("slack", "Ev1") is True
    assert await ledger.claim("slack", "Ev1") is False  # in progress elsewhere
    assert await ledger.claim("discord", "Ev1") is True  # ids are per platform
    clock.advance(STALE_AFTER - dt.timedelta(seconds=1))
    assert await ledger.claim("slack", "Ev1") is False  # 59 s: still someone's
    clock.advance(dt.timedelta(seconds=2))
    assert await ledger.claim("slack", "Ev1") is True  # 61 s, never done: taken over
    assert await ledger.claim("slack", "Ev1") is False  # and now it is ours

    await ledger.finish("slack", "Ev1")
    clock.advance(dt.timedelta(minutes=10))
    assert await ledger.claim("slack", "Ev1") is False  # done is done, however old
    assert ("slack", "Ev1", True) in await deliveries(database)


async def test_the_ledger_gives_a_failed_delivery_a_fresh_chance(database: Database) -> None:
    ledger = DeliveryLedger(database)

    assert await ledger.claim("slack", "EvFails") is True
    await ledger.release("slack", "EvFails")

    assert await ledger.claim("slack", "EvFails") is True
    await ledger.finish("slack", "EvFails")
    await ledger.release("slack", "EvFails")  # a release never undoes a finished one
    assert await ledger.claim("slack", "EvFails") is False


# --- 4. Messages the app must ignore ---------------------------------------------------

IGNORED = [
    pytest.param(
        # Real edits carry the new text under "message"; user and text are at the top
        # too here, so only the subtype tells this apart from a new message.
        dm_event(
            "help",
            subtype="message_changed",
            hidden=True,
            message={"type": "message", "user": "U1", "text": "help", "ts": "1.0"},
        ),
        id="edited",
    ),
    pytest.param(dm_event("help", user="U7", bot_id="B0OTHER"), id="another-bot"),
    pytest.param(dm_event("help", user=BOT_USER), id="our-own-bot-user"),
    pytest.param(dm_event("help", channel="C1", channel_type="channel"), id="public-channel"),
]


@pytest.mark.parametrize("event", IGNORED)
async def test_messages_that_are_not_a_person_writing_to_us_get_no_reply(
    slack: SlackUser, mock: MockSlack, event: dict[str, Any]
) -> None:
    sent = await slack.event(event, event_id="EvIgnored")

    assert sent.status == 200  # acknowledged, so Slack does not retry it
    posted = await probe(slack, mock, channel="D9")
    assert [call.payload["channel"] for call in posted] == ["D9"]  # only the probe's reply


# --- 5. Rate limits --------------------------------------------------------------------


async def test_a_rate_limited_reply_is_retried_after_waiting_and_still_arrives(
    slack: SlackUser, mock: MockSlack
) -> None:
    mock.rate_limited["chat.postMessage"] = 1
    started = time.perf_counter()

    sent = await slack.dm("add Mayo", event_id="EvLimited")

    assert sent.status == 200
    [reply] = await mock.wait_for("chat.postMessage")
    waited = time.perf_counter() - started
    attempts = [call.method for call in mock.calls if call.method.startswith("chat.postMessage")]
    assert attempts == ["chat.postMessage#429", "chat.postMessage"]
    assert waited >= 0.9  # Retry-After: 1 was honoured
    assert reply.payload["channel"] == "D1"
    assert "Now tracking Mayo" in shown(reply)


# --- 6. The answer that comes after the ack --------------------------------------------


@pytest.fixture
async def late_slack(container: Container, mock: MockSlack) -> AsyncIterator[SlackUser]:
    """The app with no time for the core inside the ack: every answer goes the late way."""
    listeners = SlackListeners(
        container.assistant, DeliveryLedger(container.database), ack_budget=0
    )
    config = SlackConfig(signing_secret=SECRET, bot_token="xoxb-test", api_url=mock.api_url)
    async with served(container, config, listeners) as (url, session):
        yield SlackUser(session, url, mock)


async def test_past_the_ack_budget_a_command_is_acked_at_once_and_answered_at_its_response_url(
    late_slack: SlackUser, mock: MockSlack, container: Container
) -> None:
    sent = await timed_command(late_slack, "add Mayo")

    assert sent.status == 200
    assert sent.json() == {"response_type": "ephemeral", "text": WORKING}
    [answer] = await mock.wait_for("response_url")
    assert answer.path == "/response/cmd-U1"
    assert "Now tracking Mayo" in shown(answer)
    assert answer.payload["response_type"] == "ephemeral"  # private, as it is in the ack
    assert [p.name for p in await container.programs.list_programs(ALICE)] == ["Mayo"]


async def test_past_the_ack_budget_a_command_that_opens_a_form_still_follows_up(
    late_slack: SlackUser, mock: MockSlack
) -> None:
    """The ack promised "the answer follows in a moment": something must follow, the
    form itself or a sentence saying how to go on without it."""
    sent = await timed_command(late_slack, "score")

    assert sent.status == 200
    assert sent.json()["text"] == WORKING
    for _ in range(40):
        if mock.of("views.open") or mock.of("response_url"):
            break
        await asyncio.sleep(0.05)
    followed = [shown(call) for call in mock.of("response_url")] + [
        json.dumps(call.payload.get("view")) for call in mock.of("views.open")
    ]
    assert followed, f"nothing followed the working note; calls: {[c.method for c in mock.calls]}"


async def test_within_the_ack_budget_a_command_is_answered_in_the_ack_itself(
    slack: SlackUser, mock: MockSlack
) -> None:
    sent = await timed_command(slack, "add Mayo")

    assert sent.status == 200
    assert "Now tracking Mayo" in sent.json()["text"]
    await asyncio.sleep(SETTLE)
    assert mock.of("response_url") == []


# --- 7. Installs through OAuth ---------------------------------------------------------


@pytest.fixture
async def oauth_app(container: Container, mock: MockSlack) -> AsyncIterator[tuple[str, Any]]:
    """The multi-workspace app: no bot token, installs kept in our database."""
    config = SlackConfig(
        signing_secret=SECRET,
        client_id="111.222",
        client_secret="s3cret",
        api_url=mock.api_url,
    )
    async with served(container, config) as (url, session):
        yield url, session


async def _install(url: str, session: ClientSession, mock: MockSlack) -> tuple[str, str]:
    """Click "Add to Slack", approve, and come back with the code, as a browser would."""
    async with session.get(url + INSTALL_PATH, allow_redirects=False) as page:
        assert page.status in (200, 302)
        html = await page.text()
        cookies = page.headers.getall("Set-Cookie", [])
        location = page.headers.get("Location", "")
    links = [html_unescape(h) for h in re.findall(r'href="([^"]+)"', html)] + [location]
    authorize = next(link for link in links if "slack.com/oauth/v2/authorize" in link)
    query = parse_qs(urlparse(authorize).query)
    assert query["client_id"] == ["111.222"]
    [state] = query["state"]
    jar: SimpleCookie = SimpleCookie()
    for header in cookies:
        jar.load(header)
    assert jar, "no state cookie was set"
    assert any(morsel.value == state for morsel in jar.values())
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())

    async with session.get(
        url + REDIRECT_PATH,
        params={"code": "abc", "state": state},
        headers={"Cookie": cookie},
        allow_redirects=False,
    ) as done:
        assert done.status in (200, 302), await done.text()
    [access] = mock.of("oauth.v2.access")
    assert access.payload.get("code") == "abc"
    return state, cookie


async def test_an_oauth_install_is_saved_and_the_new_workspace_is_answered_with_its_token(
    oauth_app: tuple[str, Any], mock: MockSlack, container: Container
) -> None:
    url, session = oauth_app

    await _install(url, session, mock)

    async with container.database.write_engine.connect() as connection:
        bots = (await connection.execute(text("SELECT team_id, bot_token FROM slack_bots"))).all()
        installs = (await connection.execute(text("SELECT team_id FROM slack_installations"))).all()
    assert [tuple(row) for row in bots] == [("T2", "xoxb-installed")]
    assert [tuple(row) for row in installs] == [("T2",)]

    carol = SlackUser(session, url, mock, user="U9", team="T2")
    sent = await timed_command(carol, "add Mayo")
    assert sent.status == 200
    assert "Now tracking Mayo" in sent.json()["text"]
    assert [p.name for p in await container.programs.list_programs(Tenant("slack", "T2", "U9"))]

    dm = await carol.event(
        {**dm_event("help", user="U9", channel="DT2"), "team": "T2"}, event_id="EvT2"
    )
    assert dm.status == 200
    [reply] = await mock.wait_for("chat.postMessage")
    assert reply.payload["channel"] == "DT2"
    assert reply.payload["_token"] == "xoxb-installed"
    made_for_t2 = [c for c in mock.calls if c.method not in ("oauth.v2.access", "response_url")]
    assert made_for_t2 and all(
        call.payload.get("_token") == "xoxb-installed" for call in made_for_t2
    )


async def test_an_oauth_callback_with_a_used_or_missing_state_exchanges_no_code(
    oauth_app: tuple[str, Any], mock: MockSlack
) -> None:
    url, session = oauth_app
    state, cookie = await _install(url, session, mock)

    async with session.get(
        url + REDIRECT_PATH,
        params={"code": "replayed", "state": state},
        headers={"Cookie": cookie},
        allow_redirects=False,
    ) as replayed:
        assert replayed.status >= 400
    async with session.get(
        url + REDIRECT_PATH, params={"code": "no-cookie", "state": state}, allow_redirects=False
    ) as cookieless:
        assert cookieless.status >= 400

    assert [call.payload.get("code") for call in mock.of("oauth.v2.access")] == ["abc"]


async def test_a_command_from_a_workspace_that_never_installed_gets_an_error_not_a_traceback(
    oauth_app: tuple[str, Any], mock: MockSlack, container: Container
) -> None:
    url, session = oauth_app
    stranger = SlackUser(session, url, mock, user="U5", team="T404")

    sent = await timed_command(stranger, "add Mayo")

    assert sent.status < 500
    assert "Traceback" not in sent.text
    assert "Now tracking" not in sent.text
    await asyncio.sleep(SETTLE)
    told = sent.text + " ".join(shown(call) for call in mock.of("response_url"))
    assert "install" in told.lower()  # Bolt's "Please reinstall this app" message
    assert mock.of("chat.postMessage") == []
    assert await container.programs.list_programs(Tenant("slack", "T404", "U5")) == []


# --- 8. The command line -----------------------------------------------------------------

SLACK_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
)


@pytest.fixture
def no_slack_env(isolated_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SLACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def run_cli(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdin=io.StringIO(), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_slack_http_without_settings_exits_2_naming_the_variables_to_set(
    no_slack_env: None,
) -> None:
    code, _out, err = run_cli("slack", "--http")

    assert code == 2
    assert "SLACK_BOT_TOKEN" in err
    assert "SLACK_SIGNING_SECRET" in err
    assert "Traceback" not in err


def test_slack_socket_without_an_app_token_exits_2_naming_it(
    no_slack_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    code, _out, err = run_cli("slack", "--socket")

    assert code == 2
    assert "SLACK_APP_TOKEN" in err
    assert "SLACK_SIGNING_SECRET" not in err  # Socket Mode needs no signing secret
    assert "Traceback" not in err


def test_slack_http_with_a_client_id_but_no_client_secret_exits_2_naming_it(
    no_slack_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)

    # An address that cannot be bound: were the check missing, the run ends, not hangs.
    code, _out, err = run_cli("slack", "--http", "--host", "256.256.256.256")

    assert code == 2
    assert "SLACK_CLIENT_SECRET" in err
    assert "Traceback" not in err


async def test_reminders_reach_an_oauth_workspace_with_its_own_token(
    oauth_app: tuple[str, Any], mock: MockSlack, container: Container
) -> None:
    url, session = oauth_app
    await _install(url, session, mock)
    config = SlackConfig(
        signing_secret=SECRET, client_id="111.222", client_secret="s3cret", api_url=mock.api_url
    )
    listeners = SlackListeners(container.assistant, DeliveryLedger(container.database))
    app = await build_app(
        config, listeners, engine=container.database.write_engine, session=session
    )
    send = dm_sender(app)

    await send(Tenant("slack", "T2", "U9"), Reply(text="Reminder: your thank-you is due."))
    [posted] = mock.of("chat.postMessage")
    assert posted.payload["channel"] == "DU9" and posted.payload["_token"] == "xoxb-installed"
    with pytest.raises(NotInstalled):  # a workspace that never installed the app
        await send(Tenant("slack", "T404", "U1"), Reply(text="Reminder"))
    assert len(mock.of("chat.postMessage")) == 1
