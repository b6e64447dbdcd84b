//! Speed of `model` over a docs tree against the floor: a bare pulldown-cmark pass over the
//! same files in the same run (read every page, count events), both in parallel.
//!
//! Run: `GRAPH_DOCS_DIR=path/to/v1.0 cargo bench --bench corpus`

use graph_docgen::{corpus, model, page};
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
    let (floor, events) = time(|| {
        files
            .par_iter()
            .map(|f| {
                let text = std::fs::read_to_string(&f.path).unwrap_or_default();
                Parser::new_ext(&text, page::markdown_options()).count()
            })
            .sum::<usize>()
    });
    let (parse, pages) = time(|| corpus::load(&roots).pages.len());
    let (full, types) = time(|| model::build_from_roots(&roots).types.len());
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64();
    println!("floor: read + pulldown-cmark events  {floor:>10.2?}  ({events} events)");
    println!(
        "parse: pages                         {parse:>10.2?}  {:.2}x floor  ({pages} pages)",
        ratio(parse)
    );
    println!(
        "model: pages + model                 {full:>10.2?}  {:.2}x floor  ({types} types)",
        ratio(full)
    );
}
