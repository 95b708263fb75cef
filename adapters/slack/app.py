"""Build the Bolt app: one workspace (a bot token) or many (OAuth, installs in our database).

Every Web API client the app makes talks to ``api_url`` and waits out rate limits
(HTTP 429) with slack_sdk's retry handler; Bolt copies both onto the client it builds
per request.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientSession
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.slack.listeners import SlackListeners

log = logging.getLogger(__name__)

OAUTH_STATE_SECONDS = 600
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

Authorize = Callable[..., Awaitable[AuthorizeResult]]


class SlackConfigError(ValueError):
    """The settings cannot make a working app; the message says which variable to set."""


@dataclass(frozen=True)
class SlackConfig:
    """What the app needs from settings, as plain values (secrets already unwrapped)."""

    signing_secret: str = ""
    bot_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    scopes: tuple[str, ...] = ()
    api_url: str = "https://slack.com/api/"
    rate_limit_retries: int = 3
    process_before_response: bool = False

    @property
    def oauth(self) -> bool:
        return bool(self.client_id)


def web_client(
    config: SlackConfig, session: ClientSession | None = None, **kwargs: Any
) -> AsyncWebClient:
    base_url = config.api_url if config.api_url.endswith("/") else config.api_url + "/"
    return AsyncWebClient(
        base_url=base_url,
        session=session,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=config.rate_limit_retries)],
        **kwargs,
    )


async def oauth_settings(config: SlackConfig, engine: AsyncEngine) -> AsyncOAuthSettings:
    """Installs and OAuth states in our own database (slack_sdk's SQLAlchemy stores).

    The stores create their three tables (slack_installations, slack_bots,
    slack_oauth_states) if missing: they belong to slack_sdk's schema, not ours.
    """
    if not config.client_secret:
        raise SlackConfigError("SLACK_CLIENT_ID is set, so SLACK_CLIENT_SECRET is needed too.")
    installations = AsyncSQLAlchemyInstallationStore(client_id=config.client_id, engine=engine)
    states = AsyncSQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_SECONDS, engine=engine)
    await installations.create_tables()
    async with engine.begin() as connection:
        await connection.run_sync(states.metadata.create_all)
    settings = AsyncOAuthSettings(
        client_id=config.client_id,
        client_secret=config.client_secret,
        scopes=list(config.scopes),
        installation_store=installations,
        state_store=states,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
    )
    # Without the cache Bolt calls auth.test for every request from an installed workspace:
    # one more round trip inside Slack's 3 seconds. Keyed by token, so a reinstall refreshes it.
    settings.authorize.cache_enabled = True
    return settings


async def build_app(
    config: SlackConfig,
    listeners: SlackListeners,
    *,
    engine: AsyncEngine | None = None,
    authorize: Authorize | None = None,
    session: ClientSession | None = None,
) -> AsyncApp:
    """The Bolt app with SecondLook's listeners.

    ``authorize`` replaces both token and OAuth (tests and benchmarks use it to skip
    auth.test); otherwise OAuth when ``client_id`` is set, else the one bot token.
    """
    options: dict[str, Any] = {
        "signing_secret": config.signing_secret,
        "process_before_response": config.process_before_response,
        "name": "secondlook",
    }
    token = None
    if authorize is not None:
        options["authorize"] = authorize
    elif config.oauth:
        if engine is None:
            raise SlackConfigError("OAuth installs need the database engine.")
        options["oauth_settings"] = await oauth_settings(config, engine)
    elif config.bot_token:
        token = config.bot_token  # Bolt takes the token from the client it is given
    else:
        raise SlackConfigError(
            "Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
            " (installs through OAuth)."
        )
    app = AsyncApp(client=web_client(config, session, token=token), **options)
    listeners.register(app)
    log.info("slack app built oauth=%s", config.oauth and authorize is None)
    return app
