"""The resource accessor for the interface: the same one the domain uses (msc_desk.resources)."""

from __future__ import annotations

from msc_desk.resources import resource_path, resource_root

__all__ = ["resource_path", "resource_root"]
