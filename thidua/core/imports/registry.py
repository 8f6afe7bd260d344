"""The registry of import kinds. Kinds live with the app that owns their data (``<app>/xlsx.py``) and register
themselves when imported; the modules listed in ``settings.THIDUA_IMPORT_KINDS`` are imported on first use, so core
depends on no domain app."""

from __future__ import annotations

import threading
from importlib import import_module
from typing import Any

from django.conf import settings

from thidua.core.exceptions import NotFound
from thidua.core.imports.base import ImportKind

_kinds: dict[str, ImportKind[Any]] = {}
_loaded = False
_lock = threading.Lock()


def import_kind_register(kind: ImportKind[Any]) -> None:
    if kind.code in _kinds and type(_kinds[kind.code]) is not type(kind):
        raise LookupError(f"Import kind {kind.code!r} is registered twice.")
    _kinds[kind.code] = kind


def _load() -> None:
    global _loaded
    if _loaded:
        return
    with _lock:
        for module in settings.THIDUA_IMPORT_KINDS:
            import_module(module)
        _loaded = True


def import_kind_get(code: str) -> ImportKind[Any]:
    """The kind registered under ``code``; NotFound for an unknown one (it is a URL segment)."""
    _load()
    try:
        return _kinds[code]
    except KeyError:
        raise NotFound() from None


def import_kind_list() -> list[ImportKind[Any]]:
    _load()
    return list(_kinds.values())
