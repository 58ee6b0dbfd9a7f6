"""Run the Great Expectations suites of checks/suites over a package's Parquet tables, in one process.

Parquet, not CSV: nulls in Parquet number and date columns slip past frictionless's `required`, so this
layer must see the Parquet data. Great Expectations is imported once (about 3 s) and runs ephemeral:
no files, no network, no progress bars.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd


@lru_cache(maxsize=1)
def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context, context.data_sources.add_pandas("package")


def run_suites(package_root: Path, resources: list[dict], suites: dict[str, dict]) -> list[tuple[str, list, int]]:
    """[(table, failures, number of expectations)] — each failure names the expectation and failing keys."""
    from great_expectations.core.expectation_suite import ExpectationSuite

    _, source = _context()
    out = []
    for res in resources:
        name = res["name"]
        suite = suites.get(name)
        if suite is None:
            out.append((name, [f"no suite for table {name} in checks/suites"], 0))
            continue
        df = pd.read_parquet(Path(package_root) / res["x-parquet"]["path"])
        asset_name = f"{name}-{len(source.assets)}"
        batch = source.add_dataframe_asset(name=asset_name).add_batch_definition_whole_dataframe("all") \
            .get_batch(batch_parameters={"dataframe": df})
        result = batch.validate(ExpectationSuite(name=name, expectations=[dict(e) for e in suite["expectations"]]),
                                result_format="COMPLETE")
        key = res["schema"]["primaryKey"]
        failures = []
        for r in result.results:
            if r.success:
                continue
            cfg = r.expectation_config
            where = cfg.kwargs.get("column") or cfg.kwargs.get("column_list") or \
                [cfg.kwargs.get("column_A"), cfg.kwargs.get("column_B")]
            if r.exception_info and r.exception_info.get("raised_exception"):
                detail = r.exception_info.get("exception_message", "raised an exception")
            else:
                rows = r.result.get("unexpected_index_list") or []
                keys = ["|".join(str(df.iloc[i][k]) for k in key) for i in rows[:5] if isinstance(i, int)]
                detail = f"{r.result.get('unexpected_count', '?')} row(s)" + (f": {', '.join(keys)}" if keys else "")
            failures.append(f"{name}: {cfg.type} on {where} — {detail}")
        out.append((name, failures, len(suite["expectations"])))
    return out
