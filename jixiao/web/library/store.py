"""The web library in memory: built once per process from :class:`~.models.LibrarySource` rows, then kept
up to date by reading only the sources and curation changed since (their ``generation``).

Every use goes through :func:`opened`, which refreshes the library and holds a lock while the caller reads
it (a :class:`jixiao.library.Library` caches summaries and ranking indexes as it is asked, so two threads must
not ask at once). Two libraries are held: everything in the library (approved and published targets) for
people signed in, and the published targets alone for the public (the researchers' portal page).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from jixiao.library import Curation, Library
from jixiao.web.library.models import CurationFact, LibraryGeneration, LibrarySource
from jixiao.web.library.sources import entries_of


@dataclass
class _Held:
    library: Library
    generation: int
    rebuilt: int
    token: str


_held: dict[bool, _Held] = {}
_lock = threading.RLock()


def curation_facts() -> list[Curation]:
    return [
        Curation(f.action, f.name, f.other or None, f.text or None)  # type: ignore[arg-type]
        for f in CurationFact.objects.order_by("id")
    ]


def _add(library: Library, source: LibrarySource) -> None:
    for entry, rows in entries_of(source):
        library.add_entry(entry, rows)


def _build(public: bool) -> Library:
    library = Library(curation_facts())
    sources = LibrarySource.objects.order_by("id")
    for source in sources.filter(published=True) if public else sources:
        _add(library, source)
    return library


def _refresh(held: _Held, generation: int, public: bool) -> None:
    library = held.library
    for source in LibrarySource.objects.filter(generation__gt=held.generation).order_by("id"):
        name = source.source_name
        library.remove([k for k, e in library.entries.items() if e.source == name])
        if source.published or not public:
            _add(library, source)
    if CurationFact.objects.filter(generation__gt=held.generation).exists():
        library.set_curation(curation_facts())
    held.generation = generation


def current(public: bool = False) -> Library:
    """The library as the database now holds it; call with the lock held (see :func:`opened`)."""
    state = LibraryGeneration.objects.filter(pk=1).values_list("generation", "rebuilt", "token").first()
    generation, rebuilt, token = state or (0, 0, "")
    held = _held.get(public)
    if held is None or held.token != token or held.rebuilt != rebuilt or held.generation > generation:
        held = _held[public] = _Held(_build(public), generation, rebuilt, token)
    elif held.generation < generation:
        _refresh(held, generation, public)
    return held.library


@contextmanager
def opened(public: bool = False) -> Iterator[Library]:
    """The current library, for the duration of the block (``public``: published targets only)."""
    with _lock:
        yield current(public)


def forget() -> None:
    """Drop the libraries held (after a failed change made to them in place); the next use builds again."""
    with _lock:
        _held.clear()


def public_only(user: object) -> bool:
    """Whether ``user`` reads only the published part of the library (the public, or no role)."""
    from jixiao.web import policy
    from jixiao.web.library.models import WHOLE

    return not policy.can(user, "view", WHOLE)


def standings(user: object, rows: list[tuple[int, str, str, str]]) -> dict[int, str]:
    """For (id, name, typed value, 二级) rows, where each value stands among similar ones (a sentence, or
    nothing when the library cannot say)."""
    from jixiao.web.library.suggest import standing_line

    with opened(public_only(user)) as library:
        found = {pk: standing_line(library, name, raw, level2) for pk, name, raw, level2 in rows}
    return {pk: line for pk, line in found.items() if line}
