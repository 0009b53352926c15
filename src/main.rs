// glibc's malloc spent a sixth of a large build in `_int_malloc` and friends (many threads
// making and freeing page-sized strings); mimalloc keeps per-thread heaps.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    uppsikt::cli::run()
}
