#!/usr/bin/env bash
# Writes samples/cuba.snn scaled to N neurons on stdout: 0.8 N excitatory, 0.2 N inhibitory, connection probability
# 80 / N (about 80 synapses per neuron, as in the sample at N = 4000); everything else unchanged.
#   docs/bench/cuba_scaling_snn.sh N > cuba_N.snn
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:?usage: cuba_scaling_snn.sh N}
exc=$(( n * 4 / 5 )); inh=$(( n - exc ))
p=$(awk -v n="$n" 'BEGIN { printf "%.10g", 80 / n }')
sed -e "s/^population exc = 3200 x/population exc = $exc x/" -e "s/^population inh = 800 x/population inh = $inh x/" \
    -e "s/fixed_probability(0\.02/fixed_probability($p/g" "$root/samples/cuba.snn"
