"""The forward pass of scripts/bench/modelForward.ts's random BERT models in numpy float32, for comparison.

BertModel in eval mode, as the TypeScript side computes it: word + position + token-type-0
embeddings, LayerNorm; per layer Q, K, V = X . W^T + b, per head softmax(Q_h . K_h^T / sqrt(d_h))
. V_h, the output projection, residual, LayerNorm; exact GELU (scipy.special.erf, else math.erf
element by element: slow, and said so), the second projection, residual, LayerNorm. Every head's
weights are kept, as the extension keeps them. Written as a numpy user would write it: matrix
products through BLAS, the heads batched.

Run by the TypeScript benchmark, which writes the weights (model.safetensors, float32) and the ids
and sets OPENBLAS_NUM_THREADS. Prints one JSON object on stdout and writes out-N.f32 (the last
hidden state) beside the weights.
"""

import argparse
import json
import math
import os
import statistics
import time

import numpy as np

try:
    from scipy.special import erf
    ERF = "scipy"
except ImportError:  # no scipy: correct, but far slower
    erf = np.vectorize(math.erf, otypes=[np.float32])
    ERF = "math.erf"


def read_safetensors(path):
    """name -> float32 array, from the file's 8-byte header length, JSON header and data."""
    with open(path, "rb") as f:
        raw = f.read()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(raw, dtype="<f4", count=(end - begin) // 4, offset=8 + n + begin).reshape(info["shape"])
    return tensors


def layer_norm(x, w, b, eps):
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * w + b


def bert(t, config, ids):
    h, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    dh = h // heads
    n = len(ids)
    x = t["embeddings.word_embeddings.weight"][ids] + t["embeddings.position_embeddings.weight"][:n] + t["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"], eps)
    scale = np.float32(1 / math.sqrt(dh))
    weights = []
    for l in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{l}."
        dense = lambda a, name: a @ t[p + name + ".weight"].T + t[p + name + ".bias"]
        split = lambda a: a.reshape(n, heads, dh).transpose(1, 0, 2)
        q, k, v = (split(dense(x, f"attention.self.{part}")) for part in ("query", "key", "value"))
        s = (q @ k.transpose(0, 2, 1)) * scale
        s -= s.max(axis=-1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=-1, keepdims=True)
        weights.append(s)
        z = (s @ v).transpose(1, 0, 2).reshape(n, h)
        a = layer_norm(dense(z, "attention.output.dense") + x, t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"], eps)
        inner = dense(a, "intermediate.dense")
        inner = np.float32(0.5) * inner * (np.float32(1) + erf(inner * np.float32(1 / math.sqrt(2))).astype(np.float32))
        x = layer_norm(dense(inner, "output.dense") + a, t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"], eps)
    return weights, x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True, help="holds model.safetensors, config.json and ids-N.json; out-N.f32 is written there")
    parser.add_argument("--sizes", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tensors = read_safetensors(os.path.join(args.dir, "model.safetensors"))
    with open(os.path.join(args.dir, "config.json")) as f:
        config = json.load(f)
    runs = []
    for n in [int(s) for s in args.sizes.split(",")]:
        with open(os.path.join(args.dir, f"ids-{n}.json")) as f:
            ids = np.array(json.load(f), dtype=np.int64)
        bert(tensors, config, ids)  # warm-up
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            _, out = bert(tensors, config, ids)
            times.append((time.perf_counter() - started) * 1000)
        out.astype(np.float32).tofile(os.path.join(args.dir, f"out-{n}.f32"))
        runs.append({"n": n, "bestMs": min(times), "medianMs": statistics.median(times), "passes": args.runs})
    print(json.dumps({"numpy": np.__version__, "erf": ERF, "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "runs": runs}))


if __name__ == "__main__":
    main()
