//! The `graph-docgen` command line. With no command it regenerates `generated/` from
//! `docs-input/` of the workspace it is run in.

use clap::{Args, Parser, Subcommand};
use graph_docgen::check::render::Format;
use graph_docgen::commands::check::{self, CheckArgs, Color};
use graph_docgen::commands::{self, explain, generate, model, EXIT_USAGE};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc (see [`graph_docgen::allocator`]).
#[global_allocator]
static ALLOCATOR: graph_docgen::allocator::Allocator = graph_docgen::allocator::Allocator;

/// Reads Microsoft Graph reference pages and turns them into a typed API model and Rust
/// bindings, and checks them for places where they contradict themselves or each other.
///
/// Exit codes: 0 the run completed (problems in the pages are reported as diagnostics, not
/// failures; for `check`, no error-level finding); 1 stale output with `generate --check`, or
/// error-level findings with `check`; 2 usage error, or an input or output that cannot be read
/// or written.
#[derive(Parser)]
#[command(
    name = "graph-docgen",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no command, `generate` runs with these options.
    #[command(flatten)]
    generate: GenerateArgs,
}

/// The options of `generate`, which are also those of the command line with no command.
#[derive(Args)]
struct GenerateArgs {
    /// Docs trees or pages to read [default: docs-input/ of the workspace].
    #[arg(long = "input", value_name = "DIR")]
    inputs: Vec<PathBuf>,
    /// Folder to write [default: generated/ of the workspace].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Write nothing; exit 1 and name the files when the output is stale.
    #[arg(long)]
    check: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the output folder from the pages (the default command).
    Generate(GenerateArgs),
    /// Print the API model of docs trees: types, operations, examples, unresolved references.
    Model {
        /// Docs trees or pages to read.
        #[arg(required = true, value_name = "DIR")]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: model::ModelFormat,
        /// An OData CSDL schema to hold the model against (shares of types and properties).
        #[arg(long, value_name = "FILE.xml")]
        metadata: Option<PathBuf>,
    },
    /// Check pages for places where they contradict themselves or other pages.
    ///
    /// Exit codes: 0 no error-level findings; 1 error-level findings (new ones, with
    /// --baseline); 2 usage error, an input that cannot be read, or a baseline that cannot be
    /// written.
    Check {
        /// Pages or folders to check [default: the whole docs root].
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The docs root that references resolve against [default: the nearest folder at or
        /// above the first PATH holding api/ or resources/].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Configuration file [default: the nearest graph-docgen.toml at or above the root].
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// An OData CSDL schema to compare the documented types with.
        #[arg(long, value_name = "FILE.xml")]
        metadata: Option<PathBuf>,
        /// Report only findings this baseline does not accept.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Write the current findings to a baseline file.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Write the fixes that need no judgement into the pages (a comma after the last item
        /// of a JSON payload, a key out of quotes, a wrong reason phrase, a type name in the
        /// wrong case), then report what is left.
        #[arg(long)]
        fix: bool,
        /// Colour the human output.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
    },
    /// Explain a checker rule by code or name, or list every rule.
    Explain {
        /// A rule code (GD1401) or name (unknown-payload-property).
        #[arg(value_name = "CODE", required_unless_present = "list")]
        code: Option<String>,
        /// List every rule.
        #[arg(long, conflicts_with = "code")]
        list: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        None => run_generate(cli.generate),
        Some(Command::Generate(args)) => run_generate(args),
        Some(Command::Model {
            inputs,
            format,
            metadata,
        }) => model::run(&inputs, format, metadata.as_ref()),
        Some(Command::Check {
            paths,
            root,
            format,
            config,
            metadata,
            baseline,
            write_baseline,
            fix,
            color,
        }) => check::run(&CheckArgs {
            paths,
            root,
            format,
            config,
            metadata,
            baseline,
            write_baseline,
            fix,
            color,
        }),
        Some(Command::Explain { code, list }) => explain::run(code.as_deref(), list),
    };
    ExitCode::from(code)
}

fn run_generate(args: GenerateArgs) -> u8 {
    let GenerateArgs {
        inputs,
        output,
        check,
    } = args;
    let root = commands::workspace_root();
    let inputs = if inputs.is_empty() {
        match &root {
            Some(root) => vec![root.join("docs-input")],
            None => {
                eprintln!("error: no docs-input/ folder here or above; pass --input DIR");
                return EXIT_USAGE;
            }
        }
    } else {
        inputs
    };
    let output = match (output, &root) {
        (Some(output), _) => output,
        (None, Some(root)) => root.join("generated"),
        (None, None) => {
            eprintln!("error: no workspace here or above; pass --output DIR");
            return EXIT_USAGE;
        }
    };
    generate::run(&inputs, &output, check)
}
