//! Speed of `model` and `check` over a docs tree against the floor: a bare pulldown-cmark pass
//! over the same files in the same run (read every page, count events), all in parallel.
//!
//! Two measurements: every stage in one process, round after round (layer by layer), then
//! the floor, `model`, `check` and `check` of one page each in a fresh process of its own, as
//! the command line runs them.
//!
//! Run: `GRAPH_DOCS_DIR=path/to/v1.0 cargo bench --bench corpus`

use graph_docgen::{check, corpus, model, page};
use pulldown_cmark::Parser;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Set in a child process of the benchmark: the one stage it runs, once, in a fresh process.
const FRESH_STAGE: &str = "GRAPH_DOCGEN_BENCH_STAGE";

/// Set in a child process of the benchmark: the page `check, one page` checks.
const FRESH_PAGE: &str = "GRAPH_DOCGEN_BENCH_PAGE";

/// The stages measured in fresh processes; the first is the floor. `check, one page` checks
/// the middle page of the root (in path order) against the whole root, as a pre-commit hook
/// checks an edited page.
const FRESH_STAGES: [&str; 4] = ["floor", "model", "check", "check, one page"];

/// Default rounds per measurement.
const ROUNDS: usize = 15;

/// The same allocator as the `graph-docgen` binary.
#[global_allocator]
static ALLOCATOR: graph_docgen::allocator::Allocator = graph_docgen::allocator::Allocator;

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

/// Runs `f` once and returns its time and value.
fn time_once<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed(), value)
}

/// Samples of one stage: its times, and its time over the floor's in the same round.
#[derive(Default)]
struct Stage {
    times: Vec<Duration>,
    ratios: Vec<f64>,
}

impl Stage {
    fn record(&mut self, time: Duration, floor: Duration) {
        self.times.push(time);
        self.ratios.push(time.as_secs_f64() / floor.as_secs_f64());
    }

    fn median_time(&self) -> Duration {
        median(self.times.clone())
    }

    /// The ratio with the spread of its middle half of rounds (first to third quartile), so
    /// that each run shows how much the machine moved it.
    fn ratio(&self, floor: &Stage) -> String {
        let sorted = self.sorted_ratios();
        let n = sorted.len();
        format!(
            "{:.2}x floor (middle half {:.2}-{:.2}; fastest rounds {:.2}x)",
            sorted[n / 2],
            sorted[n / 4],
            sorted[(3 * n) / 4],
            self.best_ratio(floor)
        )
    }

    /// The stage's fastest round over the floor's fastest round. Noise on a shared machine only
    /// ever adds time, so the fastest rounds are the steadiest estimate of the work itself.
    fn best_ratio(&self, floor: &Stage) -> f64 {
        self.fastest_time().as_secs_f64() / floor.fastest_time().as_secs_f64()
    }

    fn fastest_time(&self) -> Duration {
        self.times.iter().min().copied().unwrap_or_default()
    }

    fn sorted_ratios(&self) -> Vec<f64> {
        let mut ratios = self.ratios.clone();
        ratios.sort_by(f64::total_cmp);
        ratios
    }
}

fn main() {
    let Some(dir) = std::env::var_os("GRAPH_DOCS_DIR").map(PathBuf::from) else {
        eprintln!("set GRAPH_DOCS_DIR to a docs tree (such as graph-docs-2021/v1.0) to run this benchmark");
        return;
    };
    let roots = vec![dir];
    if let Some(stage) = std::env::var_os(FRESH_STAGE) {
        run_fresh_stage(&stage.to_string_lossy(), &roots);
        return;
    }
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
    // Each round runs the floor and every stage back to back, so that a busy machine slows
    // them alike; ratios are taken within a round, and their median reported.
    let (
        mut floor_stage,
        mut find,
        mut pages_only,
        mut facts,
        mut parse,
        mut full,
        mut kept,
        mut checked,
    ) = (
        Stage::default(),
        Stage::default(),
        Stage::default(),
        Stage::default(),
        Stage::default(),
        Stage::default(),
        Stage::default(),
        Stage::default(),
    );
    let mut last = None;
    for _ in 0..rounds() {
        let (floor_time, events) = time_once(|| floor(&roots));
        floor_stage.record(floor_time, floor_time);
        let (t, _) = time_once(|| corpus::discover(&roots).0.len());
        find.record(t, floor_time);
        // The page layer alone: each page read and parsed, then dropped on its thread.
        let (t, _) = time_once(|| {
            let (files, _) = corpus::discover(&roots);
            files
                .par_iter()
                .with_max_len(corpus::PAGES_PER_TASK)
                .filter_map(|f| corpus::read_page(f).ok())
                .count()
        });
        pages_only.record(t, floor_time);
        // The page layer and the extraction of each page's facts, both dropped on the thread:
        // what `model` costs before its facts are kept and assembled.
        let (t, _) = time_once(|| {
            let (files, _) = corpus::discover(&roots);
            model::extract_and_drop(&files)
        });
        facts.record(t, floor_time);
        // The parsed pages and the model are dropped outside the timed region, as the
        // command line leaves them to the operating system at exit.
        let (t, corpus) = time_once(|| corpus::load(&roots));
        parse.record(t, floor_time);
        let (t, model) = time_once(|| model::build_from_roots(&roots));
        full.record(t, floor_time);
        // The same model, keeping every page as `check` must: the difference is what holding
        // the pages costs. Kept until the round ends, so that no stage reuses its memory.
        let (t, held) = time_once(|| {
            let (files, failed) = corpus::discover(&roots);
            model::load_and_build(&files, failed)
        });
        kept.record(t, floor_time);
        // `check` as the command runs it: read, parse and model the whole root, run every rule.
        let (t, run) = time_once(|| check::run(&roots[0], &[], None).ok());
        checked.record(t, floor_time);
        last = Some((events, corpus, model, held, run));
    }
    let Some((events, corpus, model, _held, run)) = last else {
        return;
    };
    // Counted as the command reports them: the default configuration turns some rules off.
    let findings = run.as_ref().map_or(0, |r| {
        check::config::Config::default()
            .apply(r.findings.clone())
            .len()
    });
    let (pages, types) = (corpus.pages.len(), model.types.len());
    println!(
        "floor: find, read, pulldown-cmark    {:>10.2?}  ({events} events; finding the files {:.2?}; fastest round {:.2?})",
        floor_stage.median_time(),
        find.median_time(),
        floor_stage.fastest_time()
    );
    println!(
        "pages: each parsed, then dropped     {:>10.2?}  {}",
        pages_only.median_time(),
        pages_only.ratio(&floor_stage)
    );
    println!(
        "pages + facts, each dropped          {:>10.2?}  {}",
        facts.median_time(),
        facts.ratio(&floor_stage)
    );
    println!(
        "pages, every page kept               {:>10.2?}  {}  ({pages} pages)",
        parse.median_time(),
        parse.ratio(&floor_stage)
    );
    println!(
        "model: pages + model                 {:>10.2?}  {}  ({types} types)",
        full.median_time(),
        full.ratio(&floor_stage)
    );
    println!(
        "model, every page kept               {:>10.2?}  {}",
        kept.median_time(),
        kept.ratio(&floor_stage)
    );
    println!(
        "check: pages + model + every rule    {:>10.2?}  {}  ({findings} findings)",
        checked.median_time(),
        checked.ratio(&floor_stage)
    );
    fresh_processes(&roots[0]);
}

/// The floor: find the pages, read them and run pulldown-cmark over them, the least any tool
/// that reads these pages does, its work shared between the threads as the tool shares its own
/// ([`corpus::PAGES_PER_TASK`]). Returns the number of events.
fn floor(roots: &[PathBuf]) -> usize {
    let (files, _) = corpus::discover(roots);
    files
        .par_iter()
        .with_max_len(corpus::PAGES_PER_TASK)
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap_or_default();
            Parser::new_ext(&text, page::markdown_options()).count()
        })
        .sum::<usize>()
}

/// The middle page of the root in path order.
fn middle_page(root: &Path) -> Option<PathBuf> {
    let (files, _) = corpus::discover(&[root.to_path_buf()]);
    files.get(files.len() / 2).map(|f| f.path.clone())
}

/// In a child process: runs `stage` once and prints its time in nanoseconds. What the stage
/// built is left to the operating system at exit, as the command line does.
fn run_fresh_stage(stage: &str, roots: &[PathBuf]) {
    // Handed over by the parent, as a hook is handed its page: the child looks nothing up
    // before its clock starts.
    let one_page: Vec<PathBuf> = std::env::var_os(FRESH_PAGE)
        .map(PathBuf::from)
        .into_iter()
        .collect();
    let (time, ()) = time_once(|| match stage {
        "floor" => {
            std::hint::black_box(floor(roots));
        }
        "model" => std::mem::forget(std::hint::black_box(model::build_from_roots(roots))),
        "check" => std::mem::forget(std::hint::black_box(check::run(&roots[0], &[], None).ok())),
        "check, one page" => std::mem::forget(std::hint::black_box(
            check::run(&roots[0], &one_page, None).ok(),
        )),
        _ => {
            eprintln!("unknown stage `{stage}`");
            std::process::exit(2);
        }
    });
    println!("{}", time.as_nanos());
}

/// Runs each of [`FRESH_STAGES`] in a fresh process, round after round, and prints
/// their ratios to the floor. Each child times itself from its first file lookup to its result,
/// so process start-up is not counted; all of them meet fresh memory, as the command line does.
fn fresh_processes(root: &Path) {
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("cannot find the benchmark's own executable: fresh-process rounds skipped");
        return;
    };
    let Some(page) = middle_page(root) else {
        eprintln!("no page under the root: fresh-process rounds skipped");
        return;
    };
    let mut stages: Vec<Stage> = FRESH_STAGES.iter().map(|_| Stage::default()).collect();
    for _ in 0..rounds() {
        let times: Option<Vec<Duration>> = FRESH_STAGES
            .iter()
            .map(|stage| fresh_time(&exe, root, &page, stage))
            .collect();
        let Some(times) = times else {
            eprintln!("a fresh-process stage failed: fresh-process rounds stopped");
            return;
        };
        for (stage, &time) in stages.iter_mut().zip(&times) {
            stage.record(time, times[0]);
        }
    }
    println!("each in a fresh process, median of {} rounds", rounds());
    let floor = &stages[0];
    println!(
        "floor                                {:>10.2?}  (fastest round {:.2?})",
        floor.median_time(),
        floor.fastest_time()
    );
    for (name, stage) in FRESH_STAGES.iter().zip(&stages).skip(1) {
        println!(
            "{name:<37}{:>10.2?}  {}",
            stage.median_time(),
            stage.ratio(floor)
        );
    }
}

/// Runs one stage in a child process of this benchmark and reads the time it reports.
fn fresh_time(exe: &Path, root: &Path, page: &Path, stage: &str) -> Option<Duration> {
    let output = Command::new(exe)
        .env(FRESH_STAGE, stage)
        .env(FRESH_PAGE, page)
        .env("GRAPH_DOCS_DIR", root)
        .output()
        .ok()?;
    let nanos: u64 = std::str::from_utf8(&output.stdout)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_nanos(nanos))
}
