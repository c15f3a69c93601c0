"""Qt user interface: thin widgets over the services."""

from msc_desk.ui.source_cache import drop_sources_after_pyside_reads_them

drop_sources_after_pyside_reads_them()
