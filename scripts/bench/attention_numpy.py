"""The attention pass of scripts/bench/attention.ts in numpy float32, for comparison.

The same work as the WebAssembly kernels' pass: X (N x d_model) and, per head, [Q | K | V] =
X . [Wq | Wk | Wv], scores Q . K^T, scaled by 1/sqrt(d_k), (masked,) softmax by rows, . V; then
concat(Z) . Wo. Up to --full-max tokens (2,048) every head's weights are kept, as the TypeScript
side keeps them ("algorithm": "full"). Over it ("per-head"), as the kernels' blockwise pass keeps
no N x N matrix: a head's scores, softmax and . V, its N x N arrays dropped before the next head
(all heads' weights would be 8 GiB at 16,384; this keeps one head's, 1 GiB, and under the causal
mask the N x N boolean mask), --long-runs passes timed and no separate warm-up (the tracemalloc
pass comes first). Written as a numpy user would write it fast: matrix products through BLAS,
the element-wise steps in place.

Run by the TypeScript benchmark (which sets OPENBLAS_NUM_THREADS and passes its own inputs, so
both compute the same numbers), or alone:
    OPENBLAS_NUM_THREADS=1 python3 scripts/bench/attention_numpy.py --sizes 256,1024,2048,16384
Prints one JSON object on stdout. With --serve N it instead times one pass at N for each line
read from stdin, printing its milliseconds (after a line "ready"): the benchmark's --paired rounds.
"""

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc

import numpy as np

from blas_info import blas_name


def attention(x, wqkv, wo, heads, dk, causal, keep=True):
    """Every head's weights (empty unless keep) and the output; without keep, each head's N x N
    arrays are freed before the next head's are made."""
    n = x.shape[0]
    scale = np.float32(1 / np.sqrt(dk))
    masked = np.triu(np.ones((n, n), dtype=bool), 1) if causal else None
    weights = []
    zs = []
    for h in range(heads):
        qkv = x @ wqkv[h]
        q, k, v = qkv[:, :dk], qkv[:, dk:2 * dk], qkv[:, 2 * dk:]
        s = q @ k.T
        s *= scale
        if masked is not None:
            s[masked] = -np.inf
        s -= s.max(axis=1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=1, keepdims=True)
        if keep:
            weights.append(s)
        zs.append(s @ v)
        # Without this, the next head's s = q @ k.T is made while this one's is still alive.
        del s, qkv, q, k, v
    return weights, np.concatenate(zs, axis=1) @ wo


def serve(x, wqkv, wo, heads, dk, causal):
    """One pass (every head's weights kept) per line of stdin, its milliseconds printed."""
    print("ready", flush=True)
    for _ in sys.stdin:
        started = time.perf_counter()
        result = attention(x, wqkv, wo, heads, dk, causal)
        ms = (time.perf_counter() - started) * 1000
        # Freed before the next pass, which can then reuse the memory (as the kernels' passes reuse theirs).
        del result
        print(ms, flush=True)


def sgemm_gflops(rng, m=2048, k=512, n=512):
    """BLAS's float32 matrix product alone, X . W at the pass's sizes: the best of 7, in GFLOP/s."""
    a, b = rng.random((m, k), dtype=np.float32), rng.random((k, n), dtype=np.float32)
    a @ b
    best = min(timed(lambda: a @ b) for _ in range(7))
    return 2 * m * k * n / best / 1e9


def timed(work):
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="256,1024,2048,16384")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--full-max", type=int, default=2048, help="over this N, per-head: no head's weights kept")
    parser.add_argument("--long-runs", type=int, default=3, help="passes timed over --full-max")
    parser.add_argument("--d-model", type=int, default=512)
    parser.add_argument("--heads", type=int, default=8)
    parser.add_argument("--causal", action="store_true")
    parser.add_argument("--serve", type=int, help="serve passes at this N (see above)")
    parser.add_argument("--inputs", help="folder with x-N.f32, wqkv.f32, wo.f32 (raw float32); writes out-N.f32 there")
    args = parser.parse_args()
    d, heads = args.d_model, args.heads
    dk = d // heads
    rng = np.random.default_rng(42)

    def load(name, shape):
        if args.inputs:
            return np.fromfile(os.path.join(args.inputs, name), dtype=np.float32).reshape(shape)
        return (rng.random(shape, dtype=np.float32) * 2 - 1) * np.float32(np.sqrt(6 / (shape[-2] + shape[-1])))

    wqkv = load("wqkv.f32", (heads, d, 3 * dk))
    wo = load("wo.f32", (heads * dk, d))
    if args.serve:
        serve(load(f"x-{args.serve}.f32", (args.serve, d)), wqkv, wo, heads, dk, args.causal)
        return
    runs = []
    def traced(x, keep):
        """Peak of what the pass allocates (numpy reports its buffers to tracemalloc), inputs excluded."""
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        _, out = attention(x, wqkv, wo, heads, dk, args.causal, keep)
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        return out, peak

    for n in [int(s) for s in args.sizes.split(",")]:
        x = load(f"x-{n}.f32", (n, d))
        long = n > args.full_max
        keep = not long
        if long:
            out, peak = traced(x, keep)  # also the warm-up
        else:
            attention(x, wqkv, wo, heads, dk, args.causal)  # warm-up
        passes = args.long_runs if long else args.runs
        times = []
        for _ in range(passes):
            started = time.perf_counter()
            _, timed = attention(x, wqkv, wo, heads, dk, args.causal, keep)
            times.append((time.perf_counter() - started) * 1000)
            del timed
        if not long:
            out, peak = traced(x, keep)
        if args.inputs:
            out.astype(np.float32).tofile(os.path.join(args.inputs, f"out-{n}.f32"))
        del out
        runs.append({"n": n, "medianMs": statistics.median(times), "minMs": min(times), "maxMs": max(times), "peakMB": peak / 2**20,
                     "algorithm": "per-head" if long else "full", "passes": passes})
    print(json.dumps({"numpy": np.__version__, "blas": blas_name(), "sgemmGflops": sgemm_gflops(rng), "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "runs": runs}))


if __name__ == "__main__":
    main()
