#!/usr/bin/python3
"""CUBA of size N in Brian2's cpp_standalone mode, timed the way docs/bench/cuba_scaling.sh times nmc's cpu target.

The network of samples/cuba.snn (and docs/bench/brian2_cuba.py) scaled to N neurons: 0.8 N excitatory, 0.2 N
inhibitory, connection probability p = 80 / N (about 80 synapses per neuron, as at N = 4000), the same neuron model,
weights, refractory period and exponential-Euler integration; dt 0.1 ms, 1 s. Four Synapses objects as in the .snn.

Times reported (one JSON line):
  run_s       Brian2's own measurement of the simulation loop (Network::run in the generated C++, no compilation,
              no start-up, no file output): device._last_run_time; the fastest of --repeat runs of the compiled
              program (run_s_all lists them all: on a shared machine the fastest is the least disturbed)
  compile_s   code generation and compilation (device.build with run=False)
  process_s   the whole standalone process (loading, initialisation, connect(), the run, writing results)
and the bytes per synapse of Brian2's per-synapse arrays (the files in results/ of the synapse objects).

    /usr/bin/python3 docs/bench/brian2_cuba_standalone.py --n 40000 --threads 2 [--repeat 3] [--seed 2007] [--duration-ms 1000]
"""
import argparse
import glob
import json
import os
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="number of neurons (0.8 N excitatory)")
    ap.add_argument("--threads", type=int, default=1, help="prefs.devices.cpp_standalone.openmp_threads (1: no OpenMP)")
    ap.add_argument("--seed", type=int, default=2007)
    ap.add_argument("--duration-ms", type=float, default=1000.0)
    ap.add_argument("--repeat", type=int, default=1, help="runs of the compiled program (the same seed: identical results)")
    args = ap.parse_args()

    import warnings
    warnings.filterwarnings("ignore", category=FutureWarning)  # numpy deprecations inside Debian's pythran
    import brian2 as b2
    import numpy as np
    b2.BrianLogger.log_level_error()

    tmp = tempfile.TemporaryDirectory(prefix="brian2_cuba_standalone_")
    out = os.path.join(tmp.name, "cuba")
    b2.set_device("cpp_standalone", directory=out, build_on_run=False)
    if args.threads > 1:
        b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    ms, mV = b2.ms, b2.mV
    b2.seed(args.seed)
    b2.defaultclock.dt = 0.1 * ms
    n_exc = int(round(0.8 * args.n))
    n_inh = args.n - n_exc
    p = 80.0 / args.n
    eqs = """
    dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
              we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
    exc = b2.NeuronGroup(n_exc, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms,
                         method="exponential_euler", namespace=ns, name="exc")
    inh = b2.NeuronGroup(n_inh, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms,
                         method="exponential_euler", namespace=ns, name="inh")
    for g in (exc, inh):
        g.v = "Vr + rand() * (Vt - Vr)"
    syn = {}
    for name, pre, post, code, autapses in (("ee", exc, exc, "ge += we", False), ("ei", exc, inh, "ge += we", True),
                                            ("ie", inh, exc, "gi += wi", True), ("ii", inh, inh, "gi += wi", False)):
        s = b2.Synapses(pre, post, on_pre=code, namespace=ns, name=name)
        s.connect(condition=None if autapses else "i != j", p=p)
        syn[name] = s
    mon_e = b2.SpikeMonitor(exc, record=False)
    mon_i = b2.SpikeMonitor(inh, record=False)
    # an explicit Network: the "magic" network of b2.run() would miss the Synapses kept in a dict
    net = b2.Network(exc, inh, *syn.values(), mon_e, mon_i)
    net.run(args.duration_ms * ms)

    t0 = time.perf_counter()
    b2.device.build(directory=out, compile=True, run=False)
    compile_s = time.perf_counter() - t0
    runs, processes = [], []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        b2.device.run(directory=out, with_output=False, run_args=[])
        processes.append(time.perf_counter() - t0)
        runs.append(b2.device._last_run_time)
    run_s, process_s = min(runs), min(processes)

    count_e = np.asarray(mon_e.count[:])
    count_i = np.asarray(mon_i.count[:])

    def events(s, counts, n_src):
        return int(np.dot(counts, np.bincount(np.asarray(s.i[:]), minlength=n_src)))

    synapses = sum(len(s) for s in syn.values())
    per_synapse = 0
    for name in syn:
        for f in glob.glob(os.path.join(out, "results", "_dynamic_array_" + name + "_*")):
            per_synapse += os.path.getsize(f)
    seconds = args.duration_ms / 1000.0
    result = {
        "simulator": "brian2", "brian2_version": b2.__version__, "device": "cpp_standalone", "threads": args.threads,
        "n": args.n, "seed": args.seed, "duration_ms": args.duration_ms, "dt_ms": 0.1, "p": p,
        "synapses": synapses,
        "exc_rate_hz": float(count_e.sum()) / (n_exc * seconds), "inh_rate_hz": float(count_i.sum()) / (n_inh * seconds),
        "spikes": int(count_e.sum() + count_i.sum()),
        "synaptic_events": events(syn["ee"], count_e, n_exc) + events(syn["ei"], count_e, n_exc)
                           + events(syn["ie"], count_i, n_inh) + events(syn["ii"], count_i, n_inh),
        "run_s": run_s, "run_s_all": runs, "compile_s": compile_s, "process_s": process_s,
        "array_bytes_per_synapse": per_synapse / synapses if synapses else None,
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))
    tmp.cleanup()


if __name__ == "__main__":
    main()
