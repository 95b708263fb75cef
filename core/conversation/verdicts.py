"""Verdicts for stored programs, always judged against the user's whole plan."""

from __future__ import annotations

from dataclasses import dataclass

from core.conversation.services import Services
from core.conversation.views import needs_scores_text, verdict_reply
from core.framework import max_visits, recommend_tracked
from core.identity import Tenant
from core.incoming import Incoming
from core.models import ApplicantProfile, Program, Recommendation
from core.replies import Reply


@dataclass(frozen=True)
class PlanView:
    programs: list[Program]
    profile: ApplicantProfile
    recommendations: dict[str, Recommendation]
    budget: int


async def current_plan(services: Services, tenant: Tenant) -> PlanView:
    programs = await services.programs.list_programs(tenant)
    profile = await services.programs.get_profile(tenant)
    recs = recommend_tracked(programs, profile, services.framework)
    return PlanView(programs, profile, recs, max_visits(profile, services.framework))


async def verdict_for(
    services: Services, incoming: Incoming, program: Program, intro: str | None = None
) -> Reply:
    """The verdict for ``program`` (budget included), or what it still needs for one."""
    plan = await current_plan(services, incoming.tenant)
    rec = plan.recommendations.get(program.name)
    if rec is None:
        text = f"Saved {program.name}. {needs_scores_text(program)}"
        return Reply(text=f"{intro}\n{text}" if intro else text)
    return verdict_reply(program, rec, intro)
