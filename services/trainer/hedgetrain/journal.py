"""The engine's decision journal, as exported by ``hedge journal export --out FILE.csv``, for offline analysis.

The CSV has one row per decision id (the engine's re-executed copies already folded to the last one; ``copies``
says how many were journaled), fixed columns (``decision_id``, ``book``, ``symbol``, ``event_micros``,
``reason``, ``policy_version``, ``model_sha256``, ``scale``, ``option_delta``, latencies, ...), then one column per
name: ``feature.<name>`` (float64 model input), ``output.<instrument>`` (raw float32 model output),
``target.<instrument>`` (target holdings, units) and ``order.<instrument>`` (signed units sent). A cell is empty
(NaN here) where a decision has no such value: KILL and EXPIRY decisions, analytic policies and features that
could not be built carry no features or outputs.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXED_COLUMNS = ("decision_id", "book", "symbol", "event_micros", "append_micros", "reason", "detail",
                 "policy_version", "order_policy_version", "model_sha256", "model_path", "scale", "option_delta",
                 "max_position", "batch_size", "feature_nanos", "inference_nanos", "copies", "order_ids")
FEATURE_PREFIX = "feature."
OUTPUT_PREFIX = "output."
REASONS = ("POLICY", "FALLBACK", "KILL", "EXPIRY")

_TEXT_COLUMNS = ("decision_id", "book", "symbol", "detail", "policy_version", "order_policy_version",
                 "model_sha256", "model_path", "order_ids")
_INT_COLUMNS = ("event_micros", "append_micros", "batch_size", "feature_nanos", "inference_nanos", "copies")


def load_journal_csv(path: str | Path) -> pd.DataFrame:
    """Reads an exported journal into a DataFrame, one row per decision, features as ``feature.<name>`` columns.

    Text columns stay strings (empty, not NaN, when absent), counters and times are int64, every number else
    float64 (outputs hold the exact float32 values the model gave); ``reason`` is a categorical of POLICY/FALLBACK/KILL/EXPIRY;
    ``event_time`` (UTC) is added from ``event_micros``. Should a file hold a decision id twice (concatenated
    exports), the last row is kept, as the engine's own readers do.

    Shape:
        returns (N, C): N decisions, C = the fixed columns + event_time + one per feature/output/target/order name.

    Raises:
        ValueError: when the file lacks a fixed column or names an unknown reason.
    """
    # round_trip: the engine writes each float64 in its shortest exact text; pandas' default parser can be 1 ulp off.
    frame = pd.read_csv(path, dtype={name: str for name in _TEXT_COLUMNS}, keep_default_na=False,
                        float_precision="round_trip",
                        na_values={name: [""] for name in _numeric_columns(path)})
    missing = [name for name in FIXED_COLUMNS if name not in frame.columns]
    if missing:
        raise ValueError(f"{path} is not a journal export: missing columns {missing}")
    unknown = sorted(set(frame["reason"]) - set(REASONS))
    if unknown:
        raise ValueError(f"{path} has unknown decision reasons {unknown} (known: {list(REASONS)})")
    for name in _INT_COLUMNS:
        frame[name] = frame[name].astype(np.int64)
    numeric = [c for c in frame.columns if c not in _TEXT_COLUMNS and c not in _INT_COLUMNS and c != "reason"]
    frame[numeric] = frame[numeric].astype(np.float64)
    # Outputs are written as the shortest text of a float32: round to float32 first, so the values are exact.
    outputs = [c for c in frame.columns if c.startswith(OUTPUT_PREFIX)]
    frame[outputs] = frame[outputs].astype(np.float32).astype(np.float64)
    frame["reason"] = pd.Categorical(frame["reason"], categories=list(REASONS))
    frame["event_time"] = pd.to_datetime(frame["event_micros"], unit="us", utc=True)
    return frame.drop_duplicates("decision_id", keep="last").reset_index(drop=True)


def feature_names(frame: pd.DataFrame) -> list[str]:
    """The feature names of a loaded journal, in column order (the models' input order)."""
    return [c[len(FEATURE_PREFIX):] for c in frame.columns if c.startswith(FEATURE_PREFIX)]


def model_decisions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """The decisions a model was run for: their features, raw outputs and rows.

    Shape:
        features: (M, F) float64, outputs: (M, K) float64 (float32 values), rows: (M, C); M = decisions with every
        output present.
    """
    outputs = [c for c in frame.columns if c.startswith(OUTPUT_PREFIX)]
    rows = frame[frame[outputs].notna().all(axis=1)] if outputs else frame.iloc[0:0]
    features = rows[[FEATURE_PREFIX + name for name in feature_names(frame)]].to_numpy(np.float64)  # (M, F)
    return features, rows[outputs].to_numpy(np.float64), rows  # (M, K)


def _numeric_columns(path: str | Path) -> list[str]:
    header = pd.read_csv(path, nrows=0).columns
    return [name for name in header if name not in _TEXT_COLUMNS]
