fn main() -> std::process::ExitCode {
    uppsikt::cli::run()
}
