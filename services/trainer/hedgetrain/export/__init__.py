"""ONNX export with the metadata contract, a NumPy reference evaluator, parity vectors."""
from .onnx_export import OPSET, export_onnx, max_abs_difference, read_metadata, sha256_of
from .onnx_numpy import run_onnx
from .parity import random_snapshots, write_parity

__all__ = ["export_onnx", "read_metadata", "sha256_of", "max_abs_difference", "run_onnx", "write_parity",
           "random_snapshots", "OPSET"]
