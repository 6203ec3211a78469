#!/usr/bin/env bash
# Writes the seeds of the `catalog` target into the folder given (default: corpus/catalog), from
# the repository's data files: each bundled file and each folder of tests/ui/data, as a team's
# catalog (mode 0) and as a team's files extending the bundled one (mode 1); a folder of two or
# more files also as a pair (its first two files, NUL-separated).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/corpus/catalog}"
mkdir -p "$out"
seed() { # seed NAME MODE FILE [FILE]
    local name="$1" mode="$2"
    shift 2
    { printf '%s' "$mode"; cat "$1"; if [ $# -gt 1 ]; then printf '\0'; cat "$2"; fi; } >"$out/$name-$mode"
}
for file in "$root"/data/*.toml; do
    name="bundled-$(basename "$file" .toml)"
    seed "$name" 0 "$file"
    seed "$name" 1 "$file"
done
for folder in "$root"/tests/ui/data/*/; do
    files=("$folder"*.toml)
    [ -e "${files[0]}" ] || continue
    name="ui-$(basename "$folder")"
    seed "$name" 0 "${files[0]}"
    seed "$name" 1 "${files[0]}"
    if [ ${#files[@]} -gt 1 ]; then
        seed "$name-pair" 0 "${files[0]}" "${files[1]}"
        seed "$name-pair" 1 "${files[0]}" "${files[1]}"
    fi
done
echo "$(ls "$out" | wc -l) seeds in $out"
