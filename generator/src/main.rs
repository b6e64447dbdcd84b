//! The `graph-docgen` command line. With no command it regenerates `generated/` from
//! `docs-input/` of the workspace it is run in.

use clap::{Parser, Subcommand};
use graph_docgen::commands::{self, generate, model, EXIT_USAGE};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the pages allocate many small strings; the system allocator was a fifth of the
/// run time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads Microsoft Graph reference pages and turns them into a typed API model and Rust
/// bindings.
///
/// Exit codes: 0 the run completed (problems in the pages are reported as diagnostics, not
/// failures); 1 stale output with `generate --check`; 2 usage error, or an input or output that
/// cannot be read or written.
#[derive(Parser)]
#[command(name = "graph-docgen", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the output folder from the pages (the default command).
    Generate {
        /// Docs trees or pages to read [default: docs-input/ of the workspace].
        #[arg(long = "input", value_name = "DIR")]
        inputs: Vec<PathBuf>,
        /// Folder to write [default: generated/ of the workspace].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Write nothing; exit 1 and name the files when the output is stale.
        #[arg(long)]
        check: bool,
    },
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        None => run_generate(Vec::new(), None, false),
        Some(Command::Generate {
            inputs,
            output,
            check,
        }) => run_generate(inputs, output, check),
        Some(Command::Model {
            inputs,
            format,
            metadata,
        }) => model::run(&inputs, format, metadata.as_ref()),
    };
    ExitCode::from(code)
}

fn run_generate(inputs: Vec<PathBuf>, output: Option<PathBuf>, check: bool) -> u8 {
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
