"""Writes the DQTENSOR files of test cases next to the reference models in tests/data/ml
(read by tests/unit/ml/test_tensor_file.h); shared by scripts/make_test_models.py and
scripts/make_classical_models.py.

Format (little-endian): magic "DQTENSOR" (8 bytes), uint32 tensor_count, then per tensor:
  uint32 name_length, name bytes (UTF-8, e.g. "case0/input/features", "case0/output/logits"),
  uint8 element_type (0 = float32, 1 = int64), uint32 rank, int64 dims[rank],
  the elements, row-major.
"""
import struct

import numpy as np


def write_cases(path, tensors):
    """tensors: (name, numpy array of float32 or int64) pairs, written in order."""
    with open(path, "wb") as out:
        out.write(b"DQTENSOR")
        out.write(struct.pack("<I", len(tensors)))
        for name, array in tensors:
            array = np.ascontiguousarray(array)
            if array.dtype == np.float32:
                element_type = 0
            elif array.dtype == np.int64:
                element_type = 1
            else:
                raise ValueError(f"unsupported dtype {array.dtype} for {name}")
            encoded = name.encode("utf-8")
            out.write(struct.pack("<I", len(encoded)))
            out.write(encoded)
            out.write(struct.pack("<BI", element_type, array.ndim))
            out.write(struct.pack(f"<{array.ndim}q", *array.shape))
            out.write(array.astype(array.dtype.newbyteorder("<")).tobytes())
