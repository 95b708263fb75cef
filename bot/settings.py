"""One typed settings object, a prefix per section; secrets come only from the environment.

Every variable is listed in ``config/.env.example``. A ``.env`` file in the working
directory is read too, for local runs.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.storage.urls import sqlite_file_url

APP_NAME = "secondlook"


def _section(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=prefix, env_file=".env", extra="ignore")


class DatabaseSettings(BaseSettings):
    """``DATABASE_URL``: any SQLAlchemy async URL; ``postgres://`` is accepted too."""

    model_config = _section("DATABASE_")

    url: str | None = None
    echo: bool = False


class FrameworkSettings(BaseSettings):
    """``FRAMEWORK_RULES_FILE``: another copy of config/framework.toml to tune the rules."""

    model_config = _section("FRAMEWORK_")

    rules_file: Path | None = None


class AppSettings(BaseSettings):
    """``SECONDLOOK_DATA_DIR``: where the embedded SQLite file (and saved files) live."""

    model_config = _section("SECONDLOOK_")

    data_dir: Path | None = None
    log_level: str = "WARNING"
    # An unfinished dialog waits this long for its next answer.
    dialog_ttl_hours: int = Field(72, ge=1, le=24 * 30)
    # Another copy of config/season.toml: the Match calendar and the second-look window.
    season_file: Path | None = None


class SlackSettings(BaseSettings):
    """Slack: one workspace with ``SLACK_BOT_TOKEN``, or many through OAuth when
    ``SLACK_CLIENT_ID`` is set. ``PORT`` (as Heroku sets it) or ``SLACK_PORT`` for HTTP mode.
    """

    model_config = _section("SLACK_")

    signing_secret: SecretStr | None = None
    bot_token: SecretStr | None = None
    app_token: SecretStr | None = None  # xapp-…, Socket Mode only
    client_id: str | None = None
    client_secret: SecretStr | None = None
    scopes: str = "commands,chat:write,im:history,im:write,files:write"
    # Slack's Web API; a test or a proxy points this elsewhere.
    api_url: str = "https://slack.com/api/"
    port: int = Field(3000, ge=1, le=65535, validation_alias=AliasChoices("PORT", "SLACK_PORT"))
    host: str = "0.0.0.0"
    # How many times a client waits out a 429 (rate limited) before giving up.
    rate_limit_retries: int = Field(3, ge=0, le=10)


class DiscordSettings(BaseSettings):
    """Discord: the bot token, where to sync ``/secondlook``, and sharding for big installs."""

    model_config = _section("DISCORD_")

    token: SecretStr | None = None
    # Sync the commands to this server only (instant, for testing); unset: globally.
    guild_id: int | None = Field(None, ge=1)
    # Sync the command tree on start; off when commands are already registered.
    sync_commands: bool = True
    # Set to run an AutoShardedClient with this many shards (large bots only).
    shard_count: int | None = Field(None, ge=1, le=1000)
    # Discord's REST API (not the gateway); point it elsewhere for a proxy or a test server.
    api_url: str = "https://discord.com/api/v10"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    app: AppSettings = Field(default_factory=AppSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    framework: FrameworkSettings = Field(default_factory=FrameworkSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)

    @property
    def data_dir(self) -> Path:
        """``SECONDLOOK_DATA_DIR``, else the XDG data directory ($XDG_DATA_HOME/secondlook)."""
        return self.app.data_dir or user_data_path(APP_NAME)

    @property
    def database_url(self) -> str:
        if self.database.url:
            return self.database.url
        url = sqlite_file_url(self.data_dir / "secondlook.db")
        return url.render_as_string(hide_password=False)
