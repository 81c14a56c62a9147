#!/usr/bin/env bash
# CUBA at several sizes on nmc's cpu target and on Brian2 cpp_standalone, on 1 and 2 threads, in one invocation,
# on this machine; prints a markdown table for docs/benchmarks.md (and keeps the raw JSON lines).
#   docs/bench/cuba_scaling.sh [SIZES] [THREADS]      e.g. docs/bench/cuba_scaling.sh "4000 40000 200000" "1 2"
# Environment: REPEAT (timed runs per side and configuration, default 3), OUT (where the JSON lines go, default a
# temporary file). The table gives the fastest run of each side (on a shared machine the least disturbed one) and
# the raw lines keep every run.
# Both sides: the same network (samples/cuba.snn scaled by docs/bench/cuba_scaling_snn.sh: 0.8 N excitatory,
# p = 80 / N), 1 s at dt = 0.1 ms, exponential Euler; the time of the simulation loop alone (nmc: metrics.run_s
# of `nmc bench`, Brian2: its own measurement of Network::run), compilation separately (nmc: into an empty cache).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sizes=${1:-"4000 40000 200000"}
threads=${2:-"1 2"}
repeat=${REPEAT:-3}
py=/usr/bin/python3
"$py" -c 'import brian2' 2>/dev/null || { echo "cuba_scaling: Brian2 is missing; install it with: apt-get install python3-brian" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/results.jsonl}
: > "$out"
export NMC_CACHE="$tmp/cache"   # an empty kernel cache: the first run of each size compiles
for n in $sizes; do
  "$root/docs/bench/cuba_scaling_snn.sh" "$n" > "$tmp/cuba_$n.snn"
  echo "cuba_scaling: N = $n: nmc compile" >&2
  "$root/nmc" run "$tmp/cuba_$n.snn" --target cpu --json --quiet --out "$tmp/run_$n" \
    | "$py" -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"side": "nmc-compile", "n": '"$n"', "compile_s": d["metrics"]["compile_s"]}))' >> "$out"
  for t in $threads; do
    for r in $(seq "$repeat"); do
      echo "cuba_scaling: N = $n, $t thread(s): nmc bench --repeat 1 --warmup 1 ($r of $repeat)" >&2
      "$root/nmc" bench "$tmp/cuba_$n.snn" --target cpu --threads "$t" --repeat 1 --warmup 1 --json \
        | "$py" -c 'import json,sys; d=json.load(sys.stdin); d["side"]="nmc"; d["n"]='"$n"'; d["threads"]='"$t"'; print(json.dumps(d))' >> "$out"
    done
    echo "cuba_scaling: N = $n, $t thread(s): Brian2 cpp_standalone, compiled once, run $repeat times" >&2
    (cd "$tmp" && "$py" "$root/docs/bench/brian2_cuba_standalone.py" --n "$n" --threads "$t" --repeat "$repeat") \
      | "$py" -c 'import json,sys; d=json.loads(sys.stdin.read()); d["side"]="brian2"; print(json.dumps(d))' >> "$out"
  done
done

"$py" - "$out" <<'PY'
import json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = "?"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"] * 3
print(f"CUBA, 1 s at dt = 0.1 ms; {os.cpu_count()} cores, {cpu}; load average at the end {' '.join(load)}")
print()
print("| N | synapses | threads | nmc cpu: run (s), fastest | Brian2 cpp_standalone: run (s), fastest | Brian2 / nmc | nmc: sim s per wall s | Brian2: sim s per wall s "
      "| nmc: events per s | Brian2: events per s | nmc / Brian2 spikes | compile nmc / Brian2 (s) | bytes per synapse nmc / Brian2 |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
comp = {r["n"]: r["compile_s"] for r in rows if r["side"] == "nmc-compile"}
done = set()
for r0 in rows:
    if r0["side"] != "nmc" or (r0["n"], r0["threads"]) in done:
        continue
    done.add((r0["n"], r0["threads"]))
    mine = [x for x in rows if x["side"] == "nmc" and x["n"] == r0["n"] and x["threads"] == r0["threads"]]
    r = min(mine, key=lambda x: x["metrics"]["run_s"])
    b = next(x for x in rows if x["side"] == "brian2" and x["n"] == r["n"] and x["threads"] == r["threads"])
    m = r["metrics"]
    nr, br = m["run_s"], b["run_s"]
    print(f"| {r['n']:,} | {int(m['connections']):,} | {r['threads']} | {nr:.3f} | {br:.3f} | {br / nr:.2f} | {1 / nr:.2f} | {1 / br:.2f} "
          f"| {r['synaptic_events'] / nr / 1e6:.1f} M | {b['synaptic_events'] / br / 1e6:.1f} M | {r['spikes']:,} / {b['spikes']:,} "
          f"| {comp.get(r['n'], float('nan')):.1f} / {b['compile_s']:.1f} | {m.get('synapse_bytes_per_connection', float('nan')):.2f} / {b['array_bytes_per_synapse']:.2f} |")
PY
echo "cuba_scaling: raw results in $out" >&2
