#!/usr/bin/env bash
# Training throughput of samples/fashion_mlp.snn (784-128-10 on Fashion-MNIST, Adam, batches of 64) on nmc and on
# scikit-learn's MLPClassifier with the same architecture and settings, one after the other on this machine;
# prints a markdown table for docs/benchmarks.md. Two epochs each: the first includes warm-up (JIT, caches).
#   docs/bench/ann_vs_sklearn.sh [--threads N]
# Installs Debian's python3-sklearn (and the dataset) when missing and run as root.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
py=/usr/bin/python3
"$root/scripts/ensure-datasets"
if ! "$py" -c 'import sklearn' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "ann_vs_sklearn: installing Debian's python3-sklearn..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn >&2; }
  else
    echo "ann_vs_sklearn: scikit-learn is missing; install it with: sudo apt-get install python3-sklearn" >&2
    exit 1
  fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "ann_vs_sklearn: nmc train samples/fashion_mlp.snn --epochs 2 $*" >&2
"$root/nmc" train "$root/samples/fashion_mlp.snn" --epochs 2 --out "$tmp/m.model.json" --json "$@" > "$tmp/nmc.json"
echo "ann_vs_sklearn: scikit-learn MLPClassifier, 2 epochs" >&2
"$py" "$root/docs/bench/sklearn_mlp.py" --epochs 2 > "$tmp/sk.json"
"$py" - "$tmp/nmc.json" "$tmp/sk.json" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
import os
print(f"{os.cpu_count()} cores ({cpu}); nmc: {n['threads']} threads, {n['kernel']} kernel; peer: {s['peer']} (numpy {s['numpy']})\n")
print("| epoch | nmc images/s | nmc test accuracy | scikit-learn images/s | scikit-learn test accuracy | nmc / scikit-learn |")
print("|---|---|---|---|---|---|")
for a, b in zip(n["history"], s["epochs"]):
    print(f"| {a['epoch']} | {a['images_per_second']:,.0f} | {100*a['test_accuracy']:.2f}% | {b['images_per_second']:,.0f} | "
          f"{100*b['test_accuracy']:.2f}% | {a['images_per_second']/b['images_per_second']:.1f} |")
PY
