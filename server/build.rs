//! Compiles the embedded gazetteer (`src/gazetteer/compiled.rs`) into
//! `OUT_DIR`: its name index and sections, and its places without their
//! alternate names (which the index holds), so that the server reads them in
//! place from its binary instead of building them at every start.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

#[path = "src/gazetteer/compiled.rs"]
mod compiled;

const CITIES: &str = "data/gazetteer/cities.tsv.gz";

fn main() {
    println!("cargo::rerun-if-changed={CITIES}");
    println!("cargo::rerun-if-changed=src/gazetteer/compiled.rs");
    let file = std::fs::File::open(CITIES).expect("the gazetteer's cities");
    let lines: Vec<String> = BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .collect::<Result<_, _>>()
        .expect("the gazetteer decompresses");
    let rows: Vec<Vec<&str>> = lines
        .iter()
        .map(|line| line.split('\t').collect())
        .collect();
    let number = |row: &[&str], col: usize, n: usize| -> f64 {
        row.get(col)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "{CITIES} line {}: column {} is not a number",
                    n + 1,
                    col + 1
                )
            })
    };
    let facts: Vec<compiled::PlaceFacts> = rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            assert_eq!(row.len(), 9, "{CITIES} line {}: expected 9 columns", n + 1);
            assert!(
                row[0].parse::<i64>().is_ok(),
                "{CITIES} line {}: bad id",
                n + 1
            );
            compiled::PlaceFacts {
                main: row[1],
                alternates: row[8],
                country_code: row[2],
                latitude: number(row, 4, n),
                longitude: number(row, 5, n),
                population: row[6].parse().unwrap_or_else(|_| {
                    panic!("{CITIES} line {}: column 7 is not a population", n + 1)
                }),
            }
        })
        .collect();
    let index = compiled::compile(&facts);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
    };
    write("names.fst", &index.fst);
    write("names.postings", &index.postings);
    write("sections", &index.sections);
    // The places' own columns; the ninth, the alternate names, left empty.
    let mut places = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    for row in &rows {
        writeln!(places, "{}\t", row[..8].join("\t")).expect("compress");
    }
    write("places.tsv.gz", &places.finish().expect("compress"));
}
