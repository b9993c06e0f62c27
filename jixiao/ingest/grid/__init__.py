"""Every input format as one cell grid (:mod:`jixiao.ingest.grid.model`), one adapter module per format."""

from jixiao.ingest.grid.model import Cell, GridError, Para, Part, Slot, Table

__all__ = ["Cell", "GridError", "Para", "Part", "Slot", "Table"]
