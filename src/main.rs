// glibc's malloc spent a sixth of a large build in `_int_malloc` and friends (many threads
// making and freeing page-sized strings); mimalloc keeps per-thread heaps. Without transparent
// huge pages (`no_thp`): faulting in and zeroing 2 MB pages cost a 10,000-page check 1.4 s of
// system time, against 0.35 s with 4 kB pages, and 6% more peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (option 15 in both its v2 and v3 numbering).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Memory a build frees goes back to the system after 10 ms, not mimalloc v3's default of a
    // second: the stages of a large build free much (each report's text, the index's postings)
    // just before the next allocates much; given back sooner, it lowers the peak by about a
    // tenth at no CPU cost that could be measured (benches/README.md, "Scale").
    // SAFETY: sets a plain integer option; mimalloc reads its options thread-safely.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    uppsikt::cli::run()
}
