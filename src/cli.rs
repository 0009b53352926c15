//! The command line: nothing else in uppsikt knows about argv.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::messages;
use crate::pipeline::{self, BuildOptions};

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
    Check(CheckArgs),
    /// Preview the site: build in memory, serve it, rebuild on every save and reload the
    /// open tabs (nothing is written to disk).
    Serve(ServeArgs),
    /// Import a committee's document (.docx, .pdf, or text from a PDF as .txt) as a draft
    /// report: content/<year>/<slug>/_index.md and one file per area.
    Import(ImportArgs),
    /// Start the next follow-up from the committee's latest report (or --from): a draft with
    /// the same areas and directions, ready to write.
    New(NewArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The document to import.
    file: PathBuf,
    /// The report folder to create: content/<year>/<slug>.
    #[arg(long)]
    into: String,
    /// The site's folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Replace the report folder if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The report folder to create: <year>/<slug> (or content/<year>/<slug>).
    target: String,
    /// The report to start from, <year>/<slug> (default: the committee's latest report).
    #[arg(long)]
    from: Option<String>,
    /// Whose latest report to start from, when the site has several committees.
    #[arg(long)]
    committee: Option<String>,
    /// The new report's title.
    #[arg(long)]
    title: Option<String>,
    /// The new report's kind (april, delarsbokslut, arsbokslut, …).
    #[arg(long)]
    kind: Option<String>,
    /// The new report's date: "2027", "2027-04" or "2027-04-15".
    #[arg(long)]
    date: Option<String>,
    /// The site's folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
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
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Make warnings errors (exit non-zero), for CI.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Make warnings errors: the build fails and writes nothing, for CI.
    #[arg(long)]
    strict: bool,
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
            report(
                &options,
                pipeline::build_with(&options, args.strict, args.force).map(|(s, built)| {
                    let lang = s.language;
                    print_warnings(built.warnings(), Some(SHOWN_WARNINGS), lang);
                    // The process exits next: the OS frees the build's memory faster than drop.
                    std::mem::forget(built);
                    messages::built(lang, summary(lang, &s), output.display())
                }),
            )
        }
        Command::Check(args) => {
            let options = options(args.common, PathBuf::new());
            report(
                &options,
                pipeline::check_with(&options, args.strict).map(|(s, warnings)| {
                    let lang = s.language;
                    print_warnings(&warnings, None, lang);
                    messages::checked(lang, summary(lang, &s))
                }),
            )
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
                complain(&e.to_string());
                ExitCode::FAILURE
            }
        },
        Command::Import(args) => printed(
            crate::import::run(&crate::import::ImportOptions {
                file: args.file,
                into: args.into,
                force: args.force,
                root: args.root.clone(),
            }),
            crate::config::language(&args.root),
        ),
        Command::New(args) => printed(
            crate::new::run(&crate::new::NewOptions {
                target: args.target,
                from: args.from,
                committee: args.committee,
                title: args.title,
                kind: args.kind,
                date: args.date,
                root: args.root.clone(),
            }),
            crate::config::language(&args.root),
        ),
    }
}

/// Prints what a writing command did, or its error (it wrote nothing then) in `lang`.
fn printed(result: Result<String, String>, lang: messages::Lang) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", messages::error_label(lang));
            eprintln!("{}", messages::import_nothing_written(lang));
            ExitCode::FAILURE
        }
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

/// How many warnings `build` and `serve` show; `check` shows them all.
pub(crate) const SHOWN_WARNINGS: usize = 20;

/// Warnings go to stderr with their count, before the summary line: all of them, or the first
/// `most` and a line that says how to see the rest (a large site's first build may have
/// hundreds, which would bury the summary and any error).
pub(crate) fn print_warnings(
    warnings: &[crate::diagnostics::Diagnostic],
    most: Option<usize>,
    lang: messages::Lang,
) {
    if warnings.is_empty() {
        return;
    }
    let shown = most.unwrap_or(warnings.len()).min(warnings.len());
    for w in &warnings[..shown] {
        let mut w = w.clone();
        w.lang = lang;
        complain(&w.to_string());
    }
    let n = warnings.len();
    let mut line = messages::warnings(lang, n);
    if shown < n {
        line.push_str(&messages::warnings_not_shown(lang, n - shown));
    }
    complain(&line);
}

fn summary(lang: messages::Lang, s: &pipeline::Summary) -> String {
    let ms = s.elapsed.as_millis();
    messages::summary(lang, s.pages, s.reports, s.areas, s.files, ms)
}

fn report(
    options: &BuildOptions,
    result: Result<String, crate::diagnostics::Diagnostics>,
) -> ExitCode {
    match result {
        Ok(line) => {
            say(&line);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            // In the site's language, also for errors met outside the content (the output).
            let lang = crate::config::language(&options.root);
            complain(&format!(
                "{}\n{}",
                errors.in_language(lang),
                messages::build_failed(lang)
            ));
            ExitCode::FAILURE
        }
    }
}

/// Prints a line to standard output. A reader that has gone away (`uppsikt build | head -0`)
/// is a clean end, as in ripgrep: nothing more to say to it, and no panic.
pub fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Prints a message to standard error; a closed standard error is no reason to panic.
pub fn complain(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
