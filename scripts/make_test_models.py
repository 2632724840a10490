#!/usr/bin/python3
"""Builds the small reference ONNX models and PyTorch's expected outputs in tests/data/ml.

Needs Debian's python3-torch, python3-onnx and python3-sklearn. Not run by CI: the generated
files are committed. Everything is seeded, so a rerun on the same package versions reproduces
the same files.

  /usr/bin/python3 scripts/make_test_models.py [output_dir]   # default tests/data/ml
(Debian's interpreter: the python3-* packages are not visible to a pyenv python.)

Models (all exported with torch.onnx.export, opset 13, dynamic batch axis 0):
  mlp.onnx          iris MLP classifier: features FLOAT [batch, 4] -> logits, probabilities [batch, 3]
  cnn.onnx          digits CNN: image FLOAT [batch, 1, 8, 8] -> logits [batch, 10]
  text_encoder.onnx tiny transformer encoder: token_ids INT64 [batch, 8] -> embedding [batch, 16]
  conv_bn.onnx      Conv -> BatchNormalization -> Relu (onnx.helper; checks BN folding):
                    image FLOAT [batch, 2, 5, 5] -> activations [batch, 3, 5, 5]
  unsupported.onnx  a graph with an LSTM node named 'lstm_1' (onnx.helper), for the error test
  opset6.onnx       a Relu model importing opset 6 (unsupported opset)
  double_input.onnx a Relu model with a DOUBLE input (unsupported data type)

Each model M also gets M.cases.bin: for a few batch sizes, the inputs and PyTorch's outputs.
Format (little-endian), read by tests/unit/ml/test_tensor_file.h:
  magic "DQTENSOR" (8 bytes), uint32 tensor_count, then per tensor:
    uint32 name_length, name bytes (UTF-8, e.g. "case0/input/features", "case0/output/logits"),
    uint8 element_type (0 = float32, 1 = int64), uint32 rank, int64 dims[rank],
    the elements, row-major.
"""
import os
import struct
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn
from onnx import TensorProto, helper
from sklearn.datasets import load_digits, load_iris


def write_cases(path, tensors):
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


def export(model, example, path, input_names, output_names, dynamic_axes):
    model.eval()
    torch.onnx.export(model, example, path, opset_version=13, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic_axes,
                      do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def save_cases(model, path, input_name, output_names, batches):
    tensors = []
    with torch.no_grad():
        for index, batch in enumerate(batches):
            outputs = model(batch)
            if not isinstance(outputs, tuple):
                outputs = (outputs,)
            tensors.append((f"case{index}/input/{input_name}", batch.numpy()))
            for name, value in zip(output_names, outputs):
                tensors.append((f"case{index}/output/{name}", value.numpy()))
    write_cases(path, tensors)


class IrisMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Dropout(0.1),
                                    nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 3))

    def forward(self, features):
        logits = self.layers(features)
        return logits, torch.softmax(logits, dim=1)


class DigitsCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, kernel_size=3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
            nn.MaxPool2d(2),                                     # 8x8 -> 4x4
            nn.Conv2d(8, 16, kernel_size=3, padding=1, groups=2), nn.ReLU(),
            nn.AvgPool2d(2))                                     # 4x4 -> 2x2
        self.classifier = nn.Linear(16 * 2 * 2, 10)

    def forward(self, image):
        x = self.features(image)
        return self.classifier(torch.flatten(x, 1))


class TinyTextEncoder(nn.Module):
    """Embedding + one self-attention block with LayerNorm and GELU, mean-pooled."""

    def __init__(self, vocab=50, length=8, width=16, heads=2):
        super().__init__()
        self.heads, self.width = heads, width
        self.token_embedding = nn.Embedding(vocab, width)
        self.position = nn.Parameter(torch.randn(length, width) * 0.1)
        self.query, self.key, self.value = (nn.Linear(width, width) for _ in range(3))
        self.attention_out = nn.Linear(width, width)
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.feed_forward = nn.Sequential(nn.Linear(width, 32), nn.GELU(), nn.Linear(32, width))

    def forward(self, token_ids):
        batch, length = token_ids.shape
        x = self.token_embedding(token_ids) + self.position
        head_width = self.width // self.heads

        def split(t):
            return t.view(batch, length, self.heads, head_width).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-2, -1)) / (head_width ** 0.5)
        attended = torch.matmul(torch.softmax(scores, dim=-1), v)
        attended = attended.transpose(1, 2).reshape(batch, length, self.width)
        x = self.norm1(x + self.attention_out(attended))
        x = self.norm2(x + self.feed_forward(x))
        return x.mean(dim=1)


def train(model, inputs, labels, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        optimizer.zero_grad()
        outputs = model(inputs)
        logits = outputs[0] if isinstance(outputs, tuple) else outputs
        loss_fn(logits, labels).backward()
        optimizer.step()
    model.eval()


def make_mlp(out_dir):
    iris = load_iris()
    features = torch.tensor(iris.data, dtype=torch.float32)
    model = IrisMlp()
    train(model, features, torch.tensor(iris.target), epochs=200)
    export(model, features[:2], os.path.join(out_dir, "mlp.onnx"), ["features"],
           ["logits", "probabilities"],
           {"features": {0: "batch"}, "logits": {0: "batch"}, "probabilities": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "mlp.cases.bin"), "features",
               ["logits", "probabilities"], [features[:1], features[:7], features[40:150]])


def make_cnn(out_dir):
    digits = load_digits()
    images = torch.tensor(digits.images / 16.0, dtype=torch.float32).unsqueeze(1)
    model = DigitsCnn()
    train(model, images[:500], torch.tensor(digits.target[:500]), epochs=30)
    export(model, images[:2], os.path.join(out_dir, "cnn.onnx"), ["image"], ["logits"],
           {"image": {0: "batch"}, "logits": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "cnn.cases.bin"), "image", ["logits"],
               [images[:1], images[100:105], images[1000:1064]])


def make_text_encoder(out_dir):
    model = TinyTextEncoder()
    generator = torch.Generator().manual_seed(7)
    tokens = torch.randint(0, 50, (40, 8), generator=generator, dtype=torch.int64)
    export(model, tokens[:2], os.path.join(out_dir, "text_encoder.onnx"), ["token_ids"],
           ["embedding"], {"token_ids": {0: "batch"}, "embedding": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "text_encoder.cases.bin"), "token_ids",
               ["embedding"], [tokens[:1], tokens[1:4], tokens[4:40]])


def make_unsupported(out_dir):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 5, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [5, 1, "batch", 3])
    rng = np.random.default_rng(0)
    w = helper.make_tensor("w", TensorProto.FLOAT, [1, 12, 4],
                           rng.standard_normal(48).astype(np.float32).ravel().tolist())
    r = helper.make_tensor("r", TensorProto.FLOAT, [1, 12, 3],
                           rng.standard_normal(36).astype(np.float32).ravel().tolist())
    lstm = helper.make_node("LSTM", ["x", "w", "r"], ["y"], name="lstm_1", hidden_size=3)
    graph = helper.make_graph([lstm], "lstm_graph", [x], [y], initializer=[w, r])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "unsupported.onnx"))


def make_conv_bn(out_dir):
    rng = np.random.default_rng(3)
    weight = rng.standard_normal((3, 2, 3, 3)).astype(np.float32)
    bias = rng.standard_normal(3).astype(np.float32)
    gamma = rng.uniform(0.5, 1.5, 3).astype(np.float32)
    beta = rng.standard_normal(3).astype(np.float32)
    mean = rng.standard_normal(3).astype(np.float32)
    variance = rng.uniform(0.5, 2.0, 3).astype(np.float32)
    initializers = [onnx.numpy_helper.from_array(array, name) for array, name in
                    [(weight, "w"), (bias, "b"), (gamma, "gamma"), (beta, "beta"),
                     (mean, "mean"), (variance, "variance")]]
    nodes = [
        helper.make_node("Conv", ["image", "w", "b"], ["conv"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["conv", "gamma", "beta", "mean", "variance"],
                         ["norm"], name="norm", epsilon=1e-3),
        helper.make_node("Relu", ["norm"], ["activations"], name="relu"),
    ]
    graph = helper.make_graph(
        nodes, "conv_bn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 2, 5, 5])],
        [helper.make_tensor_value_info("activations", TensorProto.FLOAT, ["batch", 3, 5, 5])],
        initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "conv_bn.onnx"))

    def reference(image):
        x = torch.nn.functional.conv2d(image, torch.from_numpy(weight), torch.from_numpy(bias),
                                       padding=1)
        x = torch.nn.functional.batch_norm(x, torch.from_numpy(mean), torch.from_numpy(variance),
                                           torch.from_numpy(gamma), torch.from_numpy(beta),
                                           training=False, eps=1e-3)
        return torch.relu(x)

    generator = torch.Generator().manual_seed(5)
    images = torch.randn((9, 2, 5, 5), generator=generator)
    save_cases(reference, os.path.join(out_dir, "conv_bn.cases.bin"), "image", ["activations"],
               [images[:1], images[1:9]])


def make_invalid(out_dir):
    def relu_model(elem_type, opset):
        graph = helper.make_graph(
            [helper.make_node("Relu", ["x"], ["y"], name="relu")], "relu",
            [helper.make_tensor_value_info("x", elem_type, ["batch", 3])],
            [helper.make_tensor_value_info("y", elem_type, ["batch", 3])])
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])

    onnx.save(relu_model(TensorProto.FLOAT, 6), os.path.join(out_dir, "opset6.onnx"))
    onnx.save(relu_model(TensorProto.DOUBLE, 13), os.path.join(out_dir, "double_input.onnx"))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ml")
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    make_mlp(out_dir)
    make_cnn(out_dir)
    make_text_encoder(out_dir)
    make_conv_bn(out_dir)
    make_unsupported(out_dir)
    make_invalid(out_dir)


if __name__ == "__main__":
    main()
