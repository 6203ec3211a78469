#!/usr/bin/env bash
# Why the rebuild of a 100x catalog is not linear: rustc's name resolution inside a trait costs
# time in proportion to the trait's size for every one-segment path it resolves there (a local
# such as `err` or `self`, or a type such as `MsdkError`), so a trait of N methods that each name
# one costs N^2. Plain rustc, no macro: traits of N methods shaped like the generated `Handler`,
# and rustc's own time for name resolution (`-Z time-passes`, through RUSTC_BOOTSTRAP=1, a
# diagnostic only).
#
#   benches/scripts/trait-scan.sh            # N = 5000 10000 20000 (~1 min)
#
# Shapes:
#   by_action      fn m(&mut self, err: &E) -> Self::Output { self.retry(err) }   (the by_action Handler)
#   every_code     fn m(&mut self, err: &E) -> Self::Output;                      (the every_code Handler)
#   every_code_qualified  the same with `err: &self::E`: no one-segment path left
#   inherent       the by_action bodies in an `impl` block instead of a trait
#
# rustc's late resolution checks, for each one-segment path that resolves inside a trait, whether
# the trait also has an associated type of that name (to suggest `Self::`), by walking all of
# the trait's items (rustc_resolve, `smart_resolve_path_fragment`); inherent and trait impls
# are not affected.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES="${SIZES:-5000 10000 20000}"
DIR="$PERF/trait-scan"
mkdir -p "$DIR"

# shape N: the source of one crate.
shape() {
    local kind="$1" n="$2" i
    echo "pub struct E;"
    case "$kind" in
        inherent)
            echo "pub struct S; impl S { fn retry(&mut self, _: &E) {}"
            for ((i = 0; i < n; i++)); do echo "pub fn m$i(&mut self, err: &E) { self.retry(err) }"; done
            ;;
        *)
            echo "pub trait Handler { type Output; fn retry(&mut self, err: &E) -> Self::Output;"
            for ((i = 0; i < n; i++)); do
                case "$kind" in
                    by_action) echo "fn m$i(&mut self, err: &E) -> Self::Output { self.retry(err) }" ;;
                    every_code) echo "fn m$i(&mut self, err: &E) -> Self::Output;" ;;
                    every_code_qualified) echo "fn m$i(&mut self, err: &self::E) -> Self::Output;" ;;
                esac
            done
            ;;
    esac
    echo "}"
}

# Seconds rustc spends in late name resolution for one crate.
late_resolve() {
    RUSTC_BOOTSTRAP=1 rustc --edition 2024 --crate-type lib --emit=metadata -Z time-passes \
        -o "$DIR/out.rmeta" "$1" 2>&1 | awk '$NF == "late_resolve_crate" { gsub(";", "", $2); print $2 }'
}

echo "## rustc name resolution inside a trait, against the trait's size"
echo
machine
echo
printf '| shape |'
for n in $SIZES; do printf ' N = %s |' "$n"; done
echo ' growth, first to last N |'
printf '|---|'
for _ in $SIZES; do printf -- '---:|'; done
echo '---:|'
for kind in by_action every_code every_code_qualified inherent; do
    printf '| %s |' "$kind"
    first="" last="" first_n="" last_n=""
    for n in $SIZES; do
        shape "$kind" "$n" >"$DIR/$kind-$n.rs"
        seconds=$(late_resolve "$DIR/$kind-$n.rs")
        printf ' %s s |' "$seconds"
        [ -z "$first" ] && first="$seconds" first_n="$n"
        last="$seconds" last_n="$n"
    done
    printf ' x%s for x%s |\n' "$(ratio "$last" "$first")" "$(ratio "$last_n" "$first_n")"
done
echo
echo "Linear growth is the second factor; quadratic is its square."
