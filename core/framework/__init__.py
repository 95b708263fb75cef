"""The decision framework of domain.md §2: which programs deserve a second look."""

from core.framework.config import FrameworkConfig, load_config
from core.framework.plan import max_visits, recommend, recommend_tracked
from core.framework.rules import decide

__all__ = [
    "FrameworkConfig",
    "decide",
    "load_config",
    "max_visits",
    "recommend",
    "recommend_tracked",
]
