#!/usr/bin/env bash
# Builds the synthetic corpus (examples/gen_corpus.rs) at several sizes with UPPSIKT_TIMING=1
# and prints, per stage of the build, its wall time, CPU time and the kernel's share of that
# CPU time at each size, and how much each grew from one size to the next beside how much the
# pages grew (issue 18: no stage may grow faster than the page count).
#
#   benches/stages.sh                                  10,000, 50,000 and 100,000 entries
#   benches/stages.sh --sizes "1000 10000" --work /tmp/stages --keep
#
# A stage is flagged (`!`) when the CPU time of uppsikt's own code in it (CPU minus kernel)
# grew more than a quarter faster than the pages, and is 200 ms or more at the larger size
# (the kernel counts CPU time in ticks of 10 ms: smaller stages are noise). The kernel's time,
# shown apart, grows with the file system's state as well as with what is written.
# Run as root, each build starts with the page cache dropped and the corpus read back: the
# output of a previous size fills memory the next build's allocations would first have to
# reclaim. Nothing is deleted between builds (ext4 slows down creating files for minutes after
# many are deleted): outputs are kept until the end.
#
# Needs: cargo, /usr/bin/time (Debian package `time`). Uses $CARGO_TARGET_DIR when set.
set -euo pipefail

usage() {
    awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

SIZES="10000 50000 100000"
WORK=""
KEEP=0
SEED=1
while [ $# -gt 0 ]; do
    case "$1" in
    --sizes) SIZES="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h | --help) usage 0 ;;
    *) echo "stages.sh: unknown argument $1" >&2; usage 2 ;;
    esac
    shift
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
if [ ! -x /usr/bin/time ]; then
    echo "stages.sh: /usr/bin/time is missing; install it: apt-get install -y time" >&2
    exit 1
fi
# shellcheck source=benches/lib.sh
. "$ROOT/benches/lib.sh"
work_folder stages.sh "$WORK"
cleanup() {
    if [ "$KEEP" = 0 ]; then remove_work; else sync; fi
}
trap cleanup EXIT
build_binaries "$ROOT"

drop_caches() {
    sync
    if [ -w /proc/sys/vm/drop_caches ]; then
        echo 3 >/proc/sys/vm/drop_caches
        find "$1" -type f -print0 | xargs -0 cat >/dev/null
        echo dropped
    else
        echo kept
    fi
}

# One build per size: "pages" then its timing lines as "wall cpu kernel stage" in $WORK/N.stages,
# and "wall user sys peak_kb" in $WORK/N.total.
for N in $SIZES; do
    C=$WORK/corpus-$N
    rm -rf "$C"
    LINE=$("$GEN" --pages "$N" --out "$C" --seed "$SEED")
    read -r ENTRIES REPORTS < <(corpus_counts "$LINE")
    PAGES=$((ENTRIES + REPORTS))
    CACHE=$(drop_caches "$C/uppsikt")
    OUT=$WORK/out-$N
    if [ -e "$OUT" ]; then mv "$OUT" "$OUT.$(date +%s%N)"; fi
    if ! UPPSIKT_TIMING=1 /usr/bin/time -f "total %e %U %S %M" -o "$WORK/$N.time" \
        "$BIN" build --root "$C/uppsikt" --output "$OUT" >"$WORK/$N.log" 2>&1; then
        echo "stages.sh: the build at $N failed:" >&2
        tail -n 30 "$WORK/$N.log" >&2
        exit 1
    fi
    echo "$PAGES" >"$WORK/$N.stages"
    sed -n 's/^timing: *\([0-9]*\) ms  cpu *\([0-9]*\) ms  kernel *\([0-9]*\) ms  *[0-9]*\/[0-9]* MB  \(.*\)$/\1 \2 \3 \4/p' \
        "$WORK/$N.log" >>"$WORK/$N.stages"
    awk '{printf "%d %d %d %d\n", $2 * 1000, $3 * 1000, $4 * 1000, $5}' "$WORK/$N.time" >"$WORK/$N.total"
    echo "$N entries: $PAGES pages, page cache $CACHE, load $(cut -d' ' -f1-3 /proc/loadavg)"
done

# The table: one row per stage, wall/cpu/kernel ms per size, then per step between sizes the
# growth of wall time and of the stage's own CPU time (cpu - kernel) beside the pages'.
FILES=()
for N in $SIZES; do FILES+=("$WORK/$N.stages"); done
echo
awk -v sizes="$SIZES" '
    FNR == 1 { k++; pages[k] = $1; next }
    {
        wall = $1; cpu = $2; kern = $3
        $1 = $2 = $3 = ""; name = substr($0, 4)
        if (!(name in seen)) { seen[name] = ++n; names[n] = name }
        W[k, name] = wall; C[k, name] = cpu; K[k, name] = kern
    }
    END {
        split(sizes, s, " ")
        printf "%-58s", "stage (wall / cpu / kernel ms)"
        for (i = 1; i <= k; i++) printf " | %20s", s[i]
        for (i = 2; i <= k; i++) printf " | %s→%s: pages ×%.1f", s[i-1], s[i], pages[i] / pages[i-1]
        print ""
        for (j = 1; j <= n; j++) {
            name = names[j]
            printf "%-58s", substr(name, 1, 58)
            for (i = 1; i <= k; i++) printf " | %20s", W[i, name] "/" C[i, name] "/" K[i, name]
            for (i = 2; i <= k; i++) {
                own0 = C[i-1, name] - K[i-1, name]; own1 = C[i, name] - K[i, name]
                grow = pages[i] / pages[i-1]
                wr = W[i-1, name] > 0 ? sprintf("%.1f", W[i, name] / W[i-1, name]) : "–"
                orr = own0 > 0 ? sprintf("%.1f", own1 / own0) : "–"
                flag = (own0 > 0 && own1 >= 200 && own1 / own0 > 1.25 * grow) ? " !" : "  "
                printf " | wall ×%-5s own cpu ×%-5s%s", wr, orr, flag
            }
            print ""
        }
    }' "${FILES[@]}"
echo
for N in $SIZES; do
    read -r W U S M <"$WORK/$N.total"
    echo "whole build at $N: wall $W ms, user $U ms, kernel $S ms, peak RSS $((M / 1024)) MB"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -sr)"
fs_note "$WORK"
if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; fi
