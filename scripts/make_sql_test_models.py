#!/usr/bin/python3
"""Builds tiny hand-written ONNX models for tests/sql/ml (exact expected outputs, no PyTorch).

  /usr/bin/python3 scripts/make_sql_test_models.py   # writes tests/data/ml/sql/*.onnx

affine.onnx: x FLOAT [batch, 1] -> y = 2 * x + 1 [batch, 1]  (a scalar-per-row model)
"""
import onnx
from onnx import TensorProto, helper

two = helper.make_tensor("two", TensorProto.FLOAT, [1], [2.0])
one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
graph = helper.make_graph(
    [helper.make_node("Mul", ["x", "two"], ["doubled"]),
     helper.make_node("Add", ["doubled", "one"], ["y"])],
    "affine",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 1])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 1])],
    initializer=[two, one])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, "tests/data/ml/sql/affine.onnx")
