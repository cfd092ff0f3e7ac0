#!/usr/bin/env python3
"""PyTorch peer for bench/suites/optim.ts: foreach SGD (momentum 0.9), Adam, AdamW steps.

Run by hand where python3-torch is installed (Debian: apt-get install python3-torch):
    /usr/bin/python3 bench/peers/torch_optim.py [--quick] > bench/results/torch_optim.json
Prints one JSON object: { machine, torch, rows: [...] } with rows shaped like the suite's
(op, dtype, n, impl 'torch-foreach', threads 1 and 2, median_ms, p90_ms, gbps). GB/s counts the
bytes the step must move, as the suite does: 5 arrays for SGD+momentum, 7 for Adam/AdamW.
"""
import json
import platform
import statistics
import sys
import time

import torch

QUICK = "--quick" in sys.argv
SIZES = [4096, 65536] if QUICK else [262144, 4194304, 16777216]
F64_N = 65536 if QUICK else 4194304
OPS = {
    "sgd_momentum_step": (5, lambda ps: torch.optim.SGD(ps, lr=1e-3, momentum=0.9, foreach=True)),
    "adam_step": (7, lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=True)),
    "adamw_step": (7, lambda ps: torch.optim.AdamW(ps, lr=1e-3, weight_decay=0.01, foreach=True)),
}


def machine():
    name = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    name = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import os
    return f"{name}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def measure(fn, time_ms):
    for _ in range(3 if QUICK else 5):  # warm-up
        fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < 10 or (time.perf_counter() - start) * 1000 < time_ms:
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p90 = samples[min(len(samples) - 1, int(round(0.9 * (len(samples) - 1))))]
    return statistics.median(samples), p90


def main():
    rows = []
    cases = [(n, torch.float32) for n in SIZES] + [(F64_N, torch.float64)]
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for n, dtype in cases:
            i = torch.arange(n, dtype=dtype)
            for op, (arrays, make) in OPS.items():
                p = torch.sin(i).requires_grad_(True)
                p.grad = torch.cos(i) * 1e-2
                opt = make([p])
                with torch.no_grad():
                    med, p90 = measure(opt.step, 50 if QUICK else 400)
                nbytes = arrays * n * (4 if dtype == torch.float32 else 8)
                row = {"op": op, "dtype": "float32" if dtype == torch.float32 else "float64", "n": n,
                       "impl": "torch-foreach", "threads": threads, "median_ms": med, "p90_ms": p90,
                       "gbps": nbytes / (med * 1e6)}
                print(f"{op} {row['dtype']} n={n} torch x{threads}: {med:.3f} ms", file=sys.stderr)
                rows.append(row)
    json.dump({"machine": machine(), "torch": torch.__version__, "command": "/usr/bin/python3 bench/peers/torch_optim.py",
               "rows": rows}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
