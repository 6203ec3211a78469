#!/usr/bin/env bash
# Incremental rebuild of a crate that calls `msdk_codes_core::msdk_errors!()` (the full catalog)
# against the same crate with the expansion pasted in as source. Budget: macro <= 1.1x pasted.
#
#   benches/scripts/build-time.sh            # RUNS=7 alternating rebuilds of each, dev profile
#   RUNS=3 benches/scripts/build-time.sh
#
# Each run touches src/lib.rs and rebuilds (cargo build, then cargo check), alternating the
# crates; the table shows the medians. A third crate calls the macro with the tip of benches/README.md,
# `[profile.dev.build-override] opt-level = 3` (the macro itself compiled optimized), for
# comparison. The crates live in target/perf/build-time/.
# With TIME_PASSES=1 it also prints rustc's own time for macro expansion (-Z time-passes, through
# RUSTC_BOOTSTRAP=1: a diagnostic only). With INSTRUCTIONS=1 it also counts the instructions of
# one rebuild of each crate (rustc under callgrind, as cargo runs it): a figure the machine's load
# does not move, where the timings above move by a tenth from run to run on a shared machine.
# STRICT=1: exit 1 when the budget does not hold.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-7}"
BUDGET=1.1
DIR="$PERF/build-time"
LOG="$DIR/log.txt"
CRATES=(macro pasted macro-opt)
mkdir -p "$DIR"
: >"$LOG"

for crate in "${CRATES[@]}"; do
    new_crate "$DIR/$crate" "perf-$crate" lib "$(core_dep)"
done
for crate in macro macro-opt; do
    printf '%s\n' '//! The full bundled catalog, through the macro.' 'msdk_codes_core::msdk_errors!();' \
        >"$DIR/$crate/src/lib.rs"
done
printf '\n[profile.dev.build-override]\nopt-level = 3\n' >>"$DIR/macro-opt/Cargo.toml"
# The expansion as a person would paste it, formatted: unformatted, the whole expansion is one
# 600 kB line and each warning renders it, which alone doubles the rebuild.
pasted_expansion "$DIR/expansion.rs" >"$DIR/pasted/src/lib.rs"
rustfmt --edition 2024 "$DIR/pasted/src/lib.rs" >>"$LOG" 2>&1 || echo "rustfmt failed: the pasted expansion stays one line" >&2
EXPANSION_BYTES=$(stat -c %s "$DIR/expansion.rs")

echo "warming up (dependencies and a first build of each crate)..." >&2
for crate in "${CRATES[@]}"; do
    (cd "$DIR/$crate" && cargo build --offline -q && cargo check --offline -q) >>"$LOG" 2>&1 || {
        echo "the $crate crate does not build: see $LOG" >&2
        exit 1
    }
done

declare -A samples
for ((run = 1; run <= RUNS; run++)); do
    for mode in build check; do
        for crate in "${CRATES[@]}"; do
            touch "$DIR/$crate/src/lib.rs"
            t=$(cd "$DIR/$crate" && time_ms cargo "$mode" --offline -q)
            samples[$crate-$mode]+="$t "
        done
    done
    echo "run $run/$RUNS done" >&2
done

echo
echo "## build-time: incremental rebuild after touching lib.rs, full catalog ($EXPANSION_BYTES bytes of expansion)"
echo
machine
echo "runs: $RUNS, alternating, dev profile (incremental); median ms"
echo
echo "| command | msdk_errors!() | pasted expansion | ratio | budget <= ${BUDGET}x | msdk_errors!() with build-override opt-level = 3 |"
echo "|---|---:|---:|---:|---|---:|"
status=0
for mode in build check; do
    # shellcheck disable=SC2086
    m=$(median ${samples[macro-$mode]})
    # shellcheck disable=SC2086
    p=$(median ${samples[pasted-$mode]})
    # shellcheck disable=SC2086
    o=$(median ${samples[macro-opt-$mode]})
    r=$(ratio "$m" "$p")
    if at_most "$r" "$BUDGET"; then verdict=holds; else verdict="DOES NOT HOLD"; status=1; fi
    echo "| cargo $mode | $m | $p | ${r}x | $verdict | $o ($(ratio "$o" "$p")x) |"
done
echo
echo "samples (ms):"
for mode in build check; do
    for crate in "${CRATES[@]}"; do
        echo "  $crate $mode: ${samples[$crate-$mode]}"
    done
done

if [ "${TIME_PASSES:-0}" = 1 ]; then
    echo
    echo "rustc -Z time-passes (RUSTC_BOOTSTRAP=1), one rebuild, seconds:"
    echo
    echo "| crate | macro_expand_crate | rustc total |"
    echo "|---|---:|---:|"
    for crate in "${CRATES[@]}"; do
        touch "$DIR/$crate/src/lib.rs"
        passes=$(cd "$DIR/$crate" && RUSTC_BOOTSTRAP=1 cargo rustc --offline -q --lib -- -Z time-passes 2>&1 || true)
        expand=$(echo "$passes" | awk '$NF == "macro_expand_crate" { gsub(";", "", $2); print $2; exit }')
        total=$(echo "$passes" | awk '$NF == "total" { gsub(";", "", $2); t = $2 } END { print t }')
        echo "| $crate | ${expand:-?} | ${total:-?} |"
    done
fi
if [ "${INSTRUCTIONS:-0}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "INSTRUCTIONS=1 needs valgrind" >&2; exit 1; }
    echo
    echo "instructions of one incremental rebuild (rustc under callgrind), millions:"
    echo
    echo "| command | msdk_errors!() | pasted expansion | ratio | msdk_errors!() with build-override opt-level = 3 |"
    echo "|---|---:|---:|---:|---:|"
    for mode in build check; do
        declare -A counted
        for crate in "${CRATES[@]}"; do
            # cargo's own rustc command line, run again under callgrind after the same touch.
            rustc_line=$(cd "$DIR/$crate" && touch src/lib.rs && cargo "$mode" --offline -v 2>&1 |
                sed -n 's/^ *Running `\(.*--crate-name perf_.*\)`$/\1/p' | tail -1)
            touch "$DIR/$crate/src/lib.rs"
            counted[$crate]=$(cd "$DIR/$crate" && CARGO_MANIFEST_DIR="$DIR/$crate" eval \
                "valgrind --tool=callgrind --callgrind-out-file=/dev/null $rustc_line" 2>&1 |
                sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | awk '{ printf "%.0f", $1 / 1e6 }')
        done
        m=${counted[macro]} p=${counted[pasted]} o=${counted[macro-opt]}
        echo "| cargo $mode | $m | $p | $(ratio "$m" "$p")x | $o ($(ratio "$o" "$p")x) |"
    done
fi
if [ "${STRICT:-0}" = 1 ]; then exit "$status"; fi
