"""Suggestions: which indicators similar projects (or department duties) used, ranked for a new one.

The ranker is lexical and offline. A project is a bag of terms — jieba words of its name (twice), goal and
purpose, character bigrams of its name, its department — and BM25 (k1 = 1.2, b = 0.75) finds the held
projects most like the one being written. Each of the top :data:`NEIGHBOURS` votes for the clusters it used,
weighted by its score relative to the best. A cluster's score adds:

- its *generality*: how many different departments use it, log-scaled to 0–1. It multiplies the neighbours'
  votes (an indicator many departments use travels to a new project; one only its own department uses does
  not) and is a prior of its own (:data:`GENERALITY_WEIGHT`);
- how well the new project's words match the indicator's names directly (:data:`TEXT_WEIGHT`): the cluster's
  names (jieba words and character bigrams) are a BM25 document, asked once with the project's name and once
  with its goal, each score relative to the best; this finds 培训人次 for a 培训 project even when no project of
  the same department is held. It is weighted by the square root of generality, so a one-off name that
  happens to share a word does not crowd out what many departments measure;
- how much of its name appears in the new project's name and goal (rapidfuzz ``partial_ratio``), for a name
  of at least :data:`NAME_MATCH_MIN_LENGTH` characters: a two-character name (项目, 及时 — what a reader
  sometimes takes for an indicator) is inside almost every project's text and would otherwise be suggested
  everywhere;
- a bonus for a cluster a curator marked 共性.

With ``semantic=True`` (the optional extra, :mod:`jixiao.library.semantic`) a cluster also gains
:data:`SEMANTIC_WEIGHT` × the cosine of its name's sentence vector with the project's name and goal, weighted
by the square root of generality as the word match is. It is off by default: measured, it does not earn its
place.

Disabled clusters are never suggested. The weights were set lightly on the three bundled samples only; the
measurement reports the external workbooks apart (``docs/library-evaluation.md``). :func:`popular` is the
baseline the measurement compares with: the most used clusters, whatever the project.

Everything a suggestion shows (the cluster summaries) is computed when the index is built, so a question only
ranks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from jixiao.library.core import Library
from jixiao.library.model import EntryKind, Suggestion
from jixiao.library.text import bigrams, normalise_name, words

K1, B = 1.2, 0.75
NEIGHBOURS = 25
GENERALITY_WEIGHT = 0.5  # the prior: this × generality (departments using the cluster, log-scaled 0–1)
NAME_WEIGHT = 0.35
TEXT_WEIGHT = 0.6  # direct match of the project's name and goal words with the cluster's names
COMMON_BONUS = 0.1
GENERALITY = 3.0  # a neighbour's vote for a cluster grows by this × the cluster's generality (generic indicators travel)
_TEXT_CANDIDATES = 200  # clusters proposed by the direct name match
NAME_MATCH_FLOOR = 60  # partial_ratio below this counts as no match
NAME_MATCH_MIN_LENGTH = 3  # shorter names are inside almost any text: no name match for them
SEMANTIC_WEIGHT = 0.6
_SEMANTIC_QUERY_LENGTH = 300  # characters of name and goal given to the encoder
_NAME_CANDIDATE_LIMIT = 2000  # a name bigram shared by more clusters than this proposes none of them


@lru_cache(maxsize=1 << 16)
def _terms(name: str, text: str, department: str | None, category: str | None) -> tuple[str, ...]:
    out = list(words(name)) * 2 + [f"2:{g}" for g in bigrams(name)] + list(words(text))
    if department:
        out += [f"d:{normalise_name(department)}", *words(department)]
    if category:
        out.append(f"c:{normalise_name(category)}")
    return tuple(out)


@dataclass
class _Index:
    version: int
    documents: int  # distinct descriptions (entries described alike are one)
    vocabulary: dict[str, int]
    starts: np.ndarray  # term → slice of postings
    postings: np.ndarray  # entry indices
    weights: np.ndarray  # BM25 weight of the term in that entry (idf included)
    cluster_starts: np.ndarray  # document → slice of entry_clusters and entry_shares
    entry_clusters: np.ndarray
    entry_shares: np.ndarray  # share of the document's entries using the cluster
    clusters: list[str]
    popularity: np.ndarray  # log-scaled share of entries using each cluster, 0–1
    generality: np.ndarray  # log-scaled number of departments using each cluster, 0–1
    name_vocabulary: dict[str, int]  # the clusters' names as BM25 documents: term → slice of name postings
    name_starts: np.ndarray
    name_postings: np.ndarray  # cluster indices
    name_weights: np.ndarray
    usable: np.ndarray  # not disabled
    common: np.ndarray  # marked 共性
    display: list[str]  # canonical display names for name matching
    name_index: dict[str, list[int]]  # name bigram → clusters whose name has it


def _build(library: Library, kind: EntryKind) -> _Index:
    entries = [e for e in library.entries.values() if e.kind == kind]
    clusters = sorted({c for e in entries for c in library.entry_clusters(e.key)})
    cluster_id = {c: i for i, c in enumerate(clusters)}
    # Entries described alike (same name, text, department and category) are one document: one neighbour
    # whose vote for a cluster is the share of those entries using it.
    documents: dict[tuple[str, ...], int] = {}
    shares: list[dict[int, float]] = []
    sizes: list[int] = []
    used = np.zeros(len(clusters), dtype=np.float64)
    departments: list[set[str]] = [set() for _ in clusters]
    for entry in entries:
        terms = _terms(entry.name, entry.text, entry.department, entry.category)
        d = documents.setdefault(terms, len(documents))
        if d == len(shares):
            shares.append({})
            sizes.append(0)
        sizes[d] += 1
        for c in library.entry_clusters(entry.key):
            shares[d][cluster_id[c]] = shares[d].get(cluster_id[c], 0.0) + 1.0
            used[cluster_id[c]] += 1
            if entry.department:
                departments[cluster_id[c]].add(entry.department)
    vocabulary, starts, postings, weights = _bm25(list(documents))
    cluster_lists = [sorted((c, n / sizes[d]) for c, n in shares[d].items()) for d in range(len(shares))]
    cluster_starts = np.zeros(len(cluster_lists) + 1, dtype=np.int64)
    cluster_starts[1:] = np.cumsum([len(c) for c in cluster_lists])
    entry_clusters = np.fromiter(
        (c for cl in cluster_lists for c, _ in cl), dtype=np.int32, count=int(cluster_starts[-1])
    )
    entry_shares = np.fromiter(
        (w for cl in cluster_lists for _, w in cl), dtype=np.float32, count=int(cluster_starts[-1])
    )
    popularity = _log_scaled(used)
    generality = _log_scaled(np.array([len(d) for d in departments], dtype=np.float64))
    name_vocabulary, name_starts, name_postings, name_weights = _bm25(
        [_name_terms(library.members(c)) for c in clusters]
    )
    labels = [library.label(c) for c in clusters]
    display = [name for name, _, _ in labels]
    name_sets: dict[str, list[int]] = {}
    for i, text in enumerate(display):
        for g in set(bigrams(text)):
            name_sets.setdefault(g, []).append(i)
    return _Index(
        library.version,
        len(documents),
        vocabulary,
        starts,
        postings,
        weights,
        cluster_starts,
        entry_clusters,
        entry_shares,
        clusters,
        popularity,
        generality,
        name_vocabulary,
        name_starts,
        name_postings,
        name_weights,
        np.array([not disabled for _, disabled, _ in labels], dtype=bool),
        np.array([common for _, _, common in labels], dtype=bool),
        display,
        {g: v for g, v in name_sets.items() if len(v) <= _NAME_CANDIDATE_LIMIT},
    )


def _log_scaled(counts: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.log1p(counts) / math.log1p(max(float(counts.max()) if len(counts) else 1.0, 1.0))
    return out


def _name_terms(names: Iterable[str]) -> tuple[str, ...]:
    """A cluster's names as one bag of terms: the jieba words and character bigrams of each name."""
    out: list[str] = []
    for name in names:
        out += words(name)
        out += [f"2:{g}" for g in bigrams(name)]
    return tuple(out)


def _bm25(documents: list[tuple[str, ...]]) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """BM25 postings of bags of terms: the vocabulary, each term's slice, the documents and the weights."""
    vocabulary: dict[str, int] = {}
    by_term: list[list[tuple[int, int]]] = []
    lengths = np.zeros(len(documents), dtype=np.float64)
    for i, terms in enumerate(documents):
        lengths[i] = len(terms)
        counts: dict[str, int] = {}
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
        for t, n in counts.items():
            tid = vocabulary.setdefault(t, len(vocabulary))
            if tid == len(by_term):
                by_term.append([])
            by_term[tid].append((i, n))
    avg = max(float(lengths.mean()), 1.0) if len(documents) else 1.0
    starts = np.zeros(len(by_term) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(p) for p in by_term])
    postings = np.fromiter((i for p in by_term for i, _ in p), dtype=np.int32, count=int(starts[-1]))
    tf = np.fromiter((n for p in by_term for _, n in p), dtype=np.float64, count=int(starts[-1]))
    df = np.diff(starts).astype(np.float64)
    idf = np.log(1 + (len(documents) - df + 0.5) / (df + 0.5))
    term_of = np.repeat(np.arange(len(by_term)), np.diff(starts))
    norm = K1 * (1 - B + B * lengths[postings] / avg) if len(postings) else np.zeros(0)
    weights = (idf[term_of] * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
    return vocabulary, starts, postings, weights


def _bm25_scores(
    vocabulary: dict[str, int],
    starts: np.ndarray,
    postings: np.ndarray,
    weights: np.ndarray,
    size: int,
    terms: Iterable[str],
) -> np.ndarray:
    scores = np.zeros(size, dtype=np.float32)
    for t in set(terms):
        tid = vocabulary.get(t)
        if tid is not None:
            a, b = starts[tid], starts[tid + 1]
            scores[postings[a:b]] += weights[a:b]
    return scores


def index(library: Library, kind: EntryKind = "project") -> _Index:
    """The ranking index of a library's projects (or department duties), built once per library version,
    with the summary of every cluster it can suggest (so that no question waits for one)."""
    found = library.cache.get(f"index:{kind}")
    if found is None or found.version != library.version:
        found = _build(library, kind)
        for key in found.clusters:
            library.cluster(key)
        library.cache[f"index:{kind}"] = found
    return found


def _neighbour_votes(ix: _Index, terms: Iterable[str]) -> dict[int, float]:
    scores = _bm25_scores(ix.vocabulary, ix.starts, ix.postings, ix.weights, ix.documents, terms)
    k = min(NEIGHBOURS, int(np.count_nonzero(scores)))
    if k == 0:
        return {}
    top = np.argpartition(-scores, k - 1)[:k]
    best = float(scores[top].max())
    votes: dict[int, float] = {}
    total = 0.0
    for e in top:
        w = float(scores[e]) / best
        total += w
        a, b = ix.cluster_starts[e], ix.cluster_starts[e + 1]
        for c, share in zip(ix.entry_clusters[a:b].tolist(), ix.entry_shares[a:b].tolist(), strict=True):
            votes[c] = votes.get(c, 0.0) + w * share
    return {c: v / total for c, v in votes.items()}


def _relative(scores: np.ndarray) -> np.ndarray:
    best = float(scores.max()) if len(scores) else 0.0
    return scores / best if best > 0 else scores


def _text_match(ix: _Index, name: str, text: str) -> np.ndarray:
    """How well the project's name, and its goal, match each cluster's names (each relative to the best, the
    mean of the two, 0–1)."""
    n = len(ix.clusters)
    ask = (ix.name_vocabulary, ix.name_starts, ix.name_postings, ix.name_weights, n)
    by_name = _bm25_scores(*ask, (*words(name), *(f"2:{g}" for g in bigrams(name))))
    by_text = _bm25_scores(*ask, words(text))
    out: np.ndarray = (_relative(by_name) + _relative(by_text)) / 2
    return out


def _semantic_match(library: Library, ix: _Index, kind: EntryKind, name: str, text: str) -> np.ndarray:
    """The cosine of each cluster's display name with the project's name and goal (0 when negative), by
    sentence vectors of the semantic extra; the clusters' vectors are kept per library version."""
    from jixiao.library.semantic import encoder

    model = encoder()
    found = library.cache.get(f"semantic:{kind}")
    if found is None or found[0] != ix.version:
        found = (ix.version, model.encode(ix.display))
        library.cache[f"semantic:{kind}"] = found
    query = model.encode([(name + "。" + text)[:_SEMANTIC_QUERY_LENGTH]])[0]
    out: np.ndarray = np.maximum(found[1] @ query, 0.0)
    return out


def _rank(
    library: Library,
    ix: _Index,
    kind: EntryKind,
    name: str,
    text: str,
    terms: tuple[str, ...],
    top: int,
    semantic: bool,
) -> list[Suggestion]:
    votes = _neighbour_votes(ix, terms)
    match = _text_match(ix, name, text) * np.sqrt(ix.generality)
    if semantic:
        match = match + SEMANTIC_WEIGHT / TEXT_WEIGHT * _semantic_match(
            library, ix, kind, name, text
        ) * np.sqrt(ix.generality)
    candidates = set(votes)
    candidates.update(int(i) for i in np.argsort(-ix.generality, kind="stable")[:100])
    matched = np.flatnonzero(match)
    if len(matched) > _TEXT_CANDIDATES:
        matched = matched[np.argpartition(-match[matched], _TEXT_CANDIDATES - 1)[:_TEXT_CANDIDATES]]
    candidates.update(matched.tolist())
    query = normalise_name(name)
    for g in set(bigrams(name)):
        found = ix.name_index.get(g)
        if found is not None:
            candidates.update(found)
    context = query + normalise_name(text)
    scored = []
    for c in candidates:
        if not ix.usable[c]:
            continue
        long_enough = len(ix.display[c]) >= NAME_MATCH_MIN_LENGTH
        ratio = fuzz.partial_ratio(ix.display[c], context) if context and long_enough else 0.0
        name_score = (
            (ratio - NAME_MATCH_FLOOR) / (100 - NAME_MATCH_FLOOR) if ratio > NAME_MATCH_FLOOR else 0.0
        )
        generality = float(ix.generality[c])
        score = (
            votes.get(c, 0.0) * (1 + GENERALITY * generality)
            + GENERALITY_WEIGHT * generality
            + NAME_WEIGHT * name_score
            + TEXT_WEIGHT * float(match[c])
            + (COMMON_BONUS if ix.common[c] else 0.0)
        )
        scored.append((-score, ix.clusters[c], score))
    scored.sort()
    return [_suggestion(library, key, score) for _, key, score in scored[:top]]


def _suggestion(library: Library, key: str, score: float) -> Suggestion:
    c = library.cluster(key)
    return Suggestion(key, c.level1, c.level2, c.name, c.typical_value, c.support, score)


def suggest(
    library: Library,
    name: str,
    *,
    goal: str = "",
    department: str | None = None,
    category: str | None = None,
    top: int = 10,
    semantic: bool = False,
) -> list[Suggestion]:
    """Indicators for a project from its name, goal or purpose text, department and category, best first
    (``semantic``: add the optional extra's sentence-vector match; it raises
    :class:`~jixiao.library.semantic.SemanticUnavailable` when the extra is not installed)."""
    ix = index(library, "project")
    return _rank(library, ix, "project", name, goal, _terms(name, goal, department, category), top, semantic)


def suggest_for_department(
    library: Library, duties: str, *, department: str | None = None, top: int = 10, semantic: bool = False
) -> list[Suggestion]:
    """Annual indicators for a department's duty (部门职责: area, wording and goal as one text), best first."""
    ix = index(library, "department")
    return _rank(library, ix, "department", duties, "", _terms(duties, "", department, None), top, semantic)


def by_level2(suggestions: Iterable[Suggestion]) -> dict[str, list[Suggestion]]:
    """Suggestions grouped per 二级指标 (in the order each 二级 first appears), each group best first."""
    out: dict[str, list[Suggestion]] = {}
    for s in suggestions:
        out.setdefault(s.level2 or "部门年度指标", []).append(s)
    return out


def popular(library: Library, *, top: int = 10, kind: EntryKind = "project") -> list[Suggestion]:
    """The popularity baseline: the clusters most projects use, the same for every project."""
    ix = index(library, kind)
    order = sorted(
        (i for i in range(len(ix.clusters)) if ix.usable[i]),
        key=lambda i: (-ix.popularity[i], ix.clusters[i]),
    )
    return [_suggestion(library, ix.clusters[i], float(ix.popularity[i])) for i in order[:top]]
