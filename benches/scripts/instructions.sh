#!/usr/bin/env bash
# Instructions per call of `MsdkError::from_json` and of the serde_json baseline (a plain owned
# `#[derive(Deserialize)]` struct) on each body of the runtime benchmark, counted by valgrind's
# callgrind: a count the machine's load does not move, to set beside divan's timings.
#
#   benches/scripts/instructions.sh        # MODES="baseline from_json decode" CALLS=2000
#
# Per call = (instructions of CALLS + 1 calls - instructions of 1 call) / CALLS, so that the
# program's start and the first call's one-time work are left out.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CALLS="${CALLS:-2000}"
MODES="${MODES:-baseline from_json decode}"
BODIES=(success access qq_platform qq_unknown wechat oidb unknown)
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
(cd "$ROOT" && cargo build --release -q -p msdk-codes-benches --bin decode-count) >&2
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/decode-count"

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$2" "$3" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

declare -A per_call
for mode in $MODES; do
    for body in "${BODIES[@]}"; do
        one=$(count "$body" 1 "$mode")
        many=$(count "$body" $((CALLS + 1)) "$mode")
        per_call[$mode.$body]=$(((many - one) / CALLS))
    done
done

echo "## instructions per call (callgrind, $CALLS calls)"
echo
printf '| mode |'; for body in "${BODIES[@]}"; do printf ' `%s` |' "$body"; done; echo
printf '|---|'; for _ in "${BODIES[@]}"; do printf -- '---:|'; done; echo
for mode in $MODES; do
    printf '| %s |' "$mode"
    for body in "${BODIES[@]}"; do printf ' %s |' "${per_call[$mode.$body]}"; done
    echo
done
if [[ " $MODES " == *" baseline "* && " $MODES " == *" from_json "* ]]; then
    printf '| from_json / baseline |'
    for body in "${BODIES[@]}"; do printf ' %sx |' "$(ratio "${per_call[from_json.$body]}" "${per_call[baseline.$body]}")"; done
    echo
fi
