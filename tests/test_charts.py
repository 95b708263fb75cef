"""`plan chart`: PNG pictures of the plan, and the terminal saving them."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.image

from adapters.terminal.chat import TerminalChat
from core.identity import Tenant
from core.incoming import Incoming
from core.replies import Reply
from tests.test_conversation import ALICE, Chat, chat, clock

__all__ = ["chat", "clock"]  # fixtures used by name below

PNG = b"\x89PNG\r\n\x1a\n"


async def _plan_chart(chat: Chat, tenant: Tenant = ALICE) -> Reply:
    [reply] = await chat.assistant.handle(Incoming(tenant, "D1", text="plan chart", direct=True))
    return reply


async def _scored(chat: Chat) -> None:
    for line in (
        "score Rush 3 3 1",
        "set Rush goals rank_order",
        "score Mayo 3 3 3",  # the same scores as Rush: fanned out, not hidden
        "set Mayo goals training",
        "score Quiet 0 1 0",
        "set Rush visit 2027-02-09",
        "status Rush scheduled",
    ):
        await chat.assistant.handle(Incoming(ALICE, "D1", text=line, direct=True, command=True))


async def test_plan_chart_attaches_a_matrix_and_a_timeline(chat: Chat) -> None:
    await _scored(chat)
    reply = await _plan_chart(chat)
    assert "Rush" in reply.plain()  # the plan itself, as with plan
    names = [f.name for f in reply.files]
    assert names == ["priority-matrix.png", "visit-timeline.png"]
    for file in reply.files:
        assert file.mime == "image/png" and file.data.startswith(PNG)
        pixels = matplotlib.image.imread(io.BytesIO(file.data), format="png")
        assert pixels.shape[0] > 150 and pixels.shape[1] > 400
        assert pixels[..., :3].std() > 0.05  # something is drawn, not a blank canvas


async def test_plan_chart_without_scores_or_dates_draws_nothing(chat: Chat) -> None:
    await chat.assistant.handle(Incoming(ALICE, "D1", text="add Quiet", direct=True))
    reply = await _plan_chart(chat)
    assert reply.files == []
    plain = await chat.assistant.handle(Incoming(ALICE, "D1", text="plan", direct=True))
    assert plain[0].files == []


async def test_the_terminal_saves_the_pictures_and_prints_their_paths(
    chat: Chat, tmp_path: Path
) -> None:
    await _scored(chat)
    out = io.StringIO()
    terminal = TerminalChat(chat.assistant, ALICE, tmp_path, io.StringIO(), out, False)
    lines = iter(["plan chart", "quit"])
    await terminal.run(lambda: next(lines))
    saved = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in saved] == ["priority-matrix.png", "visit-timeline.png"]
    assert all(str(path) in out.getvalue() for path in saved)
    assert all(path.read_bytes().startswith(PNG) for path in saved)
