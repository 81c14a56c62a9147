#!/usr/bin/env bash
# CUBA (samples/cuba.snn) on nmc and on Brian2, in one invocation, on this machine; prints a markdown table for
# docs/benchmarks.md. Extra arguments go to 'nmc bench' (e.g. --target reference --repeat 10).
#   docs/bench/cuba_vs_brian2.sh [nmc bench options]
# Environment: BRIAN2_CODEGEN=cython|numpy (default cython), BRIAN2_SEEDS (default 2007,1,2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
py=/usr/bin/python3

if ! "$py" -c 'import brian2' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "cuba_vs_brian2: installing Debian's python3-brian..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-brian >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-brian >&2; }
  else
    echo "cuba_vs_brian2: Brian2 is missing; install it with: sudo apt-get install python3-brian" >&2
    exit 1
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "cuba_vs_brian2: nmc bench samples/cuba.snn $*" >&2
"$root/nmc" bench "$root/samples/cuba.snn" --json "$@" > "$tmp/nmc.json"
echo "cuba_vs_brian2: Brian2 (${BRIAN2_CODEGEN:-cython}), seeds ${BRIAN2_SEEDS:-2007,1,2}; the first run compiles, about a minute" >&2
"$py" "$root/docs/bench/brian2_cuba.py" --codegen "${BRIAN2_CODEGEN:-cython}" --seeds "${BRIAN2_SEEDS:-2007,1,2}" > "$tmp/brian2.json"

"$py" - "$tmp/nmc.json" "$tmp/brian2.json" <<'PY'
import json, os, platform, sys
n = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
cpu = platform.processor() or "?"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
exc = n["populations"].get("exc", {}).get("rate_hz")
inh = n["populations"].get("inh", {}).get("rate_hz")
nw, bw = n["median_wall_s"], b["wall_warm_median_s"]
def f(x, d=3):
    return "n/a" if x is None else f"{x:,.{d}f}"
print(f"CUBA, {n['duration_ms']:g} ms at dt = {n['dt_ms']:g} ms; {os.cpu_count()} cores, {cpu}")
if n["duration_ms"] != b["duration_ms"] or n["dt_ms"] != b["dt_ms"]:
    print(f"WARNING: nmc ran {n['duration_ms']:g} ms at {n['dt_ms']:g} ms, Brian2 {b['duration_ms']:g} ms at {b['dt_ms']:g} ms; times are not comparable")
print()
print(f"| | nmc ({n['target']}) | Brian2 {b['brian2_version']} ({b['codegen']}, {b['method']}) | Brian2 / nmc |")
print("|---|---|---|---|")
print(f"| wall time of a run (median) | {f(nw)} s ({f(n['median_target_wall_s'])} s simulating) | {f(bw)} s (cache warm) | {f(bw / nw, 2)} |")
print(f"| building the network | (included above) | {f(b['build_warm_median_s'])} s (not included above) | |")
print(f"| first run in the process | | {f(b['wall_first_s'], 1)} s (code generation and compilation) | {f(b['wall_first_s'] / nw, 1)} |")
print(f"| simulated s per wall s | {f(n['sim_s_per_wall_s'])} | {f(b['duration_ms'] / 1000 / bw)} | |")
print(f"| synaptic events per s | {f(n['synaptic_events_per_s'] / 1e6, 1)} M | {f(b['synaptic_events'] / bw / 1e6, 1)} M | |")
print(f"| excitatory rate (Hz) | {f(exc, 2)} | {f(b['exc_rate_hz'], 2)} (mean of seeds {', '.join(map(str, b['seeds']))}) | |")
print(f"| inhibitory rate (Hz) | {f(inh, 2)} | {f(b['inh_rate_hz'], 2)} | |")
print(f"| spikes | {n['spikes']:,} (seed {n['seed']}; identical in all runs: {'yes' if n['spikes_identical'] else 'NO'}) | {b['spikes']:,.0f} | |")
print(f"| synaptic events | {n['synaptic_events']:,} | {b['synaptic_events']:,.0f} | |")
print()
print(f"nmc: {n['repeat']} timed runs after {n['warmup']} warm-up, whole run including network construction. "
      f"Brian2: run() only, {len(b['runs'])} runs, median of all but the first.")
PY
