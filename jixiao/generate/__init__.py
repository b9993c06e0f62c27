"""A generator of whole budget years (regions → departments → projects → indicators, department targets,
monitoring and self-evaluation actuals) for measuring jixiao at province and national scale (issue 18 §1).

The distributions come from the real documents jixiao holds, learned once by ``python -m jixiao.generate.learn``
into ``stats.json`` beside this file (indicator names, short values, department kinds, counts and amounts;
no document text). :func:`generate_year` samples them deterministically by seed, one region at a time, so a
million projects never sit in memory together.
"""

from jixiao.generate.stats import Stats, load_stats
from jixiao.generate.year import Region, generate_year, plan_regions

__all__ = ["Region", "Stats", "generate_year", "load_stats", "plan_regions"]
