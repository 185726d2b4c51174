//! `city-comms-data build SOURCE.json DIR`: compiles a source bundle into the static dataset
//! of `city_comms::domain::dataset`, which the app reads a slice at a time.
//!
//! Everything is written aside first (`DIR.building-PID`). Only when the whole dataset is
//! there are its files moved into DIR, the manifest last, by rename: a reader sees the old
//! dataset or the new one, never half of one. Files are named by their content, so a file
//! that did not change keeps its name and stays in every cache; files of earlier builds are
//! left in place for readers that still hold an older manifest.

use crate::report::Failure;
use crate::syndicate::{self, SiteUrl};
use city_comms::domain::bundle::{Bundle, News};
use city_comms::domain::dataset::facets::{self, FacetRow, Options};
use city_comms::domain::dataset::index::{self, Cut, IndexBuilder, PART_CHUNKS};
use city_comms::domain::dataset::{
    self as dataset, Article, ArticleFile, Card, CardFile, CardPart, FileRef, IndexDirectory,
    IndexPart, IndexSegment, Manifest, ViewsPart, ARTICLES_PER_FILE, FORMAT, MANIFEST, MOST_VIEWED,
    VIEWS_ORDER,
};
use city_comms::domain::dataset::{by_views, reader};
use city_comms::domain::filter::{search_fields, Facet, TITLE_FIELDS};
use city_comms::domain::search::encode_document;
use city_comms::domain::validate::{not_json, read_source_bundle, Issue, Loaded};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The source bundle at `source`, as JSON and as read by the app's rules (without the
/// phone's size limits).
pub fn read_source(source: &Path) -> Result<(Value, Loaded), Failure> {
    let shown = source.display().to_string();
    let text = std::fs::read_to_string(source).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => Failure::NotFound {
            path: shown.clone(),
        },
        _ => Failure::Unreadable {
            path: shown.clone(),
            detail: error.to_string(),
        },
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|error| Failure::SourceRefused {
        path: shown.clone(),
        issues: not_json(&error).errors,
    })?;
    drop(text);
    let loaded = read_source_bundle(&value).map_err(|refused| Failure::SourceRefused {
        path: shown.clone(),
        issues: refused.errors,
    })?;
    Ok((value, loaded))
}

/// What a build did, for the person who ran it.
pub struct Built {
    /// News items in the dataset.
    pub items: u32,
    /// Files the dataset is made of, the manifest included.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files that were not there before.
    pub new_files: usize,
    /// Problems in items that were left out.
    pub warnings: Vec<Issue>,
    /// Files written beside the dataset for syndication (feeds, sitemap, open data).
    pub site_files: usize,
}

/// Compiles `source` into `dir`; given the site's address, also writes the feeds, the
/// sitemap and the open data beside `dir` (in the site's root, of which `dir` is `data/`).
pub fn run(source: &Path, dir: &Path, site: Option<&SiteUrl>) -> Result<Built, Failure> {
    let (mut value, loaded) = read_source(source)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("news".to_owned(), Value::Array(Vec::new()));
    }
    let files = compile_bundle(&loaded.bundle, value);
    let written = write(dir, &files)?;
    let site_files = match site {
        Some(site) => {
            let root = dir.parent().unwrap_or(Path::new("."));
            let files = syndicate::site_files(&loaded.bundle, site);
            write_each(root, &files)?;
            files.len()
        }
        None => 0,
    };
    Ok(Built {
        site_files,
        items: loaded.bundle.news.len() as u32,
        files: files.len(),
        bytes: files.iter().map(|(_, bytes)| bytes.len() as u64).sum(),
        new_files: written,
        warnings: loaded.warnings,
    })
}

/// A file to write: its path in the dataset and its bytes.
pub type Output = (String, Vec<u8>);

fn named(stem: &str, extension: &str, bytes: Vec<u8>) -> Output {
    let digest = Sha256::digest(&bytes);
    (dataset::file_name(stem, &digest, extension), bytes)
}

fn reference(output: &Output) -> FileRef {
    FileRef {
        path: output.0.clone(),
        bytes: output.1.len() as u64,
    }
}

fn json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Every file of the dataset of `bundle`, the manifest last; `rest` is the source bundle
/// with no news.
pub fn compile_bundle(bundle: &Bundle, rest: Value) -> Vec<Output> {
    let mut order: Vec<&News> = bundle.news.iter().collect();
    order.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    let mut out: Vec<Output> = Vec::new();

    // Articles first: each card names the file with its body.
    let mut article_of = Vec::with_capacity(order.len());
    for (block, items) in order.chunks(ARTICLES_PER_FILE as usize).enumerate() {
        let file = ArticleFile {
            format: FORMAT.to_owned(),
            articles: items.iter().map(|item| article(item)).collect(),
        };
        let output = named(&format!("articles/{block}"), "json", json(&file));
        article_of.extend(std::iter::repeat_n(output.0.clone(), items.len()));
        out.push(output);
    }

    // Cards by month (quiet months share a part), each part named by the month of its oldest
    // item and how many parts began in that month before it.
    let months: Vec<String> = order.iter().map(|item| month_of(item)).collect();
    let mut begun: BTreeMap<&str, usize> = BTreeMap::new();
    let mut parts: Vec<CardPart> = Vec::new();
    for range in dataset::card_parts(&months) {
        let month = months[range.start].as_str();
        let part = begun.entry(month).or_default();
        let cards = range
            .clone()
            .rev()
            .map(|ordinal| card(order[ordinal], ordinal as u32, &article_of[ordinal]))
            .collect();
        let file = CardFile {
            format: FORMAT.to_owned(),
            cards,
        };
        let output = named(&format!("cards/{month}-{part}"), "json", json(&file));
        *part += 1;
        parts.push(CardPart {
            month: month.to_owned(),
            first: range.start as u32,
            count: range.len() as u32,
            file: reference(&output),
        });
        out.push(output);
    }
    parts.reverse();

    // Which ordinal each id is.
    let buckets = dataset::id_buckets(order.len() as u32);
    let mut ids: Vec<BTreeMap<&str, u32>> = vec![BTreeMap::new(); buckets as usize];
    for (ordinal, item) in order.iter().enumerate() {
        ids[dataset::id_bucket(&item.id, buckets) as usize].insert(&item.id, ordinal as u32);
    }
    let mut id_files = Vec::new();
    for (bucket, map) in ids.iter().enumerate() {
        let output = named(&format!("ids/{bucket}"), "json", json(map));
        id_files.push(reference(&output));
        out.push(output);
    }

    // Filter columns, and the counts with no filter.
    let options = Options::of(bundle);
    let rows: Vec<FacetRow> = order.iter().map(|item| options.row(item)).collect();
    let (mut facet_files, mut view_files) = (Vec::new(), Vec::new());
    for (block, rows) in rows.chunks(facets::BLOCK as usize).enumerate() {
        let output = named(&format!("facets/{block}"), "bin", facets::encode(rows));
        facet_files.push(reference(&output));
        out.push(output);
        let output = named(&format!("views/{block}"), "bin", facets::encode_views(rows));
        view_files.push(reference(&output));
        out.push(output);
    }

    // The first pages of the list by views, in its order.
    let views: Vec<u32> = rows.iter().map(|row| row.views).collect();
    let by_views = reader::by_views(&views, None);
    let most_viewed = CardFile {
        format: FORMAT.to_owned(),
        cards: by_views
            .iter()
            .take(MOST_VIEWED)
            .map(|&ordinal| card(order[ordinal], ordinal as u32, &article_of[ordinal]))
            .collect(),
    };
    let most_viewed = named("cards/most-viewed", "json", json(&most_viewed));
    let most_viewed_file = reference(&most_viewed);
    out.push(most_viewed);
    // Further down the same order, the ordinals alone, for a search by views.
    let head: Vec<u32> = by_views
        .iter()
        .take(VIEWS_ORDER)
        .map(|&o| o as u32)
        .collect();
    let views_order = named("cards/views-order", "bin", facets::encode_order(&head));
    let views_order_file = reference(&views_order);
    out.push(views_order);
    let index = search_index(bundle, &order, &months, &mut out);

    // The cards of the order's items after the most-viewed file's, in that order, in parts
    // by rank; but not where the dataset is kept whole from the first visit, when every
    // card is on the device already and copies would only make it larger.
    let so_far: u64 = out.iter().map(|(_, bytes)| bytes.len() as u64).sum();
    let further = match dataset::kept_whole_at_first_visit(so_far) {
        true => &[][..],
        false => head.get(MOST_VIEWED..).unwrap_or_default(),
    };
    let ids: Vec<&str> = further
        .iter()
        .map(|&o| order[o as usize].id.as_str())
        .collect();
    let mut views_cards = Vec::new();
    // (Named by their hash alone: a number in the name would move with every part added
    // before it.)
    for ranks in by_views::views_parts(&ids) {
        let file = CardFile {
            format: FORMAT.to_owned(),
            cards: further[ranks.clone()]
                .iter()
                .map(|&o| card(order[o as usize], o, &article_of[o as usize]))
                .collect(),
        };
        let output = named("cards/by-views", "json", json(&file));
        views_cards.push(ViewsPart {
            first: (MOST_VIEWED + ranks.start) as u32,
            count: ranks.len() as u32,
            file: reference(&output),
        });
        out.push(output);
    }

    let files: Vec<FileRef> = out.iter().map(reference).collect();
    let offline = dataset::offline_files(&files, &parts, Some(&most_viewed_file));
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        data_as_of: bundle.generated_at.to_rfc3339(),
        items: order.len() as u32,
        bundle: rest,
        counts: counts(&options, &order),
        cards: parts,
        ids: id_files,
        facets: facet_files,
        views: view_files,
        index,
        most_viewed: Some(most_viewed_file),
        views_order: Some(views_order_file),
        views_cards,
        offline,
        total_bytes: files.iter().map(|file| file.bytes).sum(),
    };
    out.push((MANIFEST.to_owned(), json(&manifest)));
    out
}

/// The search index of the items' text and titles, in segments by period (see
/// [`index::segments`]), each as chunks and a directory in parts under `index/`.
fn search_index(
    bundle: &Bundle,
    order: &[&News],
    months: &[String],
    out: &mut Vec<Output>,
) -> Vec<IndexSegment> {
    let segments = index::segments(months);
    let newest = segments.len().saturating_sub(1);
    segments
        .into_iter()
        .enumerate()
        .map(|(at, range)| {
            let cut = if at == newest {
                Cut::Newest
            } else {
                Cut::Archive
            };
            IndexSegment {
                first: range.start as u32,
                items: range.len() as u32,
                parts: segment_index(bundle, &order[range], cut, out),
            }
        })
        .collect()
}

/// The index of one segment's items; gives the parts of its directory.
fn segment_index(
    bundle: &Bundle,
    items: &[&News],
    cut: Cut,
    out: &mut Vec<Output>,
) -> Vec<IndexPart> {
    let mut builder = IndexBuilder::default();
    for item in items {
        let fields = search_fields(bundle, item);
        builder.add(
            &encode_document(&fields),
            &encode_document(&fields[..TITLE_FIELDS]),
        );
    }
    let chunks: Vec<(u32, FileRef)> = builder
        .finish(cut)
        .into_iter()
        .map(|chunk| {
            let output = named("index/chunk", "bin", chunk.bytes);
            let file = reference(&output);
            out.push(output);
            (chunk.first, file)
        })
        .collect();
    chunks
        .chunks(PART_CHUNKS)
        .map(|run| {
            let directory = IndexDirectory {
                format: FORMAT.to_owned(),
                firsts: run.iter().map(|(first, _)| *first).collect(),
                chunks: run.iter().map(|(_, file)| file.clone()).collect(),
            };
            let part = named("index/directory", "json", json(&directory));
            let file = reference(&part);
            out.push(part);
            IndexPart {
                first: run[0].0,
                file,
            }
        })
        .collect()
}

fn month_of(item: &News) -> String {
    let date = item.published.bangkok_date();
    city_comms::domain::coverage::span::month_key(date.year(), date.month())
}

fn card(item: &News, ordinal: u32, article: &str) -> Card {
    Card {
        id: item.id.clone(),
        ordinal,
        published: item.published.to_rfc3339(),
        title: (&item.title).into(),
        summary: item.summary.as_ref().map(Into::into),
        district: item.district.clone(),
        group: item.group.clone(),
        themes: item.themes.clone(),
        policies: item.policies.clone(),
        topics: item.topics.clone(),
        sample: item.sample,
        views: item.views,
        image: item.images.first().map(Into::into),
        article: article.to_owned(),
    }
}

fn article(item: &News) -> Article {
    Article {
        id: item.id.clone(),
        body: (&item.body).into(),
        images: item.images.iter().map(Into::into).collect(),
        author: item.author.clone(),
        credit: item.credit.clone(),
        source_url: item.source_url.clone(),
    }
}

fn counts(options: &Options, order: &[&News]) -> BTreeMap<String, BTreeMap<String, u32>> {
    Facet::ALL
        .into_iter()
        .map(|facet| {
            let mut counts: BTreeMap<String, u32> = options
                .of_facet(facet)
                .iter()
                .map(|o| ((*o).to_owned(), 0))
                .collect();
            for item in order {
                for value in facet.values(item) {
                    if let Some(count) = counts.get_mut(value) {
                        *count += 1;
                    }
                }
            }
            (facet.param().to_owned(), counts)
        })
        .collect()
}

/// Writes `files` into `dir` by way of a directory beside it; returns how many were new.
fn write(dir: &Path, files: &[Output]) -> Result<usize, Failure> {
    let failed = |path: &Path, error: std::io::Error| Failure::Write {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside: PathBuf = dir.with_file_name(format!(".{name}.building-{}", std::process::id()));
    let result = (|| {
        for (path, bytes) in files {
            let target = aside.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
            }
            std::fs::write(&target, bytes).map_err(|e| failed(&target, e))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
        let mut new_files = 0;
        for (path, _) in files {
            let (from, to) = (aside.join(path), dir.join(path));
            if path == MANIFEST || !to.exists() {
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
                }
                std::fs::rename(&from, &to).map_err(|e| failed(&to, e))?;
                new_files += usize::from(path != MANIFEST);
            }
        }
        Ok(new_files)
    })();
    let _ = std::fs::remove_dir_all(&aside);
    result
}

/// Writes each of `files` under `root`, each by way of a name beside it, so that a reader
/// never gets half a file.
pub fn write_each(root: &Path, files: &[Output]) -> Result<(), Failure> {
    let failed = |path: &Path, error: std::io::Error| Failure::Write {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    for (path, bytes) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        let aside = target.with_extension(format!("building-{}", std::process::id()));
        std::fs::write(&aside, bytes).map_err(|e| failed(&aside, e))?;
        std::fs::rename(&aside, &target).map_err(|e| {
            let _ = std::fs::remove_file(&aside);
            failed(&target, e)
        })?;
    }
    Ok(())
}
