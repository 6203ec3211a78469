#!/usr/bin/env bash
# How expansion and rebuild time grow with the catalog: synthetic catalogs 1x, 10x and 100x the
# bundled one (copies of data/*.toml whose layer ids get a suffix: `access` -> `access_s7`), each
# expanded in-process (expand-time) and compiled in a crate calling `msdk_errors!("data/*.toml")`.
# The cost should grow about linearly: the last columns divide by the 1x row.
#
#   benches/scripts/scale.sh                 # SCALES="1 10 100"
#   SCALES="1 10" benches/scripts/scale.sh   # skip the 100x build (the slow one)
#
# Rebuild: touch src/lib.rs, cargo build (dev profile), median of a few runs (one at 100x).
# The crates live in target/perf/scale/. TIME_PASSES=1 adds rustc's own split of one more build
# per scale (-Z time-passes through RUSTC_BOOTSTRAP=1, a diagnostic only; +2 minutes at 100x).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCALES="${SCALES:-1 10 100}"
DIR="$PERF/scale"
LOG="$DIR/log.txt"
mkdir -p "$DIR"
: >"$LOG"

echo "building expand-time (release and dev)..." >&2
RELEASE="$(bench_bins)"
(cd "$ROOT" && cargo build -q -p msdk-codes-benches --bin expand-time) >&2
DEV="$ROOT/target/debug"

# make_catalog N DIR: N copies of every bundled layer, ids suffixed _s1.._sN.
make_catalog() {
    local n="$1" data="$2/data" k file
    rm -rf "$data"
    mkdir -p "$data"
    for ((k = 1; k <= n; k++)); do
        for file in "$ROOT"/data/*.toml; do
            sed "s/^id = \"\\(.*\\)\"\$/id = \"\\1_s$k\"/" "$file" >"$data/$(basename "$file" .toml)_s$k.toml"
        done
    done
}

# The median ms of `generate + to_string` printed by expand-time.
expand_ms() { # expand_ms BIN_DIR CRATE_DIR ITERS
    CARGO_MANIFEST_DIR="$2" "$1/expand-time" --no-stages --iters "$3" --args '"data/*.toml"' |
        awk -F'|' '/generate \+ to_string/ { gsub(/ /, "", $3); print $3 }'
}

declare -A rows passes
for scale in $SCALES; do
    crate="$DIR/x$scale"
    new_crate "$crate" "perf-scale-x$scale" lib "$(core_dep 'default-features = false')"
    make_catalog "$scale" "$crate"
    printf '%s\n' 'msdk_codes_core::msdk_errors!("data/*.toml");' >"$crate/src/lib.rs"
    entries=$(cat "$crate"/data/*.toml | grep -c '^\[\[code\]\]')
    data_kb=$(($(cat "$crate"/data/*.toml | wc -c) / 1024))
    case "$scale" in
        1) it_release=21 it_dev=5 rebuilds=5 ;;
        10) it_release=5 it_dev=3 rebuilds=3 ;;
        *) it_release=3 it_dev=1 rebuilds=1 ;;
    esac
    echo "x$scale: $entries entries; expanding..." >&2
    exp_release=$(expand_ms "$RELEASE" "$crate" "$it_release")
    exp_dev=$(expand_ms "$DEV" "$crate" "$it_dev")
    out_kb=$(($(CARGO_MANIFEST_DIR="$crate" "$RELEASE/dump-expansion" "$DIR/expansion-x$scale.rs" '"data/*.toml"' |
        awk '{ print $2 }') / 1024))
    rm -f "$DIR/expansion-x$scale.rs"
    echo "x$scale: first build..." >&2
    # Dependencies first (not counted), and no leftover of an earlier run of this script.
    (cd "$crate" && export CARGO_TARGET_DIR="$DIR/target" &&
        cargo build --offline -q -p msdk-codes-core && cargo clean --offline -q -p "perf-scale-x$scale") >>"$LOG" 2>&1
    first=$(cd "$crate" && CARGO_TARGET_DIR="$DIR/target" time_ms cargo build --offline -q)
    times=()
    for ((run = 1; run <= rebuilds; run++)); do
        touch "$crate/src/lib.rs"
        times+=("$(cd "$crate" && CARGO_TARGET_DIR="$DIR/target" time_ms cargo build --offline -q)")
    done
    rebuild=$(median "${times[@]}")
    echo "x$scale: rebuild ${times[*]} ms" >&2
    rows[$scale]="$entries $data_kb $out_kb $exp_release $exp_dev $first $rebuild"
    if [ "${TIME_PASSES:-0}" = 1 ]; then
        touch "$crate/src/lib.rs"
        passes[$scale]=$(cd "$crate" && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$DIR/target" \
            cargo rustc --offline -q --lib -- -Z time-passes 2>&1 || true)
    fi
done

echo
echo "## scale: synthetic catalogs, expansion and rebuild time against size"
echo
machine
echo "expansion: in-process msdk_codes_gen::generate + to_string, median ms (expand-time, release and dev builds)"
echo "rebuild: touch lib.rs + cargo build (dev), median ms; first: the crate's first build, dependencies already built"
echo
echo "| scale | entries | data KiB | expansion KiB | expand ms (release) | expand ms (dev) | first build ms | rebuild ms | expand (dev) per 1x | rebuild per 1x |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
read -r _ _ _ _ base_dev _ base_rebuild <<<"${rows[1]:-0 0 0 0 0 0 0}"
for scale in $SCALES; do
    read -r entries data_kb out_kb exp_release exp_dev first rebuild <<<"${rows[$scale]}"
    per_exp=$(awk -v a="$exp_dev" -v b="$base_dev" -v s="$scale" 'BEGIN { if (b > 0) printf "%.2f", a / b / s; else print "n/a" }')
    per_rebuild=$(awk -v a="$rebuild" -v b="$base_rebuild" -v s="$scale" 'BEGIN { if (b > 0) printf "%.2f", a / b / s; else print "n/a" }')
    echo "| ${scale}x | $entries | $data_kb | $out_kb | $exp_release | $exp_dev | $first | $rebuild | $per_exp | $per_rebuild |"
done
echo
echo "'per 1x' = (time / time at 1x) / scale: 1.00 is exactly linear, below 1 sublinear (fixed costs amortized)."

if [ "${TIME_PASSES:-0}" = 1 ]; then
    PASSES=(macro_expand_crate late_resolve_crate type_check_crate MIR_borrow_checking coherence_checking
        generate_crate_metadata LLVM_passes total)
    echo
    echo "rustc -Z time-passes, seconds (one non-incremental build per scale):"
    echo
    printf '| scale |'
    printf ' %s |' "${PASSES[@]}"
    echo
    printf '|---|'
    printf -- '---:|%.0s' "${PASSES[@]}"
    echo
    for scale in $SCALES; do
        printf '| %sx |' "$scale"
        for pass in "${PASSES[@]}"; do
            printf ' %s |' "$(echo "${passes[$scale]}" |
                awk -v p="$pass" '$NF == p { gsub(";", "", $2); t = $2 } END { print (t == "" ? "?" : t) }')"
        done
        echo
    done
fi
