#!/usr/bin/python3
"""Builds the small reference ONNX models and PyTorch's expected outputs in tests/data/ml.

Needs Debian's python3-torch, python3-onnx and python3-sklearn. Not run by CI: the generated
files are committed. Everything is seeded, so a rerun on the same package versions reproduces
the same files.

  /usr/bin/python3 scripts/make_test_models.py [output_dir] [model ...]
  output_dir defaults to tests/data/ml; naming models (e.g. lstm_forecaster unsupported)
  regenerates only those, leaving the other committed files untouched.
  /usr/bin/python3 scripts/make_test_models.py --forecaster-sql-rows   # see tests/sql/ml
  /usr/bin/python3 scripts/make_test_models.py --sensor-sql-rows       # see tests/sql/ml
  /usr/bin/python3 scripts/make_test_models.py --text-classifier-sql-rows
  /usr/bin/python3 scripts/make_test_models.py --autoencoder-sql-rows
(Debian's interpreter: the python3-* packages are not visible to a pyenv python.)

Models (all exported with torch.onnx.export, opset 13, dynamic batch axis 0):
  mlp.onnx          iris MLP classifier: features FLOAT [batch, 4] -> logits, probabilities [batch, 3]
  cnn.onnx          digits CNN: image FLOAT [batch, 1, 8, 8] -> logits [batch, 10]
  text_encoder.onnx tiny transformer encoder: token_ids INT64 [batch, 8] -> embedding [batch, 16]
  mobilenet.onnx    MobileNetV2/V3-style blocks (untrained, seeded, batch-norm statistics
                    randomized): a 3x3/2 stem with hardswish, an inverted residual block
                    (1x1 expand, ReLU6, 3x3 depthwise, squeeze-and-excitation with
                    hardsigmoid, 1x1 project, residual add), a strided depthwise block, global
                    average pooling and a linear head: image FLOAT [batch, 3, 16, 16] ->
                    logits [batch, 5]
  text_classifier.onnx  a transformer text classifier with an attention mask (untrained,
                    seeded): token and position embeddings (positions from Range), one
                    self-attention block whose padding is masked (masked_fill: Equal -> Where),
                    GELU feed-forward, LayerNorms, masked mean pooling (Clip on the counts), a
                    linear head and argmax: token_ids INT64 [batch, 12], attention_mask INT64
                    [batch, 12] -> logits FLOAT [batch, 3], label INT64 [batch]
  sensor_autoencoder.onnx  a 1-D convolutional autoencoder trained to reconstruct normal
                    3-channel sensor windows (sines; seeded): Conv1d encoder (stride 2 twice),
                    ConvTranspose1d decoder (one with output_padding): readings FLOAT
                    [batch, 3, 64] -> reconstruction [batch, 3, 64]; the reconstruction error
                    is the anomaly score
  image_decoder.onnx  normalization layers of image generators and U-Nets (untrained, seeded):
                    Conv2d, GroupNorm (exported as InstanceNormalization between Reshapes),
                    SiLU, ConvTranspose2d (stride 2), InstanceNorm2d with affine parameters,
                    Sigmoid: image FLOAT [batch, 3, 8, 8] -> decoded [batch, 4, 16, 16]
  upsampler.onnx    F.interpolate as exported to Resize (no weights): image FLOAT
                    [batch, 2, 3, 5] -> nearest x2 [batch, 2, 6, 10], bilinear to (5, 7)
                    [batch, 2, 5, 7], bilinear x2 with align_corners [batch, 2, 6, 10],
                    nearest to (4, 8) [batch, 2, 4, 8]
  sensor_cnn.onnx   1-D CNN over 3-axis sensor windows (untrained, seeded, batch-norm
                    statistics randomized): Conv1d + BatchNorm + ReLU, MaxPool1d, a dilated
                    Conv1d, AvgPool1d, a strided Conv1d, global average pooling, a linear head:
                    readings FLOAT [batch, 3, 64] -> scores [batch, 2]
  opset18_ops.onnx  operators as opset 18 defines them (onnx.helper; expected outputs from
                    numpy references of the ONNX spec): ReduceMean and ReduceMax with axes as an
                    input, GroupNormalization (per-group scale and bias), Mish, Split with
                    num_outputs, Resize with the axes attribute: x FLOAT [batch, 4, 6] ->
                    group_norm [batch, 4, 6], first [batch, 4, 2], peak [batch, 4], wide
                    [batch, 4, 12]
  local_functions.onnx  model-local functions (onnx.helper.make_function, opset 17):
                    local.ScaledRelu(x; scale) = Relu(x * scale) and local.TwoStep(x; scale) =
                    ScaledRelu(x; scale) + x, which calls the first: x FLOAT [batch, 3] ->
                    once = ScaledRelu(x; 2), twice = TwoStep(once; 0.5) (numpy reference)
  index_ops.onnx    torch.cumsum, torch.gather, a causal torch.triu mask and F.one_hot
                    (opset 14: CumSum, GatherElements, Trilu, OneHot): values FLOAT
                    [batch, 5], picks INT64 [batch, 3] -> running [batch, 5], picked
                    [batch, 3], causal [batch, 5, 5], chosen [batch, 5]
  opset20_gelu.onnx Gelu (opset 20), exact and tanh-approximated: x FLOAT [batch, 5] ->
                    exact [batch, 5], approximate [batch, 5]
  conv_bn.onnx      Conv -> BatchNormalization -> Relu (onnx.helper; checks BN folding):
                    image FLOAT [batch, 2, 5, 5] -> activations [batch, 3, 5, 5]
  lstm_forecaster.onnx  2-layer LSTM (hidden 16, batch_first) + Linear head, trained to
                    predict the next reading of a sensor series: readings FLOAT
                    [batch, 24, 1] -> forecast [batch, 1] (the head reads the last layer's Y_h)
  rnn_encoder.onnx  a 2-layer bidirectional GRU and a bidirectional LSTM (not batch_first) over
                    the same input (untrained): sequence FLOAT [batch, 10, 3] ->
                    gru_sequence [batch, 10, 16] (Y), gru_state [batch, 32] (Y_h),
                    lstm_state [batch, 24] (Y_h and Y_c)
  rnn_reference.onnx an LSTM with peepholes, bias and initial states, and a GRU with
                    linear_before_reset = 0 (onnx.helper; paths PyTorch does not export), on one
                    input: x FLOAT [3, 2, 2] -> lstm_y [3, 1, 2, 3], gru_y [3, 1, 2, 3]; its
                    expected outputs come from ONNX's own numpy reference (the LSTM_Helper and
                    GRU_Helper classes of onnx.backend.test.case.node), not from PyTorch
  unsupported.onnx  a graph with a Det node named 'det_1' (onnx.helper), for the error test
  opset6.onnx       a Relu model importing opset 6 (unsupported opset); opset21.onnx the same
                    at opset 21; opset18_redefined.onnx two nodes writing one tensor;
                    recursive_function.onnx a model-local function calling itself
  double_input.onnx a Relu model with a DOUBLE input (unsupported data type)

Each model M also gets M.cases.bin: for a few batch sizes, the inputs and PyTorch's outputs,
in the DQTENSOR format of scripts/tensor_cases.py.
"""
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn
from onnx import TensorProto, helper
from sklearn.datasets import load_digits, load_iris

from tensor_cases import write_cases


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


class SqueezeExcite(nn.Module):
    def __init__(self, channels, squeezed):
        super().__init__()
        self.reduce = nn.Conv2d(channels, squeezed, 1)
        self.expand = nn.Conv2d(squeezed, channels, 1)

    def forward(self, x):
        scale = nn.functional.adaptive_avg_pool2d(x, 1)
        scale = nn.functional.hardsigmoid(self.expand(torch.relu(self.reduce(scale))))
        return x * scale


class InvertedResidual(nn.Module):
    def __init__(self, channels, expanded, stride, outputs):
        super().__init__()
        self.residual = stride == 1 and channels == outputs
        self.layers = nn.Sequential(
            nn.Conv2d(channels, expanded, 1, bias=False), nn.BatchNorm2d(expanded), nn.ReLU6(),
            nn.Conv2d(expanded, expanded, 3, stride, 1, groups=expanded, bias=False),
            nn.BatchNorm2d(expanded), nn.ReLU6(),
            SqueezeExcite(expanded, expanded // 4),
            nn.Conv2d(expanded, outputs, 1, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        y = self.layers(x)
        return x + y if self.residual else y


class TinyMobileNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16),
                                  nn.Hardswish())                       # 16x16 -> 8x8
        self.blocks = nn.Sequential(InvertedResidual(16, 48, 1, 16),
                                    InvertedResidual(16, 64, 2, 24))    # 8x8 -> 4x4
        self.head = nn.Linear(24, 5)

    def forward(self, image):
        x = self.blocks(self.stem(image))
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def make_mobilenet(out_dir):
    torch.manual_seed(11)  # its own seed: the same weights whichever models are made with it
    generator = torch.Generator().manual_seed(11)
    model = TinyMobileNet().eval()
    with torch.no_grad():  # non-trivial batch-norm statistics, so folding them is checked
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2, generator=generator)
                module.running_var.uniform_(0.5, 1.5, generator=generator)
                module.weight.uniform_(0.5, 1.5, generator=generator)
                module.bias.uniform_(-0.2, 0.2, generator=generator)
    images = torch.rand((70, 3, 16, 16), generator=generator) * 2 - 1
    export(model, images[:2], os.path.join(out_dir, "mobilenet.onnx"), ["image"], ["logits"],
           {"image": {0: "batch"}, "logits": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "mobilenet.cases.bin"), "image", ["logits"],
               [images[:1], images[1:6], images[6:70]])


class TextClassifier(nn.Module):
    def __init__(self, vocab=60, dim=16, heads=2, classes=3, length=12):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.position = nn.Embedding(length, dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm = nn.LayerNorm(dim)
        self.feed_forward = nn.Sequential(nn.Linear(dim, 32), nn.GELU(), nn.Linear(32, dim))
        self.norm2 = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, classes)
        self.heads = heads

    def forward(self, token_ids, attention_mask):
        batch, length = token_ids.shape
        positions = torch.arange(length).unsqueeze(0).expand(batch, length)
        x = self.embed(token_ids) + self.position(positions)

        def split(t):
            return t.view(batch, length, self.heads, -1).transpose(1, 2)

        q, k, v = (split(t) for t in self.qkv(x).chunk(3, dim=-1))
        scores = q @ k.transpose(-2, -1) / (q.shape[-1] ** 0.5)
        scores = scores.masked_fill(attention_mask[:, None, None, :] == 0, -1e4)
        attended = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(batch, length, -1)
        x = self.norm(x + self.out(attended))
        x = self.norm2(x + self.feed_forward(x))
        mask = attention_mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        logits = self.head(pooled)
        return logits, logits.argmax(dim=-1)


def text_classifier():
    """The seeded TextClassifier of text_classifier.onnx and its data generator."""
    torch.manual_seed(21)  # its own seed: the same weights whichever models are made with it
    return TextClassifier().eval(), torch.Generator().manual_seed(21)


def make_text_classifier(out_dir):
    model, generator = text_classifier()
    tokens = torch.randint(1, 60, (40, 12), generator=generator, dtype=torch.int64)
    lengths = torch.randint(1, 13, (40,), generator=generator)
    masks = (torch.arange(12).unsqueeze(0) < lengths.unsqueeze(1)).to(torch.int64)
    tokens = tokens * masks  # padding token 0 after each text
    export(model, (tokens[:2], masks[:2]), os.path.join(out_dir, "text_classifier.onnx"),
           ["token_ids", "attention_mask"], ["logits", "label"],
           {"token_ids": {0: "batch"}, "attention_mask": {0: "batch"},
            "logits": {0: "batch"}, "label": {0: "batch"}})
    tensors = []
    with torch.no_grad():
        for index, rows in enumerate([slice(0, 1), slice(1, 5), slice(5, 40)]):
            logits, label = model(tokens[rows], masks[rows])
            tensors += [(f"case{index}/input/token_ids", tokens[rows].numpy()),
                        (f"case{index}/input/attention_mask", masks[rows].numpy()),
                        (f"case{index}/output/logits", logits.numpy()),
                        (f"case{index}/output/label", label.numpy())]
    write_cases(os.path.join(out_dir, "text_classifier.cases.bin"), tensors)


class SensorAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv1d(3, 8, 4, stride=2, padding=1), nn.ReLU(),           # 64 -> 32
            nn.Conv1d(8, 16, 4, stride=2, padding=1), nn.ReLU())          # 32 -> 16
        self.decoder = nn.Sequential(
            nn.ConvTranspose1d(16, 8, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose1d(8, 3, 4, stride=2, padding=1))             # 16 -> 32 -> 64

    def forward(self, readings):
        return self.decoder(self.encoder(readings))


def normal_windows(count, generator):
    """Normal machine behaviour: per channel a sine of random phase and a slightly random
    frequency and amplitude."""
    steps = torch.arange(64, dtype=torch.float32)
    phase = torch.rand((count, 3, 1), generator=generator) * 6.283
    frequency = 0.15 + 0.1 * torch.rand((count, 3, 1), generator=generator)
    amplitude = 0.5 + 0.5 * torch.rand((count, 3, 1), generator=generator)
    return amplitude * torch.sin(frequency * steps + phase)


def sensor_autoencoder():
    """The trained SensorAutoencoder of sensor_autoencoder.onnx (own seed)."""
    torch.manual_seed(8)
    generator = torch.Generator().manual_seed(8)
    model = SensorAutoencoder()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(300):
        windows = normal_windows(64, generator)
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(windows), windows)
        loss.backward()
        optimizer.step()
    return model.eval(), generator


def make_sensor_autoencoder(out_dir):
    model, generator = sensor_autoencoder()
    windows = normal_windows(40, generator)
    windows[30:, 1, 20:24] += 3.0  # a few anomalous windows: a spike on channel 1
    export(model, windows[:2], os.path.join(out_dir, "sensor_autoencoder.onnx"), ["readings"],
           ["reconstruction"], {"readings": {0: "batch"}, "reconstruction": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "sensor_autoencoder.cases.bin"), "readings",
               ["reconstruction"], [windows[:1], windows[1:5], windows[5:40]])


class ImageDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.GroupNorm(2, 8), nn.SiLU(),
            nn.ConvTranspose2d(8, 4, 2, stride=2), nn.InstanceNorm2d(4, affine=True),
            nn.Sigmoid())

    def forward(self, image):
        return self.layers(image)


def make_image_decoder(out_dir):
    torch.manual_seed(13)  # its own seed: the same weights whichever models are made with it
    generator = torch.Generator().manual_seed(13)
    model = ImageDecoder().eval()
    with torch.no_grad():  # non-trivial affine parameters
        for module in model.modules():
            if isinstance(module, (nn.GroupNorm, nn.InstanceNorm2d)):
                module.weight.uniform_(0.5, 1.5, generator=generator)
                module.bias.uniform_(-0.3, 0.3, generator=generator)
    images = torch.rand((20, 3, 8, 8), generator=generator) * 2 - 1
    export(model, images[:2], os.path.join(out_dir, "image_decoder.onnx"), ["image"], ["decoded"],
           {"image": {0: "batch"}, "decoded": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "image_decoder.cases.bin"), "image", ["decoded"],
               [images[:1], images[1:4], images[4:20]])


class Upsampler(nn.Module):
    def forward(self, image):
        interpolate = nn.functional.interpolate
        return (interpolate(image, scale_factor=2, mode="nearest"),
                interpolate(image, size=(5, 7), mode="bilinear", align_corners=False),
                interpolate(image, scale_factor=2, mode="bilinear", align_corners=True),
                interpolate(image, size=(4, 8), mode="nearest"))


def make_upsampler(out_dir):
    generator = torch.Generator().manual_seed(17)
    model = Upsampler()
    images = torch.rand((9, 2, 3, 5), generator=generator) * 2 - 1
    names = ["nearest", "bilinear", "corners", "sized"]
    export(model, images[:2], os.path.join(out_dir, "upsampler.onnx"), ["image"], names,
           {"image": {0: "batch"}, **{name: {0: "batch"} for name in names}})
    save_cases(model, os.path.join(out_dir, "upsampler.cases.bin"), "image", names,
               [images[:1], images[1:9]])


class SensorCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(3, 16, 5, padding=2, bias=False), nn.BatchNorm1d(16), nn.ReLU(),
            nn.MaxPool1d(2),                                          # 64 -> 32
            nn.Conv1d(16, 32, 3, padding=2, dilation=2), nn.ReLU(),
            nn.AvgPool1d(2),                                          # 32 -> 16
            nn.Conv1d(32, 32, 3, stride=2, padding=1), nn.ReLU())     # 16 -> 8
        self.head = nn.Linear(32, 2)

    def forward(self, readings):
        x = self.features(readings)
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool1d(x, 1), 1))


def sensor_cnn():
    """The seeded SensorCnn of sensor_cnn.onnx (its own seed: the same weights whichever
    models are made in the same run)."""
    torch.manual_seed(5)
    generator = torch.Generator().manual_seed(5)
    model = SensorCnn().eval()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm1d):
                module.running_mean.uniform_(-0.2, 0.2, generator=generator)
                module.running_var.uniform_(0.5, 1.5, generator=generator)
    return model, generator


def make_sensor_cnn(out_dir):
    model, generator = sensor_cnn()
    readings = torch.rand((50, 3, 64), generator=generator) * 2 - 1
    export(model, readings[:2], os.path.join(out_dir, "sensor_cnn.onnx"), ["readings"],
           ["scores"], {"readings": {0: "batch"}, "scores": {0: "batch"}})
    save_cases(model, os.path.join(out_dir, "sensor_cnn.cases.bin"), "readings", ["scores"],
               [readings[:1], readings[1:4], readings[4:50]])


def make_unsupported(out_dir):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch"])
    det = helper.make_node("Det", ["x"], ["y"], name="det_1")
    graph = helper.make_graph([det], "det_graph", [x], [y])
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


WINDOW = 24


def sensor_series(length, generator):
    """A seeded sensor/demand series: a daily cycle, a slower cycle, a trend and noise."""
    t = torch.arange(length, dtype=torch.float32)
    noise = torch.randn(length, generator=generator) * 0.05
    return (torch.sin(2 * np.pi * t / 24) + 0.5 * torch.sin(2 * np.pi * t / 60)
            + 0.002 * t + noise)


class LstmForecaster(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=16, num_layers=2, batch_first=True)
        self.head = nn.Linear(16, 1)

    def forward(self, window):
        _, (hidden, _) = self.lstm(window)
        return self.head(hidden[-1])


def make_lstm_forecaster(out_dir):
    torch.manual_seed(11)
    generator = torch.Generator().manual_seed(11)
    series = sensor_series(600, generator)
    windows = torch.stack([series[start:start + WINDOW] for start in range(0, 600 - WINDOW)])
    targets = series[WINDOW:600].unsqueeze(1)
    windows = windows.unsqueeze(2)                     # [n, 24, 1]
    model = LstmForecaster()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    model.train()
    for _ in range(150):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(windows), targets).backward()
        optimizer.step()
    model.eval()
    export(model, windows[:2], os.path.join(out_dir, "lstm_forecaster.onnx"), ["readings"],
           ["forecast"], {"readings": {0: "batch"}, "forecast": {0: "batch"}})
    # Windows of the series, then windows far outside the training range (saturating gates).
    wild = torch.randn((16, WINDOW, 1), generator=generator) * 4
    save_cases(model, os.path.join(out_dir, "lstm_forecaster.cases.bin"), "readings", ["forecast"],
               [windows[:1], windows[100:107], torch.cat([windows[300:348], wild])])


def forecaster_sql_rows():
    """Prints PyTorch's forecasts for the windows tests/sql/ml/lstm_forecaster.test builds:
    window id = [SIN(0.25 * (id + k)) + 0.01 * k for k in 0..23]."""
    model = forecaster_from_onnx()
    ids = range(1, 6)
    windows = torch.tensor([[[np.sin(0.25 * (i + k)) + 0.01 * k] for k in range(WINDOW)]
                            for i in ids], dtype=torch.float64).float()
    with torch.no_grad():
        for i, value in zip(ids, model(windows)[:, 0].tolist()):
            print(f"{i}\t{value:.6f}")


def sensor_sql_rows():
    """Prints PyTorch's scores for the windows tests/sql/ml/sensor_cnn.test builds: window s,
    channel c, step t = SIN(0.1 * s * (t + 7 * c)) * (c + 1) * s / 2."""
    model, _ = sensor_cnn()
    ids = range(1, 5)
    windows = torch.tensor([[[np.sin(0.1 * s * (t + 7 * c)) * (c + 1) * s / 2 for t in range(64)]
                             for c in range(3)] for s in ids], dtype=torch.float64).float()
    with torch.no_grad():
        for s, scores in zip(ids, model(windows).tolist()):
            print(f"{s}\t{scores[0]:.6f}\t{scores[1]:.6f}")


def text_classifier_sql_rows():
    """Prints PyTorch's logits and labels for the texts tests/sql/ml/text_classifier.test
    builds: text r (length 5, 8, 12 for r = 1, 2, 3) has token MOD(7 r + 3 i, 59) + 1 at
    position i < length, then padding 0 with attention_mask 0."""
    model, _ = text_classifier()
    lengths = {1: 5, 2: 8, 3: 12}
    tokens = torch.tensor([[(7 * r + 3 * i) % 59 + 1 if i < n else 0 for i in range(12)]
                           for r, n in lengths.items()])
    masks = torch.tensor([[1 if i < n else 0 for i in range(12)] for n in lengths.values()])
    with torch.no_grad():
        logits, labels = model(tokens, masks)
    for r, row, label in zip(lengths, logits.tolist(), labels.tolist()):
        print(f"{r}\t" + "\t".join(f"{value:.6f}" for value in row) + f"\t{label}")


def autoencoder_sql_rows():
    """Prints PyTorch's mean squared reconstruction error for the windows
    tests/sql/ml/sensor_autoencoder.test builds: machine m, channel c, step t reads
    SIN(0.2 * t + c + m) * 0.8, plus 3 at steps 20..23 of channel 1 for machine 4."""
    model, _ = sensor_autoencoder()
    machines = range(1, 5)
    windows = torch.tensor([[[np.sin(0.2 * t + c + m) * 0.8 + (3 if m == 4 and c == 1 and
                                                               20 <= t < 24 else 0)
                              for t in range(64)] for c in range(3)] for m in machines],
                           dtype=torch.float64).float()
    with torch.no_grad():
        errors = ((model(windows) - windows) ** 2).mean(dim=(1, 2))
    for m, error in zip(machines, errors.tolist()):
        print(f"{m}\t{error:.8f}")


def forecaster_from_onnx():
    """The committed forecaster as a PyTorch module, from lstm_forecaster.onnx's weights (so
    the SQL expectations need no retraining)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ml",
                        "lstm_forecaster.onnx")
    graph = onnx.load(path).graph
    weights = {i.name: onnx.numpy_helper.to_array(i).copy() for i in graph.initializer}
    model = LstmForecaster()
    state = model.state_dict()

    def pytorch_order(array):  # ONNX's gate blocks are i, o, f, c; PyTorch's i, f, c, o
        i, o, f, c = np.split(array, 4, axis=0)
        return torch.from_numpy(np.concatenate([i, f, c, o], axis=0))

    lstm_nodes = [node for node in graph.node if node.op_type == "LSTM"]
    for layer, node in enumerate(lstm_nodes):
        w, r, b = (weights[name][0] for name in node.input[1:4])
        state[f"lstm.weight_ih_l{layer}"] = pytorch_order(w)
        state[f"lstm.weight_hh_l{layer}"] = pytorch_order(r)
        state[f"lstm.bias_ih_l{layer}"] = pytorch_order(b[:b.size // 2])
        state[f"lstm.bias_hh_l{layer}"] = pytorch_order(b[b.size // 2:])
    state["head.weight"] = torch.from_numpy(weights["head.weight"])
    state["head.bias"] = torch.from_numpy(weights["head.bias"])
    model.load_state_dict(state)
    model.eval()
    return model


class RnnEncoder(nn.Module):
    """Covers the exporter's recurrent paths: a 2-layer bidirectional GRU (batch_first, so
    Transposes around it) and a bidirectional LSTM run time-major."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(input_size=3, hidden_size=8, num_layers=2, batch_first=True,
                          bidirectional=True)
        self.lstm = nn.LSTM(input_size=3, hidden_size=6, bidirectional=True)

    def forward(self, sequence):
        batch = sequence.shape[0]
        gru_sequence, gru_hidden = self.gru(sequence)
        _, (lstm_hidden, lstm_cell) = self.lstm(sequence.transpose(0, 1))
        gru_state = gru_hidden.transpose(0, 1).reshape(batch, -1)
        lstm_state = torch.cat([lstm_hidden, lstm_cell], 0).transpose(0, 1).reshape(batch, -1)
        return gru_sequence, gru_state, lstm_state


def make_rnn_encoder(out_dir):
    torch.manual_seed(12)
    generator = torch.Generator().manual_seed(12)
    model = RnnEncoder()
    model.eval()
    sequences = torch.randn((40, 10, 3), generator=generator)
    names = ["gru_sequence", "gru_state", "lstm_state"]
    export(model, sequences[:2], os.path.join(out_dir, "rnn_encoder.onnx"), ["sequence"], names,
           {name: {0: "batch"} for name in ["sequence"] + names})
    save_cases(model, os.path.join(out_dir, "rnn_encoder.cases.bin"), "sequence", names,
               [sequences[:1], sequences[1:4], sequences[4:40]])


def make_rnn_reference(out_dir):
    from onnx.backend.test.case.node.gru import GRU_Helper
    from onnx.backend.test.case.node.lstm import LSTM_Helper
    rng = np.random.default_rng(5)

    def normal(*shape, scale=0.5):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    hidden = 3
    x = normal(3, 2, 2, scale=1.0)
    lstm = {"W": normal(1, 4 * hidden, 2), "R": normal(1, 4 * hidden, hidden),
            "B": normal(1, 8 * hidden), "P": normal(1, 3 * hidden),
            "initial_h": normal(1, 2, hidden), "initial_c": normal(1, 2, hidden)}
    gru = {"W": normal(1, 3 * hidden, 2), "R": normal(1, 3 * hidden, hidden),
           "B": normal(1, 6 * hidden), "initial_h": lstm["initial_h"]}
    lstm_y, _ = LSTM_Helper(X=x, **{k: v.copy() for k, v in lstm.items()}).step()
    gru_y, _ = GRU_Helper(X=x, **{k: v.copy() for k, v in gru.items()}).step()
    initializers = [onnx.numpy_helper.from_array(value, "lstm_" + name)
                    for name, value in lstm.items()]
    initializers += [onnx.numpy_helper.from_array(value, "gru_" + name)
                     for name, value in gru.items() if name != "initial_h"]
    nodes = [
        helper.make_node("LSTM", ["x", "lstm_W", "lstm_R", "lstm_B", "", "lstm_initial_h",
                                  "lstm_initial_c", "lstm_P"], ["lstm_y"], name="lstm",
                         hidden_size=hidden),
        helper.make_node("GRU", ["x", "gru_W", "gru_R", "gru_B", "", "lstm_initial_h"],
                         ["gru_y"], name="gru", hidden_size=hidden),
    ]
    outputs = [helper.make_tensor_value_info(name, TensorProto.FLOAT, [3, 1, 2, hidden])
               for name in ["lstm_y", "gru_y"]]
    graph = helper.make_graph(nodes, "rnn_reference",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 2, 2])],
                              outputs, initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "rnn_reference.onnx"))
    write_cases(os.path.join(out_dir, "rnn_reference.cases.bin"),
                [("case0/input/x", x), ("case0/output/lstm_y", lstm_y.astype(np.float32)),
                 ("case0/output/gru_y", gru_y.astype(np.float32))])


def make_opset18(out_dir):
    """Opset 18's forms, built node by node; the expected outputs are numpy renderings of the
    ONNX spec (onnx 1.12 cannot check or run opset 18)."""
    rng = np.random.default_rng(18)
    scale = np.array([1.5, 0.5], dtype=np.float32)
    bias = np.array([0.25, -0.5], dtype=np.float32)
    initializers = [
        onnx.numpy_helper.from_array(np.array([2], dtype=np.int64), "axis_2"),
        onnx.numpy_helper.from_array(np.array([2], dtype=np.int64), "axis_last"),
        onnx.numpy_helper.from_array(scale, "gn_scale"),
        onnx.numpy_helper.from_array(bias, "gn_bias"),
        onnx.numpy_helper.from_array(np.array([2.0], dtype=np.float32), "double"),
    ]
    nodes = [
        helper.make_node("ReduceMean", ["x", "axis_2"], ["mean"], keepdims=1),
        helper.make_node("Sub", ["x", "mean"], ["centred"]),
        helper.make_node("GroupNormalization", ["centred", "gn_scale", "gn_bias"], ["group_norm"],
                         num_groups=2, epsilon=1e-5),
        helper.make_node("Mish", ["group_norm"], ["mish"]),
        helper.make_node("Split", ["mish"], ["first", "second", "third"], axis=2, num_outputs=3),
        helper.make_node("ReduceMax", ["third", "axis_last"], ["peak"], keepdims=0),
        helper.make_node("Resize", ["mish", "", "double"], ["wide"], axes=[2], mode="nearest"),
    ]
    graph = helper.make_graph(
        nodes, "opset18_ops", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 6])],
        [helper.make_tensor_value_info("group_norm", TensorProto.FLOAT, ["batch", 4, 6]),
         helper.make_tensor_value_info("first", TensorProto.FLOAT, ["batch", 4, 2]),
         helper.make_tensor_value_info("peak", TensorProto.FLOAT, ["batch", 4]),
         helper.make_tensor_value_info("wide", TensorProto.FLOAT, ["batch", 4, 12])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    onnx.save(model, os.path.join(out_dir, "opset18_ops.onnx"))

    def reference(x):
        centred = x - x.mean(axis=2, keepdims=True)
        groups = centred.reshape(len(x), 2, -1).astype(np.float64)
        normal = (groups - groups.mean(axis=2, keepdims=True)) / np.sqrt(
            groups.var(axis=2, keepdims=True) + 1e-5)
        normal = normal * scale[None, :, None] + bias[None, :, None]
        group_norm = normal.reshape(x.shape)
        mish = group_norm * np.tanh(np.log1p(np.exp(group_norm)))
        return {"group_norm": group_norm, "first": mish[:, :, 0:2],
                "peak": mish[:, :, 4:6].max(axis=2), "wide": np.repeat(mish, 2, axis=2)}

    tensors = []
    for index, rows in enumerate([1, 3, 20]):
        x = rng.uniform(-2, 2, size=(rows, 4, 6)).astype(np.float32)
        tensors.append((f"case{index}/input/x", x))
        for name, value in reference(x.astype(np.float64)).items():
            tensors.append((f"case{index}/output/{name}", value.astype(np.float32)))
    write_cases(os.path.join(out_dir, "opset18_ops.cases.bin"), tensors)

    nodes = [helper.make_node("Gelu", ["x"], ["exact"]),
             helper.make_node("Gelu", ["x"], ["approximate"], approximate="tanh")]
    graph = helper.make_graph(
        nodes, "opset20_gelu", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 5])],
        [helper.make_tensor_value_info("exact", TensorProto.FLOAT, ["batch", 5]),
         helper.make_tensor_value_info("approximate", TensorProto.FLOAT, ["batch", 5])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    model.ir_version = 9
    onnx.save(model, os.path.join(out_dir, "opset20_gelu.onnx"))
    x = rng.uniform(-4, 4, size=(6, 5)).astype(np.float32)
    with torch.no_grad():
        exact = nn.functional.gelu(torch.tensor(x)).numpy()
        approximate = nn.functional.gelu(torch.tensor(x), approximate="tanh").numpy()
    write_cases(os.path.join(out_dir, "opset20_gelu.cases.bin"),
                [("case0/input/x", x), ("case0/output/exact", exact),
                 ("case0/output/approximate", approximate)])


def make_local_functions(out_dir):
    def scale_reference():  # an attribute taking its value from the call's `scale`
        attribute = onnx.AttributeProto()
        attribute.name = "value_float"
        attribute.ref_attr_name = "scale"
        attribute.type = onnx.AttributeProto.FLOAT
        return attribute

    constant = helper.make_node("Constant", [], ["factor"])
    constant.attribute.append(scale_reference())
    scaled_relu = helper.make_function(
        "local", "ScaledRelu", ["x"], ["y"],
        [constant, helper.make_node("Mul", ["x", "factor"], ["scaled"]),
         helper.make_node("Relu", ["scaled"], ["y"])],
        [helper.make_opsetid("", 17)], ["scale"])
    inner = helper.make_node("ScaledRelu", ["x"], ["relu"], domain="local")
    inner_scale = onnx.AttributeProto()
    inner_scale.name = "scale"
    inner_scale.ref_attr_name = "scale"
    inner_scale.type = onnx.AttributeProto.FLOAT
    inner.attribute.append(inner_scale)
    two_step = helper.make_function(
        "local", "TwoStep", ["x"], ["y"],
        [inner, helper.make_node("Add", ["relu", "x"], ["y"])],
        [helper.make_opsetid("", 17), helper.make_opsetid("local", 1)], ["scale"])
    graph = helper.make_graph(
        [helper.make_node("ScaledRelu", ["x"], ["once"], domain="local", name="first", scale=2.0),
         helper.make_node("TwoStep", ["once"], ["twice"], domain="local", name="second",
                          scale=0.5)],
        "local_functions", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("once", TensorProto.FLOAT, ["batch", 3]),
         helper.make_tensor_value_info("twice", TensorProto.FLOAT, ["batch", 3])])
    model = helper.make_model(graph, functions=[scaled_relu, two_step],
                              opset_imports=[helper.make_opsetid("", 17),
                                             helper.make_opsetid("local", 1)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "local_functions.onnx"))
    x = np.array([[-1.5, 0.25, 2.0], [3.0, -0.5, 0.0]], dtype=np.float32)
    once = np.maximum(2 * x, 0)
    twice = np.maximum(0.5 * once, 0) + once
    write_cases(os.path.join(out_dir, "local_functions.cases.bin"),
                [("case0/input/x", x), ("case0/output/once", once.astype(np.float32)),
                 ("case0/output/twice", twice.astype(np.float32))])


class IndexOps(nn.Module):
    def forward(self, values, picks):
        running = torch.cumsum(values, dim=1)
        picked = torch.gather(values, 1, picks)
        causal = torch.triu(values.unsqueeze(2) * values.unsqueeze(1), diagonal=1)
        chosen = nn.functional.one_hot(picks[:, 0], 5).to(values.dtype)
        return running, picked, causal, chosen


def make_index_ops(out_dir):
    generator = torch.Generator().manual_seed(14)
    values = torch.rand((12, 5), generator=generator) * 4 - 2
    picks = torch.randint(0, 5, (12, 3), generator=generator)
    names = ["running", "picked", "causal", "chosen"]
    model = IndexOps()
    model.eval()
    torch.onnx.export(model, (values[:2], picks[:2]), os.path.join(out_dir, "index_ops.onnx"),
                      opset_version=14, input_names=["values", "picks"], output_names=names,
                      dynamic_axes={"values": {0: "batch"}, "picks": {0: "batch"},
                                    **{name: {0: "batch"} for name in names}})
    tensors = []
    with torch.no_grad():
        for index, rows in enumerate([slice(0, 1), slice(1, 12)]):
            outputs = model(values[rows], picks[rows])
            tensors += [(f"case{index}/input/values", values[rows].numpy()),
                        (f"case{index}/input/picks", picks[rows].numpy())]
            tensors += [(f"case{index}/output/{name}", output.numpy())
                        for name, output in zip(names, outputs)]
    write_cases(os.path.join(out_dir, "index_ops.cases.bin"), tensors)


def make_invalid(out_dir):
    def relu_model(elem_type, opset):
        graph = helper.make_graph(
            [helper.make_node("Relu", ["x"], ["y"], name="relu")], "relu",
            [helper.make_tensor_value_info("x", elem_type, ["batch", 3])],
            [helper.make_tensor_value_info("y", elem_type, ["batch", 3])])
        return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])

    onnx.save(relu_model(TensorProto.FLOAT, 6), os.path.join(out_dir, "opset6.onnx"))
    onnx.save(relu_model(TensorProto.FLOAT, 21), os.path.join(out_dir, "opset21.onnx"))
    # Opset 18 skips libonnx's checker: DeepQuery's own import must catch a tensor defined twice.
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"], name="first"),
         helper.make_node("Relu", ["x"], ["y"], name="second")], "redefined",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]),
              os.path.join(out_dir, "opset18_redefined.onnx"))
    # A model-local function that calls itself.
    looping = helper.make_function("local", "Loop", ["x"], ["y"],
                                   [helper.make_node("Loop", ["x"], ["y"], domain="local")],
                                   [helper.make_opsetid("", 18)], [])
    graph = helper.make_graph(
        [helper.make_node("Loop", ["x"], ["y"], domain="local", name="call")], "recursive",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])])
    onnx.save(helper.make_model(graph, functions=[looping],
                                opset_imports=[helper.make_opsetid("", 18),
                                               helper.make_opsetid("local", 1)]),
              os.path.join(out_dir, "recursive_function.onnx"))
    onnx.save(relu_model(TensorProto.DOUBLE, 13), os.path.join(out_dir, "double_input.onnx"))


MAKERS = {
    # The first four share one torch seed set in main(), so they are made together, in order.
    "seeded": lambda out_dir: (make_mlp(out_dir), make_cnn(out_dir), make_text_encoder(out_dir),
                               make_conv_bn(out_dir)),
    "unsupported": make_unsupported,
    "invalid": make_invalid,
    "lstm_forecaster": make_lstm_forecaster,
    "rnn_encoder": make_rnn_encoder,
    "rnn_reference": make_rnn_reference,
    "mobilenet": make_mobilenet,
    "sensor_cnn": make_sensor_cnn,
    "text_classifier": make_text_classifier,
    "sensor_autoencoder": make_sensor_autoencoder,
    "image_decoder": make_image_decoder,
    "upsampler": make_upsampler,
    "opset18": make_opset18,
    "local_functions": make_local_functions,
    "index_ops": make_index_ops,
}


def main():
    torch.set_num_threads(1)
    if sys.argv[1:] == ["--forecaster-sql-rows"]:
        forecaster_sql_rows()
        return
    if sys.argv[1:] == ["--sensor-sql-rows"]:
        sensor_sql_rows()
        return
    if sys.argv[1:] == ["--autoencoder-sql-rows"]:
        autoencoder_sql_rows()
        return
    if sys.argv[1:] == ["--text-classifier-sql-rows"]:
        text_classifier_sql_rows()
        return
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ml")
    os.makedirs(out_dir, exist_ok=True)
    names = sys.argv[2:] or list(MAKERS)
    torch.manual_seed(0)
    for name in names:
        MAKERS[name](out_dir)


if __name__ == "__main__":
    main()
