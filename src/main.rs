use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = eventmap::cli::Cli::parse();
    eventmap::cli::run(cli)
}
