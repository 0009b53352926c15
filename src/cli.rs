//! The command line: nothing else in uppsikt knows about argv.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "uppsikt",
    version,
    about = "Builds a static site of committee follow-ups (uppföljningar)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build changes nothing).
    Build(BuildArgs),
    /// Check the content and templates without writing anything.
    Check(CommonArgs),
    /// Preview the site: build in memory, serve it, rebuild on every save and reload the
    /// open tabs (nothing is written to disk).
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The port to listen on (0 picks a free one; the URL is printed).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; the default lets only this machine in.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct CommonArgs {
    /// The site's folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Override base_url from site.toml ("/uppfoljning/" or "https://example.se/uppfoljning/").
    #[arg(long)]
    base_url: Option<String>,
    /// Include reports and entries marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Where to write the site (default: public/ in the root). A build replaces the whole
    /// folder, so it must be new, empty or made by uppsikt.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Take over an output folder that is not empty and was not made by uppsikt (everything
    /// in it is replaced). Never the site's own folder, its inputs or your home folder.
    #[arg(long)]
    force: bool,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let output = args
                .output
                .unwrap_or_else(|| args.common.root.join("public"));
            let options = options(args.common, output.clone());
            report(build::build(&options, args.force).map(|(s, built)| {
                // The process exits next: the OS frees the build's memory faster than drop.
                std::mem::forget(built);
                format!("Built {} → {}", s, output.display())
            }))
        }
        Command::Check(args) => {
            let options = options(args, PathBuf::new());
            report(build::check(&options).map(|s| format!("Checked {s}: no errors")))
        }
        Command::Serve(args) => match crate::serve::run(crate::serve::ServeOptions {
            root: args.common.root,
            bind: args.bind,
            port: args.port,
            base_url: args.common.base_url,
            drafts: args.common.drafts,
            open: args.open,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn options(common: CommonArgs, output: PathBuf) -> BuildOptions {
    BuildOptions {
        root: common.root,
        output,
        base_url: common.base_url,
        drafts: common.drafts,
    }
}

fn report(result: Result<String, crate::diagnostics::Diagnostics>) -> ExitCode {
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("The build failed; nothing was written.");
            ExitCode::FAILURE
        }
    }
}
