#!/usr/bin/env bash
# The loihi target (mapping + cycle-level emulator) against the reference target on one network: cost per synaptic
# event, three rounds one after the other in one invocation (reference, loihi --threads 1, loihi --threads 2), on this
# machine. Prints a markdown table for docs/benchmarks.md.
#   docs/bench/loihi_vs_reference.sh [ROUNDS] [FILE] [LOIHI OPTIONS...]
#   e.g. docs/bench/loihi_vs_reference.sh 3 samples/cuba.snn -O approximate=lif
# Defaults: 3 rounds (each: nmc bench --repeat 5 --warmup 2), samples/cuba_loihi.snn, no options.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-3}
file=${2:-"$root/samples/cuba_loihi.snn"}
shift $(( $# < 2 ? $# : 2 ))
py=/usr/bin/python3
bench() { "$root/nmc" bench "$file" --repeat 5 --warmup 2 --json "$@"; }
field='import json,sys; d=json.load(sys.stdin); m=d.get("metrics",{}); print(d["median_wall_s"], d.get("synaptic_events") or m.get("synaptic_ops"), m.get("mapping_s", 0))'
"$root/nmc" targets > /dev/null   # build first, outside the timings
echo "$(basename "$file"), loihi options: ${*:-none}"
echo
echo "| round | reference: median wall | loihi, 1 thread | loihi, 2 threads | loihi mapping (1 thread) |"
echo "|---|---|---|---|---|"
for r in $(seq "$rounds"); do
  read -r rw re _ < <(bench --target reference | "$py" -c "$field")
  read -r l1 o1 m1 < <(bench --target loihi --threads 1 "$@" | "$py" -c "$field")
  read -r l2 o2 _ < <(bench --target loihi --threads 2 "$@" | "$py" -c "$field")
  "$py" - "$r" "$rw" "$re" "$l1" "$o1" "$m1" "$l2" "$o2" <<'PY'
import sys
r, rw, re, l1, o1, m1, l2, o2 = sys.argv[1], *map(float, sys.argv[2:])
ratio = lambda w, ops: (w / ops) / (rw / re)
print(f"| {r} | {rw:.3f} s ({re / rw / 1e6:.1f} M events/s) | {l1:.3f} s ({o1 / l1 / 1e6:.1f} M ops/s), **{ratio(l1, o1):.2f}x** "
      f"| {l2:.3f} s ({o2 / l2 / 1e6:.1f} M ops/s), {ratio(l2, o2):.2f}x | {m1:.3f} s |")
PY
done
echo
echo "ratio = (loihi wall / synaptic ops) / (reference wall / synaptic events); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
