"""What SecondLook does with each kind of Slack request, on slack-bolt's AsyncApp.

Acknowledgement (architecture rule 5). The app runs with ``process_before_response=False``
on purpose: it is a long-running process (HTTP server or Socket Mode), so the HTTP
response (or envelope ack) leaves the moment a listener calls ``ack()`` and the work
after it goes on in this process. ``True`` exists for function-as-a-service hosts that
freeze after the response; there every slow step would have to move to a lazy listener.
Each listener gives the core :data:`ACK_BUDGET` seconds to answer inside the ack itself
(one round trip, no Web API call); past that it acks with a short note and delivers the
answer through the ``response_url`` or a DM when it is ready. Files always go after the
ack.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack import payloads
from adapters.slack.blocks import escape, home_view, message, modal
from core.conversation.assistant import FAILURE, Assistant
from core.incoming import Incoming
from core.replies import Attachment, Reply
from core.storage.deliveries import DeliveryLedger

log = logging.getLogger(__name__)

COMMAND = "/secondlook"
ACK_BUDGET = 2.0  # seconds the core may take before the ack goes without its answer
WORKING = "Working on it; the answer follows in a moment."
FORM_FAILED = (
    "I could not open the form (Slack allows 3 seconds). Try again, or type it in one go:"
    " /secondlook score <program> <uncertainty> <importance> <travel>"
)
PLATFORM = "slack"
ACTION_IDS = re.compile(r"^sl-")
FORM_CALLBACKS = payloads.FORM_CALLBACK

Respond = Callable[..., Awaitable[None]]


def _ephemeral(text: str) -> dict[str, Any]:
    return {"response_type": "ephemeral", "text": escape(text)}


class SlackListeners:
    """Translate, call the core, render: no business rule lives here (architecture rule 2)."""

    def __init__(
        self,
        assistant: Assistant,
        ledger: DeliveryLedger,
        *,
        ack_budget: float = ACK_BUDGET,
        rate_limit_retries: int = 3,
    ) -> None:
        self.assistant = assistant
        self.ledger = ledger
        self.ack_budget = ack_budget
        self.rate_limit_retries = rate_limit_retries
        self._pending: set[asyncio.Future[None]] = set()

    def register(self, app: AsyncApp) -> None:
        app.command(COMMAND)(self.on_command)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)
        app.action(ACTION_IDS)(self.on_action)
        app.view(FORM_CALLBACKS)(self.on_view)
        app.error(self.on_error)

    # --- The core, within the ack budget ---------------------------------------------

    def _detach(self, work: Awaitable[None]) -> None:
        """Run ``work`` after the listener returns; a reference is kept until it ends."""
        task = asyncio.ensure_future(work)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _handle(self, incoming: Incoming) -> asyncio.Task[list[Reply]]:
        """Start the core; return its task once done or once the budget is spent."""
        task = asyncio.ensure_future(self.assistant.handle(incoming))
        await asyncio.wait({task}, timeout=self.ack_budget)
        return task

    # --- /secondlook -------------------------------------------------------------------

    async def on_command(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        incoming = payloads.from_command(body)
        respond = self._webhook(body.get("response_url", ""))
        task = await self._handle(incoming)
        if not task.done():
            await ack(**_ephemeral(WORKING))
            # Detached, so the listener returns now: under process_before_response=True Bolt
            # sends the ack only when the listener returns.
            self._detach(self._deliver_later(client, body, respond, incoming, task))
            return
        replies = task.result()
        forms = [reply for reply in replies if reply.form]
        shown = [reply for reply in replies if not reply.form]
        public = [reply for reply in shown if not reply.ephemeral]
        private = [reply for reply in shown if reply.ephemeral]
        if public:
            await ack(response_type="in_channel", **message(public))
            if private:
                await respond(response_type="ephemeral", **message(private))
        elif private:
            await ack(response_type="ephemeral", **message(private))
        else:
            await ack()
        for reply in forms:
            await self._open_form(client, body, incoming, reply, respond)
        await self._send_files(client, incoming, replies)

    async def _open_form(
        self,
        client: AsyncWebClient,
        body: dict[str, Any],
        incoming: Incoming,
        reply: Reply,
        respond: Respond | None,
        dm_channel: str | None = None,
    ) -> None:
        """Open the modal; if Slack refuses (an expired trigger, a rate limit), say so where
        the user is: the command's response_url, else their DM."""
        assert reply.form is not None
        meta = {"channel": incoming.channel, "direct": "1" if incoming.direct else ""}
        if body.get("response_url"):
            meta["response_url"] = body["response_url"]
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=modal(reply.form, meta))
        except Exception as error:
            log.warning("views.open failed user=%s error=%s", incoming.tenant.user, error)
            if respond is not None:
                await respond(**_ephemeral(FORM_FAILED))
            elif dm_channel is not None:
                await client.chat_postMessage(channel=dm_channel, text=escape(FORM_FAILED))

    # --- DMs -----------------------------------------------------------------------------

    async def on_message(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        event = body.get("event", {})
        if not payloads.wanted_message(event):
            return

        async def work() -> None:
            incoming = payloads.from_message(body)
            replies = await self.assistant.handle(incoming)
            await self._post(client, incoming.channel, replies)
            await self._send_files(client, incoming, replies, channel=incoming.channel)

        await self._once(body, work)

    async def _once(self, body: dict[str, Any], work: Callable[[], Awaitable[None]]) -> None:
        """Run an event's work once across retries and processes (architecture rule 7)."""
        event_id = body.get("event_id")
        if not event_id:
            await work()
            return
        if not await self.ledger.claim(PLATFORM, event_id):
            log.info("duplicate event dropped event_id=%s", event_id)
            return
        try:
            await work()
        except BaseException:
            await self.ledger.release(PLATFORM, event_id)
            raise
        await self.ledger.finish(PLATFORM, event_id)

    # --- App Home ----------------------------------------------------------------------

    async def on_home_opened(self, body: dict[str, Any], client: AsyncWebClient) -> None:
        event = body.get("event", {})
        if event.get("tab") != "home":
            return

        async def work() -> None:
            await self._publish_home(client, payloads.tenant(body).user, body)

        await self._once(body, work)

    async def _publish_home(self, client: AsyncWebClient, user: str, body: dict[str, Any]) -> None:
        incoming = Incoming(payloads.tenant(body), "home", text="plan", command=True)
        replies = await self.assistant.handle(incoming)
        await client.views_publish(user_id=user, view=home_view(replies))

    # --- Buttons and menus -------------------------------------------------------------

    async def on_action(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        respond = self._webhook(body.get("response_url", ""))
        channel = payloads.action_channel(body)
        from_home = channel is None
        if channel is None:
            channel = await self._dm_channel(client, payloads.tenant(body).user)
        direct = from_home or channel.startswith("D")
        incoming = payloads.from_action(body, channel, direct)
        if incoming is None:
            return
        replies = await self.assistant.handle(incoming)
        for reply in replies:
            if reply.form:
                await self._open_form(
                    client, body, incoming, reply, None if from_home else respond, channel
                )
        shown = [reply for reply in replies if not reply.form]
        if shown:
            if from_home or direct:
                await self._post(client, channel, shown)
            else:
                await self._respond(respond, shown)
        await self._send_files(client, incoming, replies)
        if from_home:
            await self._publish_home(client, incoming.tenant.user, body)

    # --- The modal ---------------------------------------------------------------------

    async def on_view(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        parsed = payloads.from_view(body)
        if parsed is None:
            await ack()
            return
        incoming, meta = parsed
        block_ids = {block.get("block_id") for block in body["view"].get("blocks", [])}
        task = await self._handle(incoming)
        if not task.done():
            await ack()
            replies = await task
        else:
            replies = task.result()
            errors = {
                key: text
                for reply in replies
                for key, text in reply.form_errors.items()
                if key in block_ids
            }
            if errors:
                await ack(response_action="errors", errors=errors)
                return
            await ack()
        url = meta.get("response_url")
        if url:
            await self._respond(self._webhook(url), replies)
        else:
            channel = await self._dm_channel(client, incoming.tenant.user)
            await self._post(client, channel, replies)
        if incoming.channel == "home" or not url:
            await self._publish_home(client, incoming.tenant.user, body)

    # --- Delivery ----------------------------------------------------------------------

    def _webhook(self, url: str) -> Respond:
        """Posts to a response_url through a client that waits out rate limits (Bolt's own
        ``respond`` has no retry handler)."""
        hook = AsyncWebhookClient(
            url,
            retry_handlers=[
                AsyncRateLimitErrorRetryHandler(max_retry_count=self.rate_limit_retries)
            ],
        )

        async def send(**kwargs: Any) -> None:
            await hook.send_dict(kwargs)

        return send

    async def _respond(self, respond: Respond, replies: list[Reply]) -> None:
        public = [reply for reply in replies if not reply.ephemeral]
        private = [reply for reply in replies if reply.ephemeral]
        if public:
            await respond(response_type="in_channel", replace_original=False, **message(public))
        if private:
            await respond(response_type="ephemeral", replace_original=False, **message(private))

    async def _post(self, client: AsyncWebClient, channel: str, replies: list[Reply]) -> None:
        if replies:
            await client.chat_postMessage(channel=channel, **message(replies))

    async def _deliver_later(
        self,
        client: AsyncWebClient,
        body: dict[str, Any],
        respond: Respond,
        incoming: Incoming,
        core: asyncio.Task[list[Reply]],
    ) -> None:
        """The answer to a command acked without it: text by response_url, forms by views.open
        (which says how to go on if the trigger expired meanwhile), then files."""
        replies = await core
        for reply in replies:
            if reply.form:
                await self._open_form(client, body, incoming, reply, respond)
        await self._respond(respond, [reply for reply in replies if not reply.form])
        await self._send_files(client, incoming, replies)

    async def _dm_channel(self, client: AsyncWebClient, user: str) -> str:
        opened = await client.conversations_open(users=user)
        return str(opened["channel"]["id"])

    async def _send_files(
        self,
        client: AsyncWebClient,
        incoming: Incoming,
        replies: list[Reply],
        channel: str | None = None,
    ) -> None:
        """Files go to the user's DM: a channel would show them to everyone in it."""
        files: list[Attachment] = [f for reply in replies for f in reply.files]
        if not files:
            return
        channel = channel or await self._dm_channel(client, incoming.tenant.user)
        await client.files_upload_v2(
            channel=channel,
            file_uploads=[{"content": f.data, "filename": f.name, "title": f.name} for f in files],
            initial_comment="Your files from SecondLook.",
        )
        log.info("files sent count=%d user=%s", len(files), incoming.tenant.user)

    # --- Failures ----------------------------------------------------------------------

    async def on_error(self, error: Exception, body: dict[str, Any]) -> None:
        """Whatever broke, the user gets a sentence where one can still reach them."""
        log.error(
            "slack request failed type=%s error=%s",
            body.get("type"),
            type(error).__name__,
            exc_info=error,
        )
        url = body.get("response_url")
        if url:
            try:
                await self._webhook(url)(**_ephemeral(FAILURE))
            except Exception:
                log.warning("could not tell the user about a failure")
