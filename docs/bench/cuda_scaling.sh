#!/usr/bin/env bash
# CUBA at several sizes on nmc's cuda target, against its cpu target (all cores) and, where Brian2 is installed,
# Brian2 cpp_standalone (all cores), in one invocation on this machine; prints a markdown table for
# docs/benchmarks.md with the GPU's model, and keeps the raw JSON lines.
#   docs/bench/cuda_scaling.sh [SIZES] [CUDA_THREADS]     e.g. docs/bench/cuda_scaling.sh "4000 200000 1000000" "1024 4096"
# Environment: REPEAT (timed runs per configuration, default 3), OUT (where the JSON lines go, default a temporary
# file), EXCHANGES (the cuda target's -O exchange values to time, default "serial parallel"), DEVICE=emulated (a dry run of the script on a machine without a GPU: the cuda target's code on the CUDA
# emulation, -O device=emulated; its times are not a GPU's), CPU_THREADS (default: all cores).
# The network is samples/cuba.snn scaled by docs/bench/cuba_scaling_snn.sh (0.8 N excitatory, p = 80 / N), 1 s at
# dt = 0.1 ms; times are the simulation loop alone (nmc: metrics.run_s of `nmc bench`, the fastest of REPEAT runs
# after one warm-up; Brian2: its own measurement of Network::run). The cuda row's run_s includes copying the spike
# records, counters and probes back in 50 chunks, as a run does.
# On a device machine without Maven or network access, build here first and carry runtime/target; run with
# NMC_NO_BUILD=1 (the launcher then uses the carried jars).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sizes=${1:-"4000 200000 1000000"}
cuda_threads=${2:-"1024"}
repeat=${REPEAT:-3}
cpu_threads=${CPU_THREADS:-$(nproc)}
exchanges=${EXCHANGES:-"serial parallel"}
device=${DEVICE:-gpu}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/results.jsonl}
: > "$out"
export NMC_CACHE="$tmp/cache"   # an empty kernel cache: the first run of each size compiles
gpu="emulated on the CPU (DEVICE=emulated)"
if [ "$device" = gpu ]; then
  gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1) \
    || { echo "cuda_scaling: no GPU here (nvidia-smi failed); DEVICE=emulated runs the script on the CUDA emulation" >&2; exit 1; }
fi
brian=1
"$py" -c 'import brian2' 2>/dev/null || { brian=0; echo "cuda_scaling: Brian2 is not installed here: its column stays empty" >&2; }

bench() { # N TARGET THREADS [OPTIONS...]: one JSON line
  local n=$1 target=$2 t=$3; shift 3
  "$root/nmc" bench "$tmp/cuba_$n.snn" --target "$target" --threads "$t" --repeat 1 --warmup 1 --json "$@" \
    | "$py" -c 'import json,sys; d=json.load(sys.stdin); d["side"]="'"$target"'"; d["n"]='"$n"'; d["threads"]='"$t"'; print(json.dumps(d))'
}
for n in $sizes; do
  "$root/docs/bench/cuba_scaling_snn.sh" "$n" > "$tmp/cuba_$n.snn"
  for t in $cuda_threads; do
    for x in $exchanges; do
      for r in $(seq "$repeat"); do
        echo "cuda_scaling: N = $n, cuda --threads $t -O exchange=$x ($r of $repeat)" >&2
        bench "$n" cuda "$t" -O device="$device" -O exchange="$x" | "$py" -c 'import json,sys; d=json.loads(sys.stdin.read()); d["exchange"]="'"$x"'"; print(json.dumps(d))' >> "$out"
      done
    done
  done
  for r in $(seq "$repeat"); do
    echo "cuda_scaling: N = $n, cpu --threads $cpu_threads ($r of $repeat)" >&2
    bench "$n" cpu "$cpu_threads" >> "$out"
  done
  if [ "$brian" = 1 ]; then
    echo "cuda_scaling: N = $n: Brian2 cpp_standalone, $cpu_threads threads, compiled once, run $repeat times" >&2
    (cd "$tmp" && "$py" "$root/docs/bench/brian2_cuba_standalone.py" --n "$n" --threads "$cpu_threads" --repeat "$repeat") \
      | "$py" -c 'import json,sys; d=json.loads(sys.stdin.read()); d["side"]="brian2"; print(json.dumps(d))' >> "$out"
  fi
done

GPU="$gpu" "$py" - "$out" <<'PY'
import json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = "?"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
print(f"CUBA, 1 s at dt = 0.1 ms, float64. GPU: {os.environ['GPU']}; CPU: {os.cpu_count()} cores, {cpu}")
print()
print("| N | synapses | cuda threads, exchange | cuda: run (s) | cpu target: run (s), threads | Brian2 cpp_standalone: run (s) | cpu / cuda | Brian2 / cuda "
      "| cuda: sim s per wall s | cuda: events per s | spikes cuda / cpu | energy (J), source |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
def fastest(side, n, t=None, x=None):
    mine = [r for r in rows if r["side"] == side and r["n"] == n and (t is None or r["threads"] == t) and (x is None or r.get("exchange") == x)]
    return min(mine, key=lambda r: r["metrics"]["run_s"]) if mine else None
seen = set()
for r0 in rows:
    key = (r0["n"], r0["threads"], r0.get("exchange"))
    if r0["side"] != "cuda" or key in seen:
        continue
    seen.add(key)
    g = fastest("cuda", *key)
    c = fastest("cpu", r0["n"])
    b = next((x for x in rows if x["side"] == "brian2" and x["n"] == r0["n"]), None)
    m = g["metrics"]
    gr, cr = m["run_s"], c["metrics"]["run_s"]
    br = f"{b['run_s']:.3f}" if b else "(not here)"
    bratio = f"{b['run_s'] / gr:.2f}" if b else ""
    src = "measured" if m.get("energy_source.measured") else "estimated" if m.get("energy_source.estimated") else "none"
    energy = f"{m['energy_j']:.3g}, {src}" if "energy_j" in m else "none"
    print(f"| {g['n']:,} | {int(m['connections']):,} | {g['threads']}, {g['exchange']} | {gr:.3f} | {cr:.3f}, {c['threads']} | {br} | {cr / gr:.2f} | {bratio} "
          f"| {1 / gr:.2f} | {g['synaptic_events'] / gr / 1e6:.1f} M | {g['spikes']:,} / {c['spikes']:,} | {energy} |")
PY
echo "cuda_scaling: raw results in $out" >&2
