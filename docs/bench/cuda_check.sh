#!/usr/bin/env bash
# The cuda target against the reference target on every sample the cuda target runs, in float64: the spike files
# that `nmc run --out` writes (neuron, time) must be identical, byte for byte. Prints a markdown table for
# docs/benchmarks.md with the GPU's model; exits with 1 when any sample differs.
#   docs/bench/cuda_check.sh [SAMPLES...]          default: the eight samples below
# Environment: DEVICE=emulated (a dry run on a machine without a GPU: -O device=emulated), THREADS (the cuda
# target's --threads; default its own). On a device machine without Maven or network access, build here first,
# carry runtime/target and run with NMC_NO_BUILD=1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
device=${DEVICE:-gpu}
samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(cuba.snn cuba_loihi.snn fitzhugh_nagumo.snn gap_junction_pair.snn hh_step.snn izhikevich_patterns.snn
  synfire.snn synfire_lif.snn)
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NMC_CACHE="$tmp/cache"
gpu="emulated on the CPU (DEVICE=emulated)"
if [ "$device" = gpu ]; then
  gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1) \
    || { echo "cuda_check: no GPU here (nvidia-smi failed); DEVICE=emulated runs the check on the CUDA emulation" >&2; exit 1; }
fi
echo "cuda target vs reference target, float64, spike files compared byte for byte. GPU: $gpu"
echo
echo "| sample | spikes (reference) | spikes (cuda) | identical | cuda run_s | reference wall_s |"
echo "|---|---|---|---|---|---|"
bad=0
for s in "${samples[@]}"; do
  name=${s%.snn}
  f="$root/samples/$s"
  [ -f "$f" ] || f=$s
  "$root/nmc" run "$f" --out "$tmp/ref_$name" --json --quiet > "$tmp/ref_$name.json"
  "$root/nmc" run "$f" --target cuda -O device="$device" "${threads[@]}" --out "$tmp/cuda_$name" --json --quiet > "$tmp/cuda_$name.json"
  same=yes
  for a in "$tmp/ref_$name"/spikes_*.csv; do
    cmp -s "$a" "$tmp/cuda_$name/$(basename "$a")" || same=no
  done
  [ "$(ls "$tmp/ref_$name"/spikes_*.csv | wc -l)" = "$(ls "$tmp/cuda_$name"/spikes_*.csv | wc -l)" ] || same=no
  [ "$same" = yes ] || bad=1
  python3 - "$s" "$same" "$tmp/ref_$name.json" "$tmp/cuda_$name.json" <<'PY'
import json, sys
s, same, ref, cuda = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
count = lambda d: sum(p["spikes"] for p in d["populations"].values())
print(f"| {s} | {count(ref):,} | {count(cuda):,} | {same} | {cuda['metrics']['run_s']:.3f} | {ref['wall_s']:.3f} |")
PY
done
exit "$bad"
