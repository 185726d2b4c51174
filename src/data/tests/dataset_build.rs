//! `city-comms-data build`: the real binary compiles bundles into datasets, which these tests
//! read back as the app does, file by file, checking each file's name against its SHA-256.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use city_comms::domain::dataset::facets;
use city_comms::domain::dataset::grams;
use city_comms::domain::dataset::index::{self, read_chunk, Postings};
use city_comms::domain::dataset::postings::Ordinals;
use city_comms::domain::dataset::{
    self as dataset, reader, ArticleFile, CardFile, IndexDirectory, Manifest, FORMAT, MANIFEST,
};
use city_comms::domain::filter::search_fields;
use city_comms::domain::search::{encode_normalized, normalize, Query};
use common::dataset::{built, files, generated, manifest, parse, read};
use common::Sandbox;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn the_default_bundle_compiles_into_files_that_hold_every_item_once() {
    let sandbox = Sandbox::new("build-default");
    let out = sandbox.dir.join("data");
    let run = sandbox.run(&[&"build", &sandbox.bundle, &out]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.out.contains("34"), "{}", run.out);
    let manifest = manifest(&out);
    assert_eq!(manifest.format, FORMAT);
    assert_eq!(manifest.items, 34);
    assert_eq!(manifest.bundle["news"], json!([]));
    assert_eq!(manifest.bundle["districts"].as_array().unwrap().len(), 50);

    let source = parse(common::default_bundle());
    let mut seen = BTreeMap::new();
    let mut last_published = String::from("9999");
    for part in &manifest.cards {
        let file: CardFile = serde_json::from_slice(&read(&out, &part.file.path)).unwrap();
        assert_eq!(file.cards.len() as u32, part.count);
        for card in file.cards {
            assert!(card.published <= last_published, "newest first");
            last_published = card.published.clone();
            assert!(
                card.published >= part.month,
                "no card older than its part's month"
            );
            let articles: ArticleFile = serde_json::from_slice(&read(&out, &card.article)).unwrap();
            let article = articles.articles.iter().find(|a| a.id == card.id).unwrap();
            let item = source.news.iter().find(|n| n.id == card.id).unwrap();
            assert_eq!(article.body.th, item.body.th);
            assert_eq!(card.title.th, item.title.th);
            seen.insert(card.id.clone(), card.ordinal);
        }
    }
    assert_eq!(seen.len(), 34);
    // 34 items over quiet months: one part, one fetch for a list.
    assert_eq!(manifest.cards.len(), 1);
    for (id, ordinal) in &seen {
        let bucket = dataset::id_bucket(id, manifest.ids.len() as u32) as usize;
        let ids: BTreeMap<String, u32> =
            serde_json::from_slice(&read(&out, &manifest.ids[bucket].path)).unwrap();
        assert_eq!(ids.get(id), Some(ordinal), "{id}");
    }
    // The counts with no filter agree with the facet columns.
    let rows = facets::decode(&read(&out, &manifest.facets[0].path)).unwrap();
    assert_eq!(rows.len(), 34);
    let districts = source
        .districts
        .iter()
        .map(|d| d.code.as_str())
        .collect::<Vec<_>>();
    for (code, count) in &manifest.counts["district"] {
        let position = districts.iter().position(|d| d == code).unwrap() as u8;
        let in_rows = rows.iter().filter(|r| r.district == position).count() as u32;
        assert_eq!(in_rows, *count, "{code}");
    }
}

/// One segment of the index: its first ordinal and its directory, the parts read and put
/// together in key order.
struct Segment {
    first: u32,
    directory: IndexDirectory,
}

/// The index's segments, each with its whole directory.
fn segments(out: &Path, manifest: &Manifest) -> Vec<Segment> {
    manifest
        .index
        .iter()
        .map(|segment| Segment {
            first: segment.first,
            directory: whole_directory(out, &segment.parts),
        })
        .collect()
}

/// A segment's directory, its parts read and put together, in key order.
fn whole_directory(out: &Path, parts: &[dataset::IndexPart]) -> IndexDirectory {
    let mut whole = IndexDirectory {
        format: FORMAT.to_owned(),
        firsts: Vec::new(),
        chunks: Vec::new(),
    };
    for part in parts {
        let directory: IndexDirectory =
            serde_json::from_slice(&read(out, &part.file.path)).unwrap();
        assert_eq!(directory.format, FORMAT);
        assert!(directory.chunks.len() <= index::PART_CHUNKS);
        assert_eq!(
            directory.firsts.first(),
            Some(&part.first),
            "{}",
            part.file.path
        );
        whole.firsts.extend(directory.firsts);
        whole.chunks.extend(directory.chunks);
    }
    whole
}

/// Runs a query over the dataset's index, each segment's whole directory at hand, then one
/// chunk per key it needs in each segment.
fn search(out: &Path, segments: &[Segment], typed: &str) -> (Ordinals, usize) {
    let (plans, read, bytes) = postings(out, segments, typed);
    (index::evaluate_segments(&plans, &read, false), bytes)
}

/// The entries a query needs from each segment, with the query's keys and the bytes of the
/// chunks read.
fn postings(
    out: &Path,
    segments: &[Segment],
    typed: &str,
) -> (Vec<grams::TermPlan>, Vec<Postings>, usize) {
    let plans = grams::plan(&Query::parse(typed));
    let mut bytes = 0;
    let mut read_so_far = Vec::new();
    for segment in segments {
        let directory = &segment.directory;
        let by_chunk = index::chunks_for(&directory.firsts, &grams::needed(&plans));
        let mut postings = Postings::of_segment(segment.first);
        for (chunk, keys) in by_chunk {
            let data = read(out, &directory.chunks[chunk].path);
            bytes += data.len();
            postings.extend(read_chunk(&data, &keys).unwrap());
        }
        read_so_far.push(postings);
    }
    (plans, read_so_far, bytes)
}

#[test]
fn search_finds_every_item_that_contains_the_query_by_the_apps_own_normalisation() {
    let source = generated(3000);
    let (sandbox, out) = built("build-recall", &source);
    let manifest = manifest(&out);
    let segments = segments(&out, &manifest);
    // The items before the newest month, then the newest month's, in ordinal order.
    let ranges: Vec<(u32, u32)> = manifest.index.iter().map(|s| (s.first, s.items)).collect();
    assert_eq!(ranges.len(), 2, "{ranges:?}");
    assert_eq!(ranges[0].0, 0);
    assert!(ranges.windows(2).all(|w| w[0].0 + w[0].1 == w[1].0));
    assert_eq!(ranges.iter().map(|r| r.1).sum::<u32>(), manifest.items);
    let oldest = &segments[0].directory;
    assert!(oldest.chunks.len() > 1);
    assert!(oldest.firsts.windows(2).all(|w| w[0] < w[1]));
    // The directory comes in parts, and a query reads only those of its keys.
    let parts = manifest.index[0].parts.len();
    assert!(parts > 1, "{parts} parts");

    // Ground truth: each item's fields, normalised, contain one form of every term. Items
    // in ordinal order: publication time, then id.
    let bundle = parse(&source.to_string());
    let mut order: Vec<_> = bundle.news.iter().collect();
    order.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    let texts: Vec<Vec<String>> = order
        .iter()
        .map(|item| {
            search_fields(&bundle, item)
                .iter()
                .map(|f| normalize(f))
                .collect()
        })
        .collect();
    let queries = [
        "คลอง",
        "ขยะ",
        "ต้นไม้",
        "ผู้สูงอายุ",
        "ชุมชน",
        "บางกะปิ",
        "เขตจตุจักร",
        "ลาดกระบัง",
        "งานเ",
        "กรุงเทพมหานครเ",
        "๒๕๖๗",
        "2567",
        "คลอง ขยะ",
        "\"ปลูกต้นไม้\"",
        "canal",
        "\"fire drill\"",
        "Bang Kapi",
        "PM2.5",
        "park",
        "ข",
        "ไม่มีคำนี้แน่นอน",
    ];
    let mut extra = 0;
    for typed in queries {
        let query = Query::parse(typed);
        let truth: Ordinals = texts
            .iter()
            .enumerate()
            .filter(|(_, fields)| {
                query.terms.iter().all(|term| {
                    term.forms()
                        .iter()
                        .any(|form| fields.iter().any(|f| f.contains(form.as_str())))
                })
            })
            .map(|(i, _)| i as u32)
            .collect();
        let (found, _) = search(&out, &segments, typed);
        let run = sandbox.run(&[&"query", &out, &typed]);
        let answer: Value = serde_json::from_str(&run.out).unwrap();
        let by_parts: Ordinals = serde_json::from_value(answer["ordinals"].clone()).unwrap();
        assert_eq!(by_parts, found, "{typed:?} through the directory's parts");
        let missed: Vec<_> = truth
            .iter()
            .filter(|o| found.binary_search(o).is_err())
            .collect();
        assert!(
            missed.is_empty(),
            "{typed:?} missed {} of {}",
            missed.len(),
            truth.len()
        );
        // A word of up to four bytes is a key of its own: found exactly.
        let short = query.terms.iter().all(|term| {
            term.forms()
                .iter()
                .all(|form| encode_normalized(form).len() <= 4)
        });
        if short {
            assert_eq!(found, truth, "{typed:?}");
        }
        extra += found.len() - truth.len();
    }
    // The pieces of a longer word can meet in an item without the word: rare, and counted.
    println!("items found beyond the ground truth, all queries: {extra}");
}

#[test]
fn a_second_build_is_byte_identical_and_a_days_news_leaves_older_files_and_segments_alone() {
    let sandbox = Sandbox::new("build-stable");
    let mut bundle = generated(1200);
    let first = sandbox.write("a.json", bundle.to_string());
    let (one, two) = (sandbox.dir.join("one"), sandbox.dir.join("two"));
    assert_eq!(sandbox.run(&[&"build", &first, &one]).code, 0);
    assert_eq!(sandbox.run(&[&"build", &first, &two]).code, 0);
    let before = files(&one);
    assert_eq!(before, files(&two));

    // More of the newest day's news, after everything else (its id sorts last).
    let old = manifest(&one);
    let today = bundle["news"].as_array().unwrap().iter();
    let today = today.map(|item| item["published"].as_str().unwrap()).max();
    let mut item = bundle["news"][0].clone();
    item["id"] = json!("zz-today");
    item["published"] = json!(today.unwrap());
    item["title"]["th"] = json!("ข่าวใหม่ล่าสุดของวันนี้ ตลาดน้ำยามเย็น");
    bundle["news"].as_array_mut().unwrap().push(item);
    let second = sandbox.write("b.json", bundle.to_string());
    let run = sandbox.run(&[&"build", &second, &one]);
    assert_eq!(run.code, 0, "{}", run.all());
    let after = files(&one);
    let manifest = manifest(&one);
    let new: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    let bucket = dataset::id_bucket("zz-today", manifest.ids.len() as u32) as usize;
    // The index's new files are the newest segment's; the older segments are as they were.
    let (latest, older) = manifest.index.split_last().unwrap();
    assert_eq!(older, &old.index[..old.index.len() - 1]);
    assert!(!older.is_empty());
    let newest_files: Vec<String> = whole_directory(&one, &latest.parts)
        .chunks
        .into_iter()
        .map(|chunk| chunk.path)
        .chain(latest.parts.iter().map(|part| part.file.path.clone()))
        .collect();
    let index_files = after.keys().filter(|p| p.starts_with("index/")).count();
    assert!(
        newest_files.len() * 4 < index_files,
        "{} of {index_files}",
        newest_files.len()
    );
    let by_views: Vec<&String> = manifest
        .views_cards
        .iter()
        .map(|part| &part.file.path)
        .collect();
    for path in &new {
        let expected = newest_files.contains(path)
            || *path == &manifest.cards[0].file.path
            || *path == &manifest.ids[bucket].path
            || *path == &manifest.facets.last().unwrap().path
            || *path == &manifest.views.last().unwrap().path
            || Some(*path) == manifest.most_viewed.as_ref().map(|file| &file.path)
            || Some(*path) == manifest.views_order.as_ref().map(|file| &file.path)
            || by_views.contains(path)
            || path.starts_with("articles/");
        assert!(expected, "{path} changed");
    }
    assert_eq!(new.iter().filter(|p| p.starts_with("articles/")).count(), 1);
    // The new item moves the order by views: the part by views it pushes an item into
    // changes, and at most the one that item splits, not every part after it.
    let moved = new.iter().filter(|p| by_views.contains(*p)).count();
    assert!(moved <= 2, "{moved} parts by views of {}", by_views.len());
    let parts = new
        .iter()
        .filter(|p| p.starts_with("cards/") && !p.contains("most-viewed"));
    let parts = parts.filter(|p| !p.contains("views-order") && !by_views.contains(*p));
    assert_eq!(parts.count(), 1);
    // The older files are all still there, unchanged, for readers of the older manifest.
    for (path, bytes) in &before {
        if path != MANIFEST {
            assert_eq!(after.get(path), Some(bytes), "{path}");
        }
    }
    let newest: CardFile = serde_json::from_slice(&after[&manifest.cards[0].file.path]).unwrap();
    assert_eq!(newest.cards[0].id, "zz-today");
}

#[test]
fn a_bad_source_is_explained_with_its_paths_and_nothing_is_written() {
    let sandbox = Sandbox::new("build-bad");
    let out = sandbox.dir.join("data");
    let good = sandbox.run(&[&"build", &sandbox.bundle, &out]);
    assert_eq!(good.code, 0);
    let before = files(&out);

    let mut bad: Value = serde_json::from_str(common::default_bundle()).unwrap();
    bad["format"] = json!("city-comms/9");
    bad["policies"] = json!("nine");
    let cases = [
        ("wrong.json", bad.to_string(), vec!["format", "policies"]),
        (
            "cut.json",
            common::default_bundle()[..5000].to_owned(),
            vec![],
        ),
        ("empty.json", String::new(), vec![]),
    ];
    for (name, text, paths) in cases {
        let source = sandbox.write(name, text);
        let run = sandbox.run(&[&"build", &source, &out]);
        assert_eq!(run.code, 1, "{name}: {}", run.all());
        assert!(run.err.contains(name), "{name}: {}", run.err);
        for path in paths {
            assert!(run.err.contains(path), "{name}: no {path} in {}", run.err);
        }
        assert_eq!(files(&out), before, "{name} changed the dataset");
    }
    let missing = sandbox.run(&[&"build", &sandbox.dir.join("nowhere.json"), &out]);
    assert_eq!(missing.code, 1);
    let usage = sandbox.run(&[&"build", &sandbox.bundle]);
    assert_eq!(usage.code, 2);
    assert!(usage.err.contains("Usage"), "{}", usage.err);
    // Nothing was left beside the dataset either.
    let left: Vec<_> = std::fs::read_dir(&sandbox.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_filter_over_the_dataset_finds_what_the_bundle_read_whole_finds_with_the_same_counts() {
    use city_comms::domain::filter::{NewsFilter, NewsIndex};
    let source = generated(700);
    let (_sandbox, out) = built("build-agree", &source);
    let manifest = manifest(&out);
    let segments = segments(&out, &manifest);
    let columns: Vec<_> = manifest
        .facets
        .iter()
        .zip(&manifest.views)
        .flat_map(|(f, v)| {
            let views = facets::decode_views(&read(&out, &v.path)).unwrap();
            facets::with_views(facets::decode(&read(&out, &f.path)).unwrap(), &views).unwrap()
        })
        .collect();
    let views: Vec<u32> = manifest
        .views
        .iter()
        .flat_map(|v| facets::decode_views(&read(&out, &v.path)).unwrap())
        .collect();
    let bundle = parse(&source.to_string());
    let whole = NewsIndex::build(&bundle);
    let mut order: Vec<_> = bundle.news.iter().collect();
    order.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));

    let addresses = [
        "",
        "sort=oldest",
        "sort=views",
        "group=thon-nuea",
        "district=1001&district=1002&theme=green-clean",
        "policy=environment&from=2023-01-01&to=2024-06-30",
        "q=คลอง",
        "q=คลอง&group=central",
        "q=ขยะ",
        "q=ขยะ&sort=oldest",
        "q=ขยะ คลอง",
        "q=ขยะ&sort=views",
        "q=คลอง&sort=oldest",
        "q=\"ปลูกต้นไม้\"&sort=oldest",
        "q=ไม่มีคำนี้แน่นอน",
    ];
    for address in addresses {
        let pairs: Vec<(String, String)> = address
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        let filter = NewsFilter::from_params(&pairs, &bundle);
        let expected = whole.run(&bundle, &filter);
        let found = (!filter.q.is_empty()).then(|| {
            let (plans, read, _) = postings(&out, &segments, &filter.q);
            reader::Found::from_postings(&plans, &read)
        });
        let rows = reader::rows(&columns);
        let rows = reader::needs_columns(&filter).then_some(rows.as_slice());
        let got = reader::results(&manifest, &bundle, &filter, rows, found.as_ref());
        let ids = |items: &[usize], ordinals: bool| -> Vec<String> {
            items
                .iter()
                .map(|&i| {
                    if ordinals {
                        order[i].id.clone()
                    } else {
                        bundle.news[i].id.clone()
                    }
                })
                .collect()
        };
        // Item for item, in order: title matches first, then the order asked.
        let (want, have) = (ids(&expected.items, false), ids(&got.items, true));
        assert_eq!(have, want, "{address}");
        assert_eq!(got.counts, expected.counts, "{address}");
        // Listed before the filter columns and their counts, with the same items: a search
        // alone from the index, and by views (with a search or without) from the views.
        let early = reader::early_items(&manifest, &filter, found.as_ref(), Some(&views));
        let by_views = address.contains("sort=views");
        let listed_early =
            (address.starts_with("q=") && !address.contains("group=")) || address == "sort=views";
        assert_eq!(early.is_some(), listed_early, "{address}");
        let without_views = reader::early_items(&manifest, &filter, found.as_ref(), None);
        assert_eq!(
            without_views.is_some(),
            listed_early && !by_views,
            "{address}"
        );
        if let Some(early) = early {
            assert_eq!(ids(&early, true), want, "{address}");
        }
        // Every item by views, from the views and the manifest's counts alone.
        assert_eq!(reader::by_views_alone(&filter), address == "sort=views");
        if reader::by_views_alone(&filter) {
            let alone = reader::all_by_views(&manifest, &bundle, &views).unwrap();
            assert_eq!(ids(&alone.items, true), want);
            assert_eq!(alone.counts, expected.counts);
            assert_eq!(reader::all_by_views(&manifest, &bundle, &views[1..]), None);
        }
    }
}

#[test]
fn the_query_command_finds_what_the_index_finds_and_names_the_files_it_read() {
    let sandbox = Sandbox::new("build-query");
    let out = sandbox.dir.join("data");
    assert_eq!(sandbox.run(&[&"build", &sandbox.bundle, &out]).code, 0);
    let manifest = manifest(&out);
    let segments = segments(&out, &manifest);
    let run = sandbox.run(&[&"query", &out, &"คลอง"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let answer: Value = serde_json::from_str(&run.out).unwrap();
    let found: Vec<u32> = serde_json::from_value(answer["ordinals"].clone()).unwrap();
    assert_eq!(found, search(&out, &segments, "คลอง").0);
    assert!(!found.is_empty());
    assert_eq!(answer["found"], found.len());
    let files: Vec<String> = serde_json::from_value(answer["files"].clone()).unwrap();
    assert!(files.contains(&manifest.index[0].parts[0].file.path));
    let bytes: u64 = files.iter().map(|f| read(&out, f).len() as u64).sum();
    assert_eq!(answer["bytes"], bytes);
}

#[test]
fn the_app_reads_a_built_manifest_and_names_what_is_wrong_with_a_damaged_one() {
    use city_comms::domain::dataset::reader::read_manifest;
    use city_comms::domain::load::LoadError;
    let sandbox = Sandbox::new("read-manifest");
    let out = sandbox.dir.join("data");
    let run = sandbox.run(&[&"build", &sandbox.bundle, &out]);
    assert_eq!(run.code, 0, "{}", run.all());
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();

    let (loaded, manifest) = read_manifest(&text).unwrap();
    assert_eq!(manifest.items, 34);
    assert!(loaded.bundle.news.is_empty());
    assert_eq!(loaded.bundle.districts.len(), 50);
    assert_eq!(loaded.bundle.plan, parse(common::default_bundle()).plan);

    let damaged = Err(LoadError::Damaged(MANIFEST.to_owned()));
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    assert_eq!(read_manifest(&text[..half]).map(|_| ()), damaged);
    assert_eq!(read_manifest("{}").map(|_| ()), damaged);
    let newer = text.replacen(FORMAT, "city-comms-dataset/9", 1);
    let unknown = Err(LoadError::UnknownFormat("city-comms-dataset/9".to_owned()));
    assert_eq!(read_manifest(&newer).map(|_| ()), unknown);
    let reshaped = r#"{"format": "city-comms-dataset/9", "shards": []}"#;
    assert_eq!(read_manifest(reshaped).map(|_| ()), unknown);
    let page = "<!doctype html><title>city-comms</title>";
    assert_eq!(read_manifest(page).map(|_| ()), Err(LoadError::Status(404)));

    // Index segments that leave an item out.
    let mut gap: Value = serde_json::from_str(&text).unwrap();
    let segments = gap["index"].as_array_mut().unwrap();
    assert_eq!(segments.len(), 2);
    segments[1]["first"] = json!(segments[1]["first"].as_u64().unwrap() + 1);
    assert_eq!(read_manifest(&gap.to_string()).map(|_| ()), damaged);

    let mut broken: Value = serde_json::from_str(&text).unwrap();
    broken["bundle"]["policies"] = json!("none");
    match read_manifest(&broken.to_string()) {
        Err(LoadError::Refused(refused)) => {
            assert!(refused.errors.iter().any(|issue| issue.path == "policies"))
        }
        other => panic!("a manifest whose bundle breaks the rules was read: {other:?}"),
    }
}
