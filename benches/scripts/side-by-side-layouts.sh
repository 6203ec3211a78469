#!/usr/bin/env bash
# `side-by-side` (from_json against a serde derive, interleaved) built four times, each with
# its functions and blocks placed differently in the binary. The same source can run several
# nanoseconds faster or slower per call with where its hot loops fall against the CPU's fetch
# windows, on either side; one build shows one placement only. A budget that holds in every
# layout does not owe it to a lucky one.
#
#   benches/scripts/side-by-side-layouts.sh        # ROUNDS=1001 RUNS=1 BODY= (one body only)
#
# Each layout builds into target/perf/layout-N (about a minute each, the first time). With
# STRICT=1 the script exits 1 when a ratio exceeds the budget in any layout.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${ROUNDS:-1001}"
RUNS="${RUNS:-1}"
LAYOUTS=(
    ""
    "-C llvm-args=-align-all-functions=6"
    "-C llvm-args=-align-all-nofallthru-blocks=5"
    "-C llvm-args=-align-all-functions=6 -C llvm-args=-align-all-nofallthru-blocks=6"
)

machine
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
for i in "${!LAYOUTS[@]}"; do
    flags="${LAYOUTS[$i]}"
    target="$PERF/layout-$i"
    (cd "$ROOT" && RUSTFLAGS="$flags" CARGO_TARGET_DIR="$target" \
        cargo build --release -q -p msdk-codes-benches --bin side-by-side) >&2
    echo
    echo "## layout $i: ${flags:-the default}"
    echo
    for _ in $(seq "$RUNS"); do
        "$target/release/side-by-side" "$ROUNDS" ${BODY:+"$BODY"} | sed -n '1,2p; /^| `/p; /^| lookup/,/^| [0-9]/p' || failed=1
    done
done
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "${STRICT:-0}" == 1 && $failed == 1 ]]; then
    echo "a ratio exceeds the budget in some layout" >&2
    exit 1
fi
