#!/usr/bin/python3
"""The CUBA network of samples/cuba.snn, built in Brian2, timed the way `nmc bench` times nmc.

Brette et al. (2007) CUBA as in Brian2's example: 4000 LIF neurons (3200 excitatory, 800 inhibitory), connection
probability 0.02 (no autapses in exc->exc and inh->inh), taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV,
El -49 mV, we = 60*0.27/10 mV, wi = -20*4.5/10 mV, refractory 5 ms, v0 uniform in [Vr, Vt), dt 0.1 ms, 1 s.
The four projections are separate Synapses objects, as in the .snn file.

For every seed the network is built and run twice in this process; the wall time of run() is measured, and
separately that of building the network (the random connect() calls).
The very first run includes Brian2's code generation and Cython compilation (into an empty, temporary cache
unless --keep-cache); every later run finds its compiled code in the cache. Prints one JSON line.

    /usr/bin/python3 docs/bench/brian2_cuba.py [--codegen cython|numpy] [--seeds 2007,1,2] [--method exponential_euler]
"""
import argparse
import json
import statistics
import sys
import tempfile
import time


def build_and_run(b2, seed, duration_ms, method):
    """Builds the network with `seed`, runs it, and returns counts and the wall time of run()."""
    ms, mV = b2.ms, b2.mV
    t_build = time.perf_counter()
    b2.start_scope()
    b2.seed(seed)
    b2.defaultclock.dt = 0.1 * ms
    eqs = """
    dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    namespace = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
                     we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
    exc = b2.NeuronGroup(3200, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method=method,
                         namespace=namespace, name="exc")
    inh = b2.NeuronGroup(800, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method=method,
                         namespace=namespace, name="inh")
    for g in (exc, inh):
        g.v = "Vr + rand() * (Vt - Vr)"
        g.ge = 0 * mV
        g.gi = 0 * mV
    ee = b2.Synapses(exc, exc, on_pre="ge += we", namespace=namespace, name="ee")
    ei = b2.Synapses(exc, inh, on_pre="ge += we", namespace=namespace, name="ei")
    ie = b2.Synapses(inh, exc, on_pre="gi += wi", namespace=namespace, name="ie")
    ii = b2.Synapses(inh, inh, on_pre="gi += wi", namespace=namespace, name="ii")
    ee.connect("i != j", p=0.02)
    ei.connect(p=0.02)
    ie.connect(p=0.02)
    ii.connect("i != j", p=0.02)
    mon_e = b2.SpikeMonitor(exc, record=False)
    mon_i = b2.SpikeMonitor(inh, record=False)
    # Per-neuron spike counts are needed for the synaptic events; a SpikeMonitor with record=False keeps only counts.
    net = b2.Network(exc, inh, ee, ei, ie, ii, mon_e, mon_i)
    t0 = time.perf_counter()
    build = t0 - t_build
    net.run(duration_ms * ms)
    wall = time.perf_counter() - t0

    import numpy as np
    count_e = np.asarray(mon_e.count[:])
    count_i = np.asarray(mon_i.count[:])

    def events(syn, counts, n_src):
        out_degree = np.bincount(np.asarray(syn.i[:]), minlength=n_src)
        return int(np.dot(counts, out_degree))

    seconds = duration_ms / 1000.0
    return {
        "seed": seed,
        "exc_rate_hz": float(count_e.sum()) / (3200 * seconds),
        "inh_rate_hz": float(count_i.sum()) / (800 * seconds),
        "spikes": int(count_e.sum() + count_i.sum()),
        "synaptic_events": events(ee, count_e, 3200) + events(ei, count_e, 3200)
                           + events(ie, count_i, 800) + events(ii, count_i, 800),
        "synapses": int(len(ee) + len(ei) + len(ie) + len(ii)),
        "wall_s": wall,
        "build_s": build,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--codegen", choices=["cython", "numpy"], default="cython", help="Brian2 runtime code generation target")
    ap.add_argument("--seeds", default="2007,1,2", help="comma-separated seeds; each is run twice")
    ap.add_argument("--method", default="exponential_euler", choices=["exponential_euler", "exact", "euler"],
                    help="integration method (nmc's cuba.snn uses exponential_euler)")
    ap.add_argument("--duration-ms", type=float, default=1000.0)
    ap.add_argument("--keep-cache", action="store_true",
                    help="use Brian2's usual Cython cache (then the first run may not include compilation)")
    args = ap.parse_args()

    import warnings
    warnings.filterwarnings("ignore", category=FutureWarning)  # numpy deprecations inside Debian's pythran
    import brian2 as b2
    b2.prefs.codegen.target = args.codegen
    b2.BrianLogger.log_level_error()
    tmp = None
    if args.codegen == "cython" and not args.keep_cache:
        tmp = tempfile.TemporaryDirectory(prefix="brian2_cuba_cache_")
        b2.prefs.codegen.runtime.cython.cache_dir = tmp.name

    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    runs = []
    for s in seeds:
        for _ in range(2):
            runs.append(build_and_run(b2, s, args.duration_ms, args.method))

    deterministic = all(runs[2 * k]["spikes"] == runs[2 * k + 1]["spikes"] for k in range(len(seeds)))
    per_seed = runs[0::2]
    warm = [r["wall_s"] for r in runs[1:]]
    out = {
        "simulator": "brian2",
        "brian2_version": b2.__version__,
        "python": sys.version.split()[0],
        "codegen": args.codegen,
        "method": args.method,
        "duration_ms": args.duration_ms,
        "dt_ms": 0.1,
        "seeds": seeds,
        "exc_rate_hz": statistics.mean(r["exc_rate_hz"] for r in per_seed),
        "inh_rate_hz": statistics.mean(r["inh_rate_hz"] for r in per_seed),
        "spikes": statistics.mean(r["spikes"] for r in per_seed),
        "synaptic_events": statistics.mean(r["synaptic_events"] for r in per_seed),
        "wall_first_s": runs[0]["wall_s"],
        "wall_warm_median_s": statistics.median(warm) if warm else None,
        "wall_warm_min_s": min(warm) if warm else None,
        "build_warm_median_s": statistics.median(r["build_s"] for r in runs[1:]) if len(runs) > 1 else None,
        "same_counts_when_repeated": deterministic,
        "runs": runs,
    }
    print(json.dumps(out))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
