# The PyTorch peer of `npm run bench` ("torch-1t"): the same MLP as the engine and tfjs (same widths,
# sigmoid between linear layers, ½·mean-over-batch squared error, plain SGD), in float32 on one thread.
# It stays running and answers the runner's requests, one JSON line in and one out, so it is timed in
# the same interleaved rounds as the other peers:
#   in:  {"workload", "sizes", "batch", "seed", "warmupSteps", "windowMs", "minSteps"}
#   out: {"steps", "ms", "cpuMs", "loss"} (cpuMs: the process's CPU time over the same steps)
# The first line it writes says who it is ({"ready": …}) or why torch is absent ({"absent": "…"}).
import json
import os
import sys
import time


def say(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    import torch
except Exception as e:  # noqa: BLE001 — any import failure means the peer is absent, with its reason
    say({"absent": f"{sys.executable} cannot import torch: {type(e).__name__}: {e}"})
    sys.exit(0)

torch.set_num_threads(1)
torch.set_grad_enabled(True)


def blas_library():
    """The BLAS the process actually loaded, resolved through Debian's alternatives links (the build
    config only says "generic"): e.g. …/openblas-pthread/libblas.so.3."""
    try:
        with open("/proc/self/maps", encoding="utf8") as f:
            paths = {line.split()[-1] for line in f if ".so" in line}
        for path in sorted(paths):
            name = path.rsplit("/", 1)[-1]
            if any(k in name for k in ("openblas", "mkl_core", "blis", "libblas")):
                real = os.path.realpath(path)
                return "/".join(real.rsplit("/", 2)[-2:])
    except OSError:
        pass
    return "unknown"


class Mlp:
    def __init__(self, sizes, batch, seed, lr=0.05):
        torch.manual_seed(seed)
        gen = torch.Generator().manual_seed(seed)
        self.x = torch.rand(batch, sizes[0], generator=gen, dtype=torch.float32) * 2 - 1
        self.y = torch.rand(batch, sizes[-1], generator=gen, dtype=torch.float32)
        self.layers = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            lin = torch.nn.Linear(fan_in, fan_out, bias=True, dtype=torch.float32)
            torch.nn.init.xavier_uniform_(lin.weight)  # the engine's default init; values do not matter for speed
            torch.nn.init.zeros_(lin.bias)
            self.layers.append(lin)
        self.params = [p for lin in self.layers for p in lin.parameters()]
        self.opt = torch.optim.SGD(self.params, lr=lr)
        self.scale = 0.5 / batch

    def step(self):
        h = self.x
        last = len(self.layers) - 1
        for i, lin in enumerate(self.layers):
            h = lin(h)
            if i < last:
                h = torch.sigmoid(h)
        loss = (h - self.y).square().sum() * self.scale  # the engine's `mse`, reduction mean
        self.opt.zero_grad(set_to_none=False)
        loss.backward()
        self.opt.step()
        return loss.item()


def time_steps(step, warmup, window_ms, min_steps):
    """The runner's timing protocol (bench/timing.ts): warm-up, then steps until the window is full."""
    loss = 0.0
    for _ in range(warmup):
        loss = step()
    c0 = time.process_time()
    t0 = time.perf_counter()
    steps = 0
    while True:
        loss = step()
        steps += 1
        now = time.perf_counter()
        if (now - t0) * 1000 >= window_ms and steps >= min_steps:
            break
    return {"steps": steps, "ms": (now - t0) * 1000, "cpuMs": (time.process_time() - c0) * 1000, "loss": loss}


say({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(), "dtype": "float32", "blas": blas_library()})
models = {}
for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    name = req["workload"]
    if name not in models:
        models[name] = Mlp(req["sizes"], req["batch"], req["seed"])
    say(time_steps(models[name].step, req["warmupSteps"], req["windowMs"], req["minSteps"]))
