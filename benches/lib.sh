# Shared by compare.sh and stages.sh (sourced): the work folder and the binaries measured.

# The mark of a work folder made by these scripts: only such a folder is removed at the end.
WORK_MARK=.uppsikt-bench

# work_folder SCRIPT DIR: sets WORK to DIR (made if missing), or to a new temporary folder when
# DIR is empty. A folder that holds anything but a previous run of these scripts is refused:
# the scripts remove their work folder when they end (unless --keep), and a --work pointing at
# the wrong place must not cost anyone their files.
work_folder() {
    local script=$1 dir=$2
    if [ -z "$dir" ]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/uppsikt-bench.XXXXXX")
    elif [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -e "$dir/$WORK_MARK" ]; then
        echo "$script: $dir is not empty and is not a work folder of benches/: it would be removed at the end; choose an empty or new folder for --work" >&2
        exit 2
    fi
    mkdir -p "$dir"
    touch "$dir/$WORK_MARK"
    WORK=$(cd "$dir" && pwd)
}

# remove_work: the work folder, if it is one of these scripts' (the mark is there), then `sync`:
# ext4 passes over inodes freed in the last minute when it makes new ones, and over those freed
# in the last six while their inode table is not yet on disk; written now, the hundreds of
# thousands deleted here slow the next benchmark for one minute, not six.
remove_work() {
    if [ -e "$WORK/$WORK_MARK" ]; then rm -rf "$WORK"; fi
    sync
}

# build_binaries ROOT: builds uppsikt and the corpus generator in release mode and copies them
# into the work folder (BIN, GEN): a target folder shared with other checkouts may get another
# build of the binary while a script runs.
build_binaries() {
    local root=$1 target=${CARGO_TARGET_DIR:-$1/target}
    echo "Building uppsikt and the corpus generator (release)..."
    (cd "$root" && cargo build --release --quiet --bin uppsikt --example gen_corpus)
    cp "$target/release/uppsikt" "$WORK/uppsikt"
    cp "$target/release/examples/gen_corpus" "$WORK/gen_corpus"
    BIN=$WORK/uppsikt
    GEN=$WORK/gen_corpus
}

# corpus_counts LINE: "ENTRIES REPORTS" from gen_corpus's summary line (its pages are the sum).
corpus_counts() {
    echo "$1" | sed -n 's/^gen_corpus: \([0-9]*\) area entries + \([0-9]*\) report pages.*/\1 \2/p'
}

# fs_note DIR: a line naming the file system DIR is on, and, for ext4 without a journal, why
# its kernel times move: such a file system skips the inodes freed in the last minute (six while
# their inode table is not on disk) when it makes new ones, so a run right after many deletes
# pays for them (benches/README.md, session 12).
fs_note() {
    local source fstype journal
    read -r source fstype < <(findmnt -no SOURCE,FSTYPE -T "$1" 2>/dev/null) || return 0
    journal=$(cat "/sys/fs/ext4/$(basename "$source")/journal_task" 2>/dev/null || true)
    if [ "$fstype" = ext4 ] && [ "$journal" = "<none>" ]; then
        echo "work folder: ext4 without a journal ($source): files are made slowly for a minute or more after many were deleted; compare kernel times only between quiet runs"
    else
        echo "work folder: $fstype ($source)"
    fi
}
