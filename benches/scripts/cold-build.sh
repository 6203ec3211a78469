#!/usr/bin/env bash
# Cold build (fresh CARGO_TARGET_DIR, dev profile) of a crate using msdk-codes-core against a
# crate depending on thiserror, same run, same machine, alternating. Budget: msdk-codes-core
# with default-features = false <= 1.3x thiserror. Also shown: with default features (json:
# serde + serde_json), and the msdk crate with `msdk_errors!()` limited to one layer.
#
#   benches/scripts/cold-build.sh          # RUNS=3
#
# Dependencies are fetched once (`cargo fetch`, the only step that may use the network), then
# every build is `cargo build --offline`. The crates live in target/perf/cold-build/.
# STRICT=1: exit 1 when the budget does not hold.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-3}"
BUDGET=1.3
DIR="$PERF/cold-build"
LOG="$DIR/log.txt"
mkdir -p "$DIR"
: >"$LOG"

# What each crate does with its dependency: the msdk crates expand the full catalog (or one
# layer) and use it; the thiserror crate derives a comparable error enum (the access layer's
# codes, by hand).
MSDK_FULL='msdk_codes_core::msdk_errors!();

pub fn describe(code: i32) -> Option<String> {
    AccessError::from_code(code).map(|err| format!("{err} ({:?})", err.action()))
}'
MSDK_ONE_LAYER='msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);

pub fn describe(code: i32) -> Option<String> {
    AccessError::from_code(code).map(|err| format!("{err} ({:?})", err.action()))
}'
THISERROR='#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {'
# One variant per access code, as a team would write it with thiserror.
i=0
while IFS= read -r message; do
    i=$((i + 1))
    THISERROR+="
    #[error(\"$message\")]
    Code$i,"
done < <(sed -n 's/^message\.en = "\(.*\)"$/\1/p' "$ROOT/data/access.toml")
THISERROR+='
}

pub fn describe(err: AccessError) -> String {
    err.to_string()
}'

CRATES=(msdk-nodefault thiserror msdk-default msdk-nodefault-1layer)
new_crate "$DIR/msdk-nodefault" perf-msdk-nodefault lib "$(core_dep 'default-features = false')"
new_crate "$DIR/msdk-default" perf-msdk-default lib "$(core_dep)"
new_crate "$DIR/msdk-nodefault-1layer" perf-msdk-nodefault-1layer lib "$(core_dep 'default-features = false')"
new_crate "$DIR/thiserror" perf-thiserror lib 'thiserror = "2"'
echo "$MSDK_FULL" >"$DIR/msdk-nodefault/src/lib.rs"
echo "$MSDK_FULL" >"$DIR/msdk-default/src/lib.rs"
echo "$MSDK_ONE_LAYER" >"$DIR/msdk-nodefault-1layer/src/lib.rs"
echo "$THISERROR" >"$DIR/thiserror/src/lib.rs"

for crate in "${CRATES[@]}"; do
    (cd "$DIR/$crate" && cargo fetch -q) >>"$LOG" 2>&1 || {
        echo "cargo fetch failed for $crate: see $LOG" >&2
        exit 1
    }
done

declare -A samples
for ((run = 1; run <= RUNS; run++)); do
    for crate in "${CRATES[@]}"; do
        rm -rf "$DIR/target-cold"
        t=$(cd "$DIR/$crate" && CARGO_TARGET_DIR="$DIR/target-cold" time_ms cargo build --offline -q)
        samples[$crate]+="$t "
    done
    echo "run $run/$RUNS done" >&2
done
rm -rf "$DIR/target-cold"

deps() { (cd "$DIR/$1" && cargo tree --offline -e normal,build --prefix none 2>/dev/null | sort -u | wc -l); }

# shellcheck disable=SC2086
base=$(median ${samples[thiserror]})
echo
echo "## cold-build: fresh target dir, cargo build --offline (dev profile), median of $RUNS alternating runs"
echo
machine
echo
echo "| crate | crates built | median ms | vs thiserror | budget |"
echo "|---|---:|---:|---:|---|"
status=0
for crate in "${CRATES[@]}"; do
    # shellcheck disable=SC2086
    m=$(median ${samples[$crate]})
    r=$(ratio "$m" "$base")
    case "$crate" in
        msdk-nodefault)
            if at_most "$r" "$BUDGET"; then verdict="<= ${BUDGET}x: holds"; else verdict="<= ${BUDGET}x: DOES NOT HOLD"; status=1; fi ;;
        *) verdict="" ;;
    esac
    echo "| $crate | $(deps "$crate") | $m | ${r}x | $verdict |"
done
echo
echo "msdk-nodefault: msdk-codes-core, default-features = false, msdk_errors!() (full catalog)"
echo "msdk-default: msdk-codes-core with default features (json), msdk_errors!() (full catalog)"
echo "msdk-nodefault-1layer: default-features = false, msdk_errors!(layers = [access], locales = [\"en\"])"
echo "thiserror: thiserror 2, #[derive(thiserror::Error)] on an enum of the access layer's $i codes"
echo
echo "samples (ms):"
for crate in "${CRATES[@]}"; do
    echo "  $crate: ${samples[$crate]}"
done
if [ "${STRICT:-0}" = 1 ]; then exit "$status"; fi
