"""Email drafts for second looks (domain.md §5): which kinds fit a program, and rendering."""

from core.templates.drafts import Draft, render
from core.templates.kinds import KindNotOffered, TemplateKind, offered_kinds

__all__ = ["Draft", "KindNotOffered", "TemplateKind", "offered_kinds", "render"]
