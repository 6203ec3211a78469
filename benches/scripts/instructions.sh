#!/usr/bin/env bash
# Instructions per call of `MsdkError::from_json` and of the serde_json baseline (a plain owned
# `#[derive(Deserialize)]` struct) on each body of the runtime benchmark, counted by valgrind's
# callgrind: a count the machine's load does not move, to set beside divan's timings.
#
#   benches/scripts/instructions.sh        # MODES="baseline from_json decode" CALLS=1000
#                                          # OFFSETS="0 1 2 3 4 5 6 7"
#
# Per call = (instructions of CALLS + 1 calls - instructions of 1 call) / CALLS, so that the
# program's start and the first call's one-time work are left out. A body reaches a server at
# any offset from a word boundary, and UTF-8 checks count differently at each: each figure is
# the mean over the bodies placed at OFFSETS (bytes past a word boundary).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CALLS="${CALLS:-1000}"
OFFSETS="${OFFSETS:-0 1 2 3 4 5 6 7}"
MODES="${MODES:-baseline from_json decode}"
BODIES=(success access qq_platform qq_unknown wechat oidb unknown)
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }
(cd "$ROOT" && cargo build --release -q -p msdk-codes-benches --bin decode-count) >&2
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/decode-count"

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$2" "$3" "$4" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

declare -A per_call
for mode in $MODES; do
    for body in "${BODIES[@]}"; do
        sum=0 offsets=0
        for offset in $OFFSETS; do
            one=$(count "$body" 1 "$mode" "$offset")
            many=$(count "$body" $((CALLS + 1)) "$mode" "$offset")
            sum=$((sum + many - one)) offsets=$((offsets + 1))
        done
        per_call[$mode.$body]=$((sum / (CALLS * offsets)))
    done
done

echo "## instructions per call (callgrind, $CALLS calls at each offset of: $OFFSETS)"
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
