#!/usr/bin/env bash
# Cold build of a server-shaped crate: one that already reads JSON with serde (derive) and
# serde_json, as any server decoding MSDK responses does. The same crate is built with
# msdk-codes-core (default features) expanding the full catalog, and with a thiserror enum
# instead; and, for the record, with msdk-codes-core's `toml` feature (a team's own data files),
# and with no procedural macro in the build at all: the expansion of `msdk_errors!()` pasted in
# as source, over msdk-codes-runtime alone (what a build would cost if the macros were an opt-in
# feature and the full catalog came without them).
# Fresh CARGO_TARGET_DIR, dev profile, alternating runs. Budget: <= 1.3x, default features.
#
#   benches/scripts/cold-build-server.sh          # RUNS=3
#
# Dependencies are fetched once (`cargo fetch`, the only step that may use the network), then
# every build is `cargo build --offline`. The crates live in target/perf/cold-build-server/.
# The load average before each build is logged with its time. STRICT=1: exit 1 when the budget
# does not hold.
#
# Then server-msdk and server-thiserror are built once more, one unit at a time (`-j1 --timings`),
# for what each crate of their builds costs on its own, which the machine's load moves far less
# than a parallel build's wall time (SERIAL=0 skips it).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-3}"
BUDGET=1.3
DIR="$PERF/cold-build-server"
LOG="$DIR/log.txt"
mkdir -p "$DIR"
: >"$LOG"

# What both crates share: a request type read with serde's derive and serde_json.
SERVER='#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct Request {
    pub open_id: String,
    pub amount: i64,
    #[serde(default)]
    pub note: Option<String>,
}

pub fn parse_request(body: &[u8]) -> Result<Request, serde_json::Error> {
    serde_json::from_slice(body)
}
'
MSDK="$SERVER
msdk_codes_core::msdk_errors!();

/// What went wrong with an MSDK call, for the log.
pub fn describe(body: &[u8]) -> String {
    match MsdkError::from_json(body) {
        Ok(None) => String::from(\"ok\"),
        Ok(Some(err)) => format!(\"{err} ({:?})\", err.action()),
        Err(err) => err.to_string(),
    }
}"
THISERROR="$SERVER
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {"
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

SERDE='serde = { version = "1", features = ["derive"] }'
JSON='serde_json = "1"'
CRATES=(server-msdk server-thiserror server-msdk-toml server-pasted)
new_crate "$DIR/server-msdk" perf-server-msdk lib "$SERDE" "$JSON" "$(core_dep)"
new_crate "$DIR/server-msdk-toml" perf-server-msdk-toml lib "$SERDE" "$JSON" "$(core_dep 'features = ["toml"]')"
new_crate "$DIR/server-thiserror" perf-server-thiserror lib "$SERDE" "$JSON" 'thiserror = "2"'
echo "$MSDK" >"$DIR/server-msdk/src/lib.rs"
echo "$MSDK" >"$DIR/server-msdk-toml/src/lib.rs"
echo "$THISERROR" >"$DIR/server-thiserror/src/lib.rs"
# The runtime under the name the expansion's paths use; the expansion as dumped, one line.
new_crate "$DIR/server-pasted" perf-server-pasted lib "$SERDE" "$JSON" \
    "msdk_codes_core = { package = \"msdk-codes-runtime\", path = \"$ROOT/msdk-codes-runtime\", features = [\"json\"] }"
{
    pasted_expansion "$DIR/expansion.rs"
    echo "$MSDK" | grep -v '^msdk_codes_core::msdk_errors!();$'
} >"$DIR/server-pasted/src/lib.rs"

for crate in "${CRATES[@]}"; do
    (cd "$DIR/$crate" && cargo fetch -q) >>"$LOG" 2>&1 || {
        echo "cargo fetch failed for $crate: see $LOG" >&2
        exit 1
    }
done

load() { cut -d' ' -f1 /proc/loadavg; }

declare -A samples loads
for ((run = 1; run <= RUNS; run++)); do
    for crate in "${CRATES[@]}"; do
        rm -rf "$DIR/target-cold"
        l=$(load)
        t=$(cd "$DIR/$crate" && CARGO_TARGET_DIR="$DIR/target-cold" time_ms cargo build --offline -q)
        samples[$crate]+="$t "
        loads[$crate]+="$l "
        echo "$(date -u +%H:%M:%S) run $run $crate: $t ms, load average $l" >>"$LOG"
    done
    echo "run $run/$RUNS done" >&2
done
rm -rf "$DIR/target-cold"

deps() { (cd "$DIR/$1" && cargo tree --offline -e normal,build --prefix none 2>/dev/null | sort -u | wc -l); }

# shellcheck disable=SC2086
base=$(median ${samples[server-thiserror]})
echo
echo "## cold-build-server: fresh target dir, cargo build --offline (dev profile), median of $RUNS alternating runs"
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
    verdict=""
    if [ "$crate" = server-msdk ]; then
        if at_most "$r" "$BUDGET"; then verdict="<= ${BUDGET}x: holds"; else verdict="<= ${BUDGET}x: DOES NOT HOLD"; status=1; fi
    fi
    echo "| $crate | $(deps "$crate") | $m | ${r}x | $verdict |"
done
echo
echo "both: serde (derive) + serde_json, a request struct read with serde_json::from_slice"
echo "server-msdk: msdk-codes-core with default features (json), msdk_errors!() (full catalog)"
echo "server-msdk-toml: the same with the toml feature, which a team's own data files need (no budget)"
echo "server-pasted: no procedural macro: msdk-codes-runtime (json) and the expansion of msdk_errors!() pasted in (no budget)"
echo "server-thiserror: thiserror 2, #[derive(thiserror::Error)] on an enum of the access layer's $i codes"
echo
echo "samples (ms), and the load average (1 min) before each:"
for crate in "${CRATES[@]}"; do
    echo "  $crate: ${samples[$crate]}(load ${loads[$crate]% })"
done
if [ "${SERIAL:-1}" = 1 ]; then
    echo
    echo "one unit at a time (cargo build -j1 --timings), seconds per crate (build scripts summed):"
    for crate in server-msdk server-thiserror; do
        rm -rf "$DIR/target-serial"
        (cd "$DIR/$crate" && CARGO_TARGET_DIR="$DIR/target-serial" cargo build --offline -q -j1 --timings) >>"$LOG" 2>&1
        python3 - "$DIR/target-serial/cargo-timings/cargo-timing.html" "$crate" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
by_crate = {}
for unit in units:
    name = unit["name"] + (" (build script)" if unit["target"].strip() else "")
    by_crate[name] = by_crate.get(name, 0) + unit["duration"]
total = sum(by_crate.values())
rows = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(by_crate.items(), key=lambda kv: -kv[1]) if seconds >= 0.1)
print(f"  {sys.argv[2]}: {total:.2f} s in all: {rows}")
PY
    done
    rm -rf "$DIR/target-serial"
fi
if [ "${STRICT:-0}" = 1 ]; then exit "$status"; fi
