"""Who is talking: every stored row belongs to one (platform, workspace, user)."""

from __future__ import annotations

from dataclasses import dataclass

PLATFORMS = ("terminal", "slack", "discord")


@dataclass(frozen=True, slots=True)
class Tenant:
    """A user as one platform knows them.

    The same person on Slack and on Discord is two tenants on purpose: nothing links
    their data unless they link it themselves.
    """

    platform: str
    workspace: str
    user: str

    def __post_init__(self) -> None:
        if self.platform not in PLATFORMS:
            raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}")
        for part in (self.workspace, self.user):
            if not part or len(part) > 64:
                raise ValueError("workspace and user ids must be 1 to 64 characters")
