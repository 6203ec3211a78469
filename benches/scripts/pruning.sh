#!/usr/bin/env bash
# A binary built with `msdk_errors!(layers = [access], locales = ["en"])` (release) must hold none
# of the catalog's Chinese, Japanese or Korean text and none of the other layers' strings. The
# binary is grepped for strings taken from data/*.toml, and so is the same program built with the
# full catalog, which must hold them (else the check proves nothing). Sizes are shown side by side.
#
#   benches/scripts/pruning.sh
#
# Both programs call message/advice/title with a locale read at run time, so the linker cannot
# drop a table the macro generated: what is missing was never generated. The crates live in
# target/perf/pruning/. STRICT=1: exit 1 when a check fails.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$PERF/pruning"
LOG="$DIR/log.txt"
mkdir -p "$DIR"
: >"$LOG"
export LC_ALL=C

MAIN='use msdk_codes_core::{Locale, Response};

fn main() {
    let mut args = std::env::args().skip(1);
    let layer: Layer = args.next().and_then(|id| id.parse().ok()).unwrap_or(Layer::ALL[0]);
    let code: i32 = args.next().and_then(|code| code.parse().ok()).unwrap_or(-503);
    let locale: Locale = args.next().and_then(|tag| tag.parse().ok()).unwrap_or(Locale::En);
    println!("{}", layer.title(locale));
    match MsdkError::from_code(layer, code) {
        Some(err) => {
            println!("{err}");
            println!("{}", err.message(locale));
            println!("{:?}", err.advice(locale));
        }
        None => println!("{:?}", MsdkError::decode(&Response::new(code, "0, from the command line"))),
    }
}'
new_crate "$DIR/pruned" perf-pruned bin "$(core_dep 'default-features = false')"
new_crate "$DIR/full" perf-full bin "$(core_dep 'default-features = false')"
{
    echo 'msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);'
    echo
    echo "$MAIN"
} >"$DIR/pruned/src/main.rs"
{
    echo 'msdk_codes_core::msdk_errors!();'
    echo
    echo "$MAIN"
} >"$DIR/full/src/main.rs"

# For scale: what any Rust program of this size weighs (std, formatting, panics).
new_crate "$DIR/hello" perf-hello bin
echo 'fn main() { println!("{:?}", std::env::args().collect::<Vec<_>>()); }' >"$DIR/hello/src/main.rs"

echo "building the programs (release)..." >&2
for crate in pruned full hello; do
    (cd "$DIR/$crate" && CARGO_TARGET_DIR="$DIR/target" cargo build --offline --release -q) >>"$LOG" 2>&1 || {
        echo "the $crate program does not build: see $LOG" >&2
        exit 1
    }
done
PRUNED="$DIR/target/release/perf-pruned"
FULL="$DIR/target/release/perf-full"
# The programs work: the pruned one knows access -503 in English, and nothing else. (Their output
# is read whole before grep looks at it: `grep -q` leaving early would break the program's pipe.)
pruned_out=$("$PRUNED" access -503 zh)
full_out=$("$FULL" access -503 zh)
grep -q 'Frequency' <<<"$pruned_out" || { echo "the pruned program does not print access -503" >&2; exit 1; }
grep -q '频率' <<<"$full_out" || { echo "the full program does not print access -503 in Chinese" >&2; exit 1; }

# Strings of data/*.toml: `key.locale = "text"` lines without escapes.
texts() { # texts FILE... KEY_REGEX LOCALE_REGEX
    local keys="${*: -2:1}" locales="${*: -1}"
    sed -n "s/^\\($keys\\)\\.\\($locales\\) = \"\\([^\\\\\"]*\\)\"\$/\\3/p" "${@:1:$#-2}" | awk 'length($0) > 0' | sort -u
}
OTHERS=()
for file in "$ROOT"/data/*.toml; do
    [ "$(basename "$file")" = access.toml ] || OTHERS+=("$file")
done
# zh/ja/ko texts that are not plain ASCII (a few translations are the English word itself).
non_ascii() { grep -aP '[\x80-\xFF]' || true; }
texts "$ROOT/data/access.toml" 'title\|message\|advice' 'zh\|ja\|ko' | non_ascii >"$DIR/access-cjk.txt"
texts "$ROOT"/data/*.toml 'title\|message\|advice' 'zh\|ja\|ko' | non_ascii >"$DIR/all-cjk.txt"
texts "$ROOT/data/access.toml" 'title\|message' 'en' >"$DIR/access-en.txt"
# English messages and titles of other layers, at least 12 bytes, that access.toml does not contain.
texts "${OTHERS[@]}" 'title\|message' 'en' | awk 'length($0) >= 12' |
    while IFS= read -r text; do grep -qF -- "$text" "$ROOT/data/access.toml" || echo "$text"; done >"$DIR/other-en.txt"

# found BINARY LIST: how many strings of LIST the binary holds (each grepped on its own).
found() {
    local n=0 text
    while IFS= read -r text; do
        if grep -aqF -- "$text" "$1"; then n=$((n + 1)); fi
    done <"$2"
    echo "$n"
}
# Every CJK string of the whole catalog at once: the matches, if any.
any_cjk() { grep -aoF -f "$DIR/all-cjk.txt" "$1" | sort -u || true; }

size() { stat -c %s "$1"; }
stripped() { strip -o "$DIR/stripped" "$1" && size "$DIR/stripped"; }

status=0
check() { # check NAME BINARY LIST EXPECTED(all|none)
    local n total verdict
    n=$(found "$2" "$3")
    total=$(wc -l <"$3")
    if { [ "$4" = all ] && [ "$n" = "$total" ]; } || { [ "$4" = none ] && [ "$n" = 0 ]; }; then
        verdict=ok
    else
        verdict=FAILS
        status=1
    fi
    echo "| $1 | $n of $total | $4 | $verdict |"
}

echo
echo "## pruning: release binaries, strings of data/*.toml found in them"
echo
machine
echo
echo "| binary | size (bytes) | stripped (bytes) |"
echo "|---|---:|---:|"
echo "| layers = [access], locales = [\"en\"] | $(size "$PRUNED") | $(stripped "$PRUNED") |"
echo "| full catalog (msdk_errors!()) | $(size "$FULL") | $(stripped "$FULL") |"
echo "| hello world, no msdk (for scale) | $(size "$DIR/target/release/perf-hello") | $(stripped "$DIR/target/release/perf-hello") |"
echo
echo "| strings | found | expected | verdict |"
echo "|---|---:|---|---|"
check "pruned: access zh/ja/ko titles, messages, advice" "$PRUNED" "$DIR/access-cjk.txt" none
check "pruned: other layers' English messages and titles" "$PRUNED" "$DIR/other-en.txt" none
check "pruned: access English messages and title" "$PRUNED" "$DIR/access-en.txt" all
check "full: access zh/ja/ko titles, messages, advice" "$FULL" "$DIR/access-cjk.txt" all
check "full: other layers' English messages and titles" "$FULL" "$DIR/other-en.txt" all
cjk=$(any_cjk "$PRUNED")
if [ -z "$cjk" ]; then
    echo "| pruned: any of the catalog's $(wc -l <"$DIR/all-cjk.txt") zh/ja/ko strings | 0 | none | ok |"
else
    echo "| pruned: any of the catalog's $(wc -l <"$DIR/all-cjk.txt") zh/ja/ko strings | $(echo "$cjk" | wc -l) | none | FAILS |"
    status=1
    echo "$cjk" | head -5
fi
echo
echo "string lists: $DIR/{access-cjk,all-cjk,access-en,other-en}.txt"
if [ "${STRICT:-0}" = 1 ]; then exit "$status"; fi
