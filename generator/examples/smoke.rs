use std::collections::BTreeMap;
fn main() {
    let roots: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let t = std::time::Instant::now();
    let corpus = graph_docgen::corpus::load(&roots);
    eprintln!("{} pages in {:?}", corpus.pages.len(), t.elapsed());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &corpus.pages {
        for d in &p.diagnostics {
            *counts.entry(d.code).or_default() += 1;
        }
    }
    println!("{counts:?}");
    let blocks: usize = corpus.pages.iter().map(|p| p.blocks.len()).sum();
    let tables: usize = corpus.pages.iter().map(|p| p.tables.len()).sum();
    let ann: usize = corpus.pages.iter().map(|p| p.annotations.len()).sum();
    let inc: usize = corpus.pages.iter().map(|p| p.includes.len()).sum();
    let tabs: usize = corpus.pages.iter().map(|p| p.tab_markers.len()).sum();
    let http: usize = corpus
        .pages
        .iter()
        .map(|p| p.blocks.iter().filter(|b| b.http.is_some()).count())
        .sum();
    println!(
        "blocks {blocks} http {http} tables {tables} annotations {ann} includes {inc} tabs {tabs}"
    );
    for p in &corpus.pages {
        for d in &p.diagnostics {
            if std::env::var("SHOW").map_or(false, |c| c == d.code) {
                println!("{d}");
            }
        }
    }
}
