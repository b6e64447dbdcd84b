//! Speed of `model` and `check` over a docs tree against the floor: a bare pulldown-cmark pass
//! over the same files in the same run (read every page, count events), all in parallel.
//!
//! Run: `GRAPH_DOCS_DIR=path/to/v1.0 cargo bench --bench corpus`

use graph_docgen::{check, corpus, model, page};
use pulldown_cmark::Parser;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Default rounds per measurement.
const ROUNDS: usize = 15;

/// The same allocator as the `graph-docgen` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Rounds per measurement: `BENCH_ROUNDS`, or 15.
fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(ROUNDS)
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let rounds = rounds();
    let mut samples = Vec::with_capacity(rounds);
    let mut last = None;
    for _ in 0..rounds {
        let start = Instant::now();
        let value = f();
        samples.push(start.elapsed());
        last = Some(value);
    }
    (median(samples), last.expect("at least one round"))
}

fn main() {
    let Some(dir) = std::env::var_os("GRAPH_DOCS_DIR").map(PathBuf::from) else {
        eprintln!("set GRAPH_DOCS_DIR to a docs tree (such as graph-docs-2021/v1.0) to run this benchmark");
        return;
    };
    let roots = vec![dir];
    let (files, _) = corpus::discover(&roots);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{} pages, {:.1} MB, {} threads, median of {} rounds",
        files.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads(),
        rounds()
    );
    // The floor finds the pages, reads them and runs pulldown-cmark over them: the least any
    // tool that reads these pages does.
    let (floor, events) = time(|| {
        let (files, _) = corpus::discover(&roots);
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f.path).unwrap_or_default();
                Parser::new_ext(&text, page::markdown_options()).count()
            })
            .sum::<usize>()
    });
    let (find, _) = time(|| corpus::discover(&roots).0.len());
    // The parsed pages and the model are dropped outside the timed region, as the command
    // line leaves them to the operating system at exit.
    let (parse, corpus) = time(|| corpus::load(&roots));
    let (full, model) = time(|| model::build_from_roots(&roots));
    // `check` as the command runs it: read, parse and model the whole root, run every rule.
    let (checked, run) = time(|| check::run(&roots[0], &[], None).ok());
    let findings = run.as_ref().map_or(0, |r| r.findings.len());
    let (pages, types) = (corpus.pages.len(), model.types.len());
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64();
    println!("floor: find, read, pulldown-cmark    {floor:>10.2?}  ({events} events; finding the files {find:.2?})");
    println!(
        "parse: pages                         {parse:>10.2?}  {:.2}x floor  ({pages} pages)",
        ratio(parse)
    );
    println!(
        "model: pages + model                 {full:>10.2?}  {:.2}x floor  ({types} types)",
        ratio(full)
    );
    println!(
        "check: pages + model + every rule    {checked:>10.2?}  {:.2}x floor  ({findings} findings)",
        ratio(checked)
    );
}
