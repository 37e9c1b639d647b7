//! The `soundbite` binary; everything lives in the library.

fn main() -> std::process::ExitCode {
    soundbite::cli::main()
}
