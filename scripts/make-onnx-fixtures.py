#!/usr/bin/env python3
"""Makes the ONNX fixtures of test/interop/onnx-fixtures.test.ts with torch.onnx.export.

    /usr/bin/python3 scripts/make-onnx-fixtures.py [FOLDER]   # writes test/fixtures/onnx/ (or FOLDER)/*.onnx and *.json

Each fixture is a small model (seeded, so the files are the same on every run of the same torch),
its ONNX export, and a JSON file with four rows of input and torch's outputs for them: importing the
.onnx and running the graph on those inputs must give those outputs. "layernorm" uses operators the
import refuses (it must name them). Needs torch >= 1.13 only (no onnx package).
"""
import json
import os
import sys

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "onnx")


class ReluMlp(nn.Module):
    """3 → 8 → 2, ReLU: the most common shape (float32, dynamic batch)."""
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class Classifier(nn.Module):
    """2 → 5 → 4 → 3: tanh, sigmoid and a softmax over the classes, in float64."""
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 4), nn.Sigmoid(), nn.Linear(4, 3), nn.Softmax(dim=-1))

    def forward(self, x):
        return self.net(x)


class TwoInputs(nn.Module):
    """Two inputs, concat, flatten, a linear layer without bias (MatMul), products and sums (fixed batch)."""
    def __init__(self):
        super().__init__()
        self.left = nn.Linear(3, 4)
        self.mix = nn.Linear(6, 3, bias=False)
        self.flat = nn.Flatten()

    def forward(self, a, b):
        h = self.flat(torch.cat([torch.relu(self.left(a)), torch.tanh(b)], dim=1))
        m = self.mix(h)
        return m * torch.sigmoid(m) + m


class LayerNormNet(nn.Module):
    """Uses operators the import refuses (layer normalisation)."""
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 4)
        self.norm = nn.LayerNorm(4)

    def forward(self, x):
        return self.norm(self.fc(x))


def export(out, name, model, inputs, input_names, dtype, dynamic):
    model = model.to(dtype).eval()
    inputs = tuple(t.to(dtype) for t in inputs)
    path = os.path.join(out, name + ".onnx")
    axes = {n: {0: "batch"} for n in input_names + ["output"]} if dynamic else None
    torch.onnx.export(model, inputs, path, input_names=input_names, output_names=["output"], opset_version=13, dynamic_axes=axes)
    with torch.no_grad():
        result = model(*inputs)
    record = {
        "description": model.__doc__,
        "torch": torch.__version__,
        "dtype": str(dtype).replace("torch.", ""),
        "inputs": {n: {"shape": list(t.shape), "data": t.flatten().tolist()} for n, t in zip(input_names, inputs)},
        "outputs": {"output": {"shape": list(result.shape), "data": result.flatten().tolist()}},
    }
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(f"{name}: {os.path.getsize(path)} bytes")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(12)
    rows = lambda n: torch.rand(4, n) * 2 - 1
    export(out, "relu-mlp", ReluMlp(), (rows(3),), ["x"], torch.float32, True)
    export(out, "classifier", Classifier(), (rows(2),), ["x"], torch.float64, True)
    export(out, "two-inputs", TwoInputs(), (rows(3), rows(2)), ["a", "b"], torch.float32, False)
    export(out, "layernorm", LayerNormNet(), (rows(3),), ["x"], torch.float32, True)


if __name__ == "__main__":
    main()
