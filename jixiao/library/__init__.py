"""The indicator library (指标库): every stored target, clustered by equivalent name, with typical values.

Pure Python (no Django, no web): build a :class:`Library` from :class:`~jixiao.domain.Document` objects
(incrementally), curate it with :class:`Curation` facts kept apart from the data, save and load it
(:func:`save`, :func:`load`), ask for suggestions (:func:`suggest`, :func:`suggest_for_department`, the
baseline :func:`popular`) and compare a value with similar ones (:meth:`Library.standing`, which answers the
review's :class:`~jixiao.domain.reference.ValueReference`).
"""

from jixiao.library.cluster import NameFacts, cluster_block, compatible
from jixiao.library.core import Library, region_of
from jixiao.library.model import COMMON, SPECIFIC, Cluster, Curation, Entry, Row, Suggestion
from jixiao.library.ranker import by_level2, popular, suggest, suggest_for_department
from jixiao.library.stats import Distribution, distribution, percentile_rank, quantile, robust_z
from jixiao.library.store import SCHEMA, LibraryFileError, from_data, load, save, to_data
from jixiao.library.text import canonical_name, measure_class, normalise_name

__all__ = [
    "COMMON",
    "SCHEMA",
    "SPECIFIC",
    "Cluster",
    "Curation",
    "Distribution",
    "Entry",
    "Library",
    "LibraryFileError",
    "NameFacts",
    "Row",
    "Suggestion",
    "by_level2",
    "canonical_name",
    "cluster_block",
    "compatible",
    "distribution",
    "from_data",
    "load",
    "measure_class",
    "normalise_name",
    "percentile_rank",
    "popular",
    "quantile",
    "region_of",
    "robust_z",
    "save",
    "suggest",
    "suggest_for_department",
    "to_data",
]
