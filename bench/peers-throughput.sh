#!/usr/bin/env bash
# Local-training throughput of FedSim against the NumPy and PyTorch FedAvg peers (../shared/peers), side by
# side in one sitting, on the peers' synthetic scenario (MNIST's shape: K=100, n=600, C=0.1, E=1, B=10,
# lr=0.1, 2NN 784-200-200-10, 20 rounds, evaluation only after the last round).
#   bash bench/peers-throughput.sh [REPS]
# Needs /usr/bin/python3 with python3-numpy, python3-torch and libopenblas0-pthread (without it NumPy runs on the
# reference BLAS): apt-get install python3-numpy python3-torch libopenblas0-pthread
# Per core: FedSim with 1 training thread against one single-threaded peer process. Whole machine: FedSim with
# one training thread per core against one single-threaded peer process per core, side by side (their sum).
# Like the peers, FedSim's main figure counts local training over every round (round 1 and its JIT warm-up
# included; `fedsim bench --warmup 0`, train_samples_per_sec: from each round's first client start to its last
# finish); "fedsim-rounds" counts whole rounds (sampling, messages, aggregation too) apart from the evaluated last.
# The ratio column is FedSim's local-training figure over each row's.
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
peers="${PEERS:-$home/../shared/peers}"
reps="${1:-3}"
# The peers get the OpenBLAS kernels ./fedsim picks: both OpenBLAS builds fall back to their slowest (Prescott)
# kernels on a CPU that a hypervisor reports as a generic model.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  if grep -qm1 -w avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qm1 -w avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell
  fi
fi
echo "OpenBLAS kernels: ${OPENBLAS_CORETYPE:-auto}" >&2
cores="$(nproc)"
out="$(mktemp -d)"
scenario="$out/bench-2nn.conf"
cat > "$scenario" <<'CONF'
name = bench-2nn
rounds = 20
seed = 0
eval-every = 1000
data {
  source = blobs
  blobs { features = 784, classes = 10, train-samples = 60000, test-samples = 10000, center-std = 0.035, noise-std = 0.35 }
  partition { scheme = iid }
}
clients { count = 100, fraction = 0.1, local-epochs = 1, batch-size = 10, learning-rate = 0.1 }
model { type = mlp, hidden = [200, 200] }
CONF

fedsim_rates() { # threads -> "local-training whole-rounds" samples/s, every round but the evaluated last one
  local line
  line="$("$home/fedsim" bench "$scenario" --rounds 20 --warmup 0 --set runtime.training-threads="$1" 2>/dev/null)"
  echo "$line" | tr ' ' '\n' | awk -F= '$1 == "train_samples_per_sec" { t = $2 } $1 == "samples_per_sec" { w = $2 }
    END { printf "%.0f %.0f", t, w }'
}
peer_rate() { # impl processes
  local pids=() files=()
  for ((p = 0; p < $2; p++)); do
    files+=("$out/$1-$p-$RANDOM.txt")
    (cd "$peers" && OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "fedavg_$1.py" --model 2nn --K 100 --R 20 \
      --seed "$p" --threads 1 --quiet > "${files[-1]}") &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "${files[@]}" | grep -o 'samples_per_sec=[0-9.]*' | cut -d= -f2 | awk '{ s += $1 } END { printf "%.0f", s }'
}
median() { tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A runs
for ((r = 1; r <= reps; r++)); do
  for row in "fedsim 1" "numpy 1" "torch 1" "fedsim $cores" "numpy $cores" "torch $cores"; do
    set -- $row
    if [ "$1" = fedsim ]; then
      read -r t w <<< "$(fedsim_rates "$2")"
      runs[fedsim $2]="${runs[fedsim $2]:-} $t"
      runs[fedsim-rounds $2]="${runs[fedsim-rounds $2]:-} $w"
      echo "rep $r: $row -> $t samples/s of local training, $w of whole rounds" >&2
    else
      v=$(peer_rate "$1" "$2")
      runs[$row]="${runs[$row]:-} $v"
      echo "rep $r: $row -> $v samples/s" >&2
    fi
  done
done
printf '\n| setup | samples/s, median (runs) | FedSim / this |\n|---|---|---|\n'
for n in 1 "$cores"; do
  f=$(echo ${runs[fedsim $n]} | median)
  for impl in fedsim fedsim-rounds numpy torch; do
    m=$(echo ${runs[$impl $n]} | median)
    printf '| %s, %s | %s (%s) | %s |\n' "$impl" "$([ "$n" = 1 ] && echo '1 core' || echo "$n cores")" "$m" \
      "$(echo ${runs[$impl $n]} | tr ' ' '/')" "$(awk -v a="$f" -v b="$m" 'BEGIN { printf "%.2f", a / b }')"
  done
done
rm -rf "$out"
