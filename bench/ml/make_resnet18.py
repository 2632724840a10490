#!/usr/bin/python3
"""Writes a ResNet-18-size CNN for the ML.PREDICT benchmark: bench/data/ml/resnet18.onnx.

The architecture of ResNet-18 (torchvision's: 7x7/2 stem convolution, batch norm, ReLU,
3x3/2 max pooling, four stages of two basic blocks with 64/128/256/512 channels, global
average pooling, a linear head; 11.2M parameters) for 3x32x32 images and 10 classes, with
seeded random weights (the benchmark measures speed, not accuracy). Exported by
torch.onnx.export at opset 13 with a dynamic batch axis: input `image` [batch, 3, 32, 32],
output `logits` [batch, 10]. Not committed (45 MB): bench/ml/run_ml.sh runs this when the
file is missing. Needs Debian's python3-torch (run with /usr/bin/python3).
"""
import os
import sys

import torch
import torch.nn as nn


class BasicBlock(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False),
                                          nn.BatchNorm2d(outputs))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.shortcut(x))


class ResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(), nn.MaxPool2d(3, 2, 1))
        layers = []
        channels = 64
        for outputs, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [BasicBlock(channels, outputs, stride), BasicBlock(outputs, outputs, 1)]
            channels = outputs
        self.layers = nn.Sequential(*layers)
        self.head = nn.Linear(512, classes)

    def forward(self, image):
        x = self.layers(self.stem(image))
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "ml", "resnet18.onnx")
    torch.manual_seed(18)
    model = ResNet18().eval()
    with torch.no_grad():  # non-trivial batch-norm statistics, so folding them matters
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, 3, 32, 32), output, opset_version=13,
                      input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
    parameters = sum(p.numel() for p in model.parameters())
    print(f"wrote {output} ({parameters / 1e6:.1f}M parameters)")


if __name__ == "__main__":
    main()
