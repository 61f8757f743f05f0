//! `fuzz-seeds DIR [TARGET…]`: writes each target's seeds into `DIR/<target>/`
//! when that folder is empty or missing (`cargo xtask fuzz` runs it first).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: fuzz-seeds DIR [TARGET…]");
        return ExitCode::from(2);
    };
    let wanted: Vec<String> = args.collect();
    for (name, _) in leimu_fuzz::TARGETS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let corpus = Path::new(&dir).join(name);
        let empty = std::fs::read_dir(&corpus).map_or(true, |mut entries| entries.next().is_none());
        if !empty {
            continue;
        }
        if let Err(error) = std::fs::create_dir_all(&corpus) {
            eprintln!("cannot create {}: {error}", corpus.display());
            return ExitCode::FAILURE;
        }
        for (i, seed) in leimu_fuzz::seeds::seeds(name).iter().enumerate() {
            let file = corpus.join(format!("seed-{i}"));
            if let Err(error) = std::fs::write(&file, seed) {
                eprintln!("cannot write {}: {error}", file.display());
                return ExitCode::FAILURE;
            }
        }
        println!("wrote the seeds of {name} into {}", corpus.display());
    }
    ExitCode::SUCCESS
}
