# Helpers shared by the performance scripts; sourced, not run.
# The scripts make throw-away crates under target/perf/ (never committed) with path
# dependencies on the workspace crates, and use the workspace's Cargo.lock so that every crate
# builds the same dependency versions.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PERF="$ROOT/target/perf"
mkdir -p "$PERF"

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Runs a command, prints the milliseconds it took; its output goes to $LOG (or /dev/null).
time_ms() {
    local start end
    start=$(now_ms)
    "$@" >>"${LOG:-/dev/null}" 2>&1 || { echo "failed: $* (see ${LOG:-the output})" >&2; return 1; }
    end=$(now_ms)
    echo $((end - start))
}

# The median of the numbers given as arguments (the lower middle one for an even count).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# a / b with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# Exit status 0 when a <= b (decimals).
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

machine() {
    echo "machine: $(nproc) cores, $(rustc --version), $(cargo --version | cut -d' ' -f1-2), $(uname -sm)"
}

# new_crate DIR NAME KIND DEPS...: a standalone crate (its own [workspace]) at DIR, of KIND lib
# or bin, whose [dependencies] are the given lines, with the workspace's Cargo.lock.
new_crate() {
    local dir="$1" name="$2" kind="$3"
    shift 3
    rm -rf "$dir"
    mkdir -p "$dir/src"
    {
        echo "[package]"
        echo "name = \"$name\""
        echo "version = \"0.0.0\""
        echo "edition = \"2024\""
        echo "publish = false"
        echo
        echo "[dependencies]"
        printf '%s\n' "$@"
        echo
        echo "[workspace]"
        registry_profile "$@"
    } >"$dir/Cargo.toml"
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    if [ "$kind" = lib ]; then touch "$dir/src/lib.rs"; else touch "$dir/src/main.rs"; fi
}

# Cargo compiles a path dependency incrementally and a dependency from crates.io not, and on a
# cold build incremental compilation costs time (benches/README.md). A user's build gets
# msdk-codes from crates.io, as thiserror and serde are here, so the workspace's crates are
# compiled as Cargo compiles a registry dependency: one profile override per package in the build.
registry_profile() {
    local packages=()
    case "$*" in
    *msdk-codes-core*) packages=(vocab catalog gen macros runtime core) ;;
    *msdk-codes-runtime*) packages=(vocab runtime) ;;
    esac
    for package in "${packages[@]}"; do
        echo
        echo "[profile.dev.package.msdk-codes-$package]"
        echo "incremental = false"
    done
}

# The path dependency line on msdk-codes-core, with extra keys (such as default-features = false).
core_dep() { echo "msdk-codes-core = { path = \"$ROOT/msdk-codes-core\"${1:+, $1} }"; }

# Builds the workspace's benches binaries (release) and prints the directory they are in.
bench_bins() {
    (cd "$ROOT" && cargo build --release -q -p msdk-codes-benches --bins) >&2
    echo "${CARGO_TARGET_DIR:-$ROOT/target}/release"
}

# pasted_expansion DUMP: writes the expansion of `msdk_errors!()` (the full catalog) to DUMP, and
# prints it as a person would paste it into a crate: with the one lint that fires on it outside a
# macro allowed (`note(self, locale)` of a layer without notes does not read `locale`; rustc does
# not lint code expanded from an external proc macro).
pasted_expansion() {
    "$(bench_bins)/dump-expansion" "$1" "" >>"${LOG:-/dev/null}"
    echo '#![allow(unused_variables)]'
    cat "$1"
}
