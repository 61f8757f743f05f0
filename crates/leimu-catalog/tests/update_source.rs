//! Taking in a revised source text (`cargo xtask update-source`), on a
//! synthetic revision written here from today's source: a category added and
//! one removed, a document renamed, an alternative added to a row, a row
//! moved and a note changed. Only the rows these touch may be marked, and
//! nothing else in the catalogue may move.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use leimu_catalog::read_catalog;
use leimu_catalog::update_source::{MarkKind, plan_update, update_source};

fn catalog_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog")
}

/// A copy of the catalogue's source files (not `generated/`) in a fresh folder.
fn copy_catalogue(name: &str) -> PathBuf {
    let to = std::env::temp_dir()
        .join(format!("leimu-update-{}-{name}", std::process::id()))
        .join("catalog");
    let _ = fs::remove_dir_all(&to);
    fs::create_dir_all(to.join("categories")).unwrap();
    for entry in fs::read_dir(catalog_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    for entry in fs::read_dir(catalog_dir().join("categories")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join("categories").join(path.file_name().unwrap())).unwrap();
    }
    to
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// The synthetic revision, and the marks it must cause: row (first leaf id) → kinds.
fn revision() -> (String, BTreeMap<String, BTreeSet<MarkKind>>) {
    let (catalog, problems) = read_catalog(&catalog_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let mut text = catalog.source_text.clone();
    let mut expected: BTreeMap<String, BTreeSet<MarkKind>> = BTreeMap::new();
    let mut expect = |id: &str, kind: MarkKind| {
        expected.entry(id.to_owned()).or_default().insert(kind);
    };
    let rows = |file: &str| -> Vec<(String, String)> {
        let file = catalog
            .categories
            .iter()
            .find(|f| f.path.ends_with(file))
            .unwrap();
        file.value
            .row
            .iter()
            .map(|row| {
                let text = format!(
                    "{}\n{}\n{}",
                    row.requirement.get_ref(),
                    row.scope.get_ref(),
                    row.notes_text()
                );
                (row.leaves()[0].1.get_ref().clone(), text)
            })
            .collect()
    };

    // A category added, after the last row of 物流服务 (物流服务 > 货物运输).
    text = replace_once(
        &text,
        "\n教育服务\n",
        "\n新增服务\n二级分类 三级分类 资质要求 类目适用范围 备注\n新增二级\n/\n/\n适用于新增的服务。\n/\n教育服务\n",
    );
    expect("logistics.freight", MarkKind::NewTextAfter);

    // A category removed: 资讯, its name, header and rows.
    let start = text.find("\n资讯\n二级分类").unwrap() + 1;
    let end = start + text[start..].find("\n深度合成\n").unwrap() + 1;
    text.replace_range(start..end, "");
    for (id, _) in rows("22-news.toml") {
        expect(&id, MarkKind::Vanished);
    }

    // A document renamed everywhere: every row that names it changed.
    for file in &catalog.categories {
        for row in &file.value.row {
            let cells = [
                row.requirement.get_ref().as_str(),
                row.scope.get_ref(),
                row.notes_text(),
            ];
            if cells.iter().any(|c| c.contains("快递业务经营许可证")) {
                expect(row.leaves()[0].1.get_ref(), MarkKind::Changed);
            }
        }
    }
    text = text.replace("快递业务经营许可证", "快递经营许可证");

    // An alternative added to a row: 货物运输 gets a fifth way.
    text = replace_once(&text, "（4选1）：\n1、陆运提供", "（5选1）：\n1、陆运提供");
    text = replace_once(
        &text,
        "4、空运提供：《公共航空运输企业经营许可证》\n",
        "4、空运提供：《公共航空运输企业经营许可证》\n5、管道运输提供：《管道运输许可证》\n",
    );
    expect("logistics.freight", MarkKind::Changed);

    // A row moved: 装卸搬运 goes after 快递柜.
    let moved =
        "装卸搬运\n/\n/\n适用于物流行业内的装卸搬运业务，如工程、港口等地方货物的装卸。\n/\n";
    text = replace_once(&text, moved, "");
    text = replace_once(&text, "\n货物运输\n", &format!("\n{moved}货物运输\n"));
    expect("logistics.loading-handling", MarkKind::Moved);
    expect("logistics.parcel-locker", MarkKind::NewTextAfter);

    // A note changed: the first note of 医疗服务.
    let (id, note) = catalog
        .categories
        .iter()
        .find(|f| f.path.ends_with("03-medical.toml"))
        .unwrap()
        .value
        .row
        .iter()
        .find(|row| !row.notes_text().is_empty())
        .map(|row| {
            (
                row.leaves()[0].1.get_ref().clone(),
                row.notes_text().lines().last().unwrap().to_owned(),
            )
        })
        .unwrap();
    text = replace_once(&text, &format!("{note}\n"), &format!("{note}（已更新）\n"));
    expect(&id, MarkKind::Changed);

    (text, expected)
}

#[test]
fn the_same_text_marks_nothing() {
    let (catalog, _) = read_catalog(&catalog_dir());
    let report = plan_update(&catalog, &catalog.source_text.clone()).unwrap();
    assert!(report.marks.is_empty(), "{}", report.to_text());
    let rows: usize = catalog.categories.iter().map(|f| f.value.row.len()).sum();
    assert_eq!(report.untouched_rows, rows);
}

#[test]
fn only_the_changed_rows_are_marked() {
    let (new_text, expected) = revision();
    let (catalog, _) = read_catalog(&catalog_dir());
    let report = plan_update(&catalog, &new_text).unwrap();
    let marked: BTreeMap<String, BTreeSet<MarkKind>> = report
        .marks
        .iter()
        .map(|m| (m.ids[0].clone(), m.kinds.iter().copied().collect()))
        .collect();
    assert_eq!(marked, expected, "{}", report.to_text());
    let rows: usize = catalog.categories.iter().map(|f| f.value.row.len()).sum();
    assert_eq!(report.untouched_rows + report.marks.len(), rows);
    assert!(
        report.marks.len() * 10 < rows,
        "{} of {rows} rows marked",
        report.marks.len()
    );
    // The marks show the old and the new text.
    let freight = report
        .marks
        .iter()
        .find(|m| m.ids[0] == "logistics.freight")
        .unwrap();
    assert!(
        freight.review.contains("  | （4选1）："),
        "{}",
        freight.review
    );
    assert!(
        freight.review.contains("  | （5选1）："),
        "{}",
        freight.review
    );
    assert!(
        freight
            .review
            .contains("  | 5、管道运输提供：《管道运输许可证》"),
        "{}",
        freight.review
    );
    assert!(
        freight.review.contains("  | 新增服务"),
        "{}",
        freight.review
    );
}

#[test]
fn update_source_marks_rows_in_their_files_and_moves_nothing_else() {
    let (new_text, _) = revision();
    let root = copy_catalogue("apply");
    let before: BTreeMap<PathBuf, String> = fs::read_dir(root.join("categories"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect();
    let report = update_source(&root, &new_text).unwrap();
    assert_eq!(
        fs::read_to_string(root.join("source.txt")).unwrap(),
        new_text
    );

    // Every file is what it was, once the inserted `review` entries are taken out.
    let mut reviews = 0;
    for (path, old) in &before {
        let now = fs::read_to_string(path).unwrap();
        let mut without = String::new();
        let mut lines = now.split_inclusive('\n');
        while let Some(line) = lines.next() {
            if line == "review = '''\n" {
                reviews += 1;
                for inner in lines.by_ref() {
                    if inner == "'''\n" {
                        break;
                    }
                }
                continue;
            }
            without.push_str(line);
        }
        assert_eq!(&without, old, "{} changed beyond its marks", path.display());
    }
    assert_eq!(reviews, report.marks.len());

    // Validation fails on each mark, naming the row, until it is deleted.
    let problems = leimu_catalog::validate(&root);
    let marked: Vec<_> = problems
        .iter()
        .filter(|d| d.message.contains("is marked for review"))
        .collect();
    assert_eq!(marked.len(), report.marks.len(), "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|d| d.path.ends_with("provenance.toml") && d.message.contains("source_sha256")),
        "the new text's hash must be set: {problems:#?}"
    );

    // A second update before the marks are reviewed is refused.
    assert!(update_source(&root, &new_text).is_err());
    let _ = fs::remove_dir_all(root.parent().unwrap());
}
