"""Deployable configuration shipped with the package: rule thresholds, manifests, alembic.ini.

Files here are data, read with :func:`path`; nothing in this folder is code to import.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The absolute path of a file shipped in ``config/``."""
    return HERE / name
