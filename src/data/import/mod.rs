//! `city-comms-data import`: district offices' news into the source bundle.
//!
//! Every file is read and checked first; the merged bundle is then checked whole by the
//! app's own validation (`parse_bundle`), and written (aside, then renamed over the old one)
//! only when nothing attributable to the import is wrong, or when `--skip-bad` leaves the bad
//! rows out. A problem the bundle already had is not the import's, and is only counted.

/// Dates as offices write them: read by the domain, as the app reads its own.
pub use city_comms::domain::written_date as dates;
pub mod draft;
pub mod feed;
pub mod findings;
pub mod html;
pub mod input;
pub mod lookup;
pub mod merge;
pub mod sheet;

use crate::aside::write_aside;
use crate::json::Json;
use crate::report::{both, Failure};
use city_comms::domain::i18n::Lang;
use city_comms::domain::validate::{parse_bundle, Issue};
use draft::Draft;
use findings::{Field, Finding, Note, Place, Why};
use input::Shape;
use lookup::{DistrictRef, Lookup};
use merge::Fate;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub source: PathBuf,
    pub files: Vec<PathBuf>,
    pub skip_bad: bool,
    /// The district of a feed's entries (code or name), unless an entry names its own.
    pub district: Option<String>,
    pub max_bytes: u64,
}

/// What a file's rows or entries became.
#[derive(Debug, Default)]
pub struct Parsed {
    /// What the file was read as, for the report.
    pub kind: &'static str,
    pub drafts: Vec<Draft>,
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

/// What reading a file needs to know.
pub struct Context<'a> {
    pub lookup: &'a Lookup,
    pub district: Option<&'a DistrictRef>,
    /// The file's index among the files to import.
    pub file: usize,
}

/// What an import did, as text for its user (both languages), and whether it succeeded.
#[derive(Debug)]
pub struct Report {
    /// For standard output: what went in.
    pub out: String,
    /// For standard error: the problems, and the failure if there was one.
    pub err: String,
    pub failure: Option<Failure>,
}

/// Runs an import.
pub fn run(options: &Options) -> Report {
    let mut report = Report {
        out: String::new(),
        err: String::new(),
        failure: None,
    };
    if let Err(failure) = import(options, &mut report) {
        let _ = writeln!(report.err, "{}", both(|lang| failure.message(lang)));
        report.failure = Some(failure);
    }
    report
}

fn import(options: &Options, report: &mut Report) -> Result<(), Failure> {
    let source_name = options.source.display().to_string();
    let source_text = read_source(&options.source)?;
    let loaded = parse_bundle(&source_text).map_err(|refused| Failure::SourceRefused {
        path: source_name.clone(),
        issues: refused.errors,
    })?;
    let original = Json::parse(&source_text).map_err(|error| Failure::Unreadable {
        path: source_name.clone(),
        detail: error.to_string(),
    })?;
    let lookup = Lookup::new(&loaded.bundle);
    let district = match &options.district {
        None => None,
        Some(name) => Some(lookup.district(name).cloned().ok_or_else(|| Failure::Usage {
            th: format!("ไม่พบเขต \"{name}\" ที่ให้ไว้กับ --district (ใช้รหัสเขต เช่น 1001 หรือชื่อเขต เช่น พระนคร)"),
            en: format!("--district {name}: there is no such district (use its code, such as 1001, or its name, such as พระนคร or Phra Nakhon)"),
        })?),
    };

    let names: Vec<String> = options
        .files
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let mut files = Vec::new();
    for (file, path) in options.files.iter().enumerate() {
        let context = Context {
            lookup: &lookup,
            district: district.as_ref(),
            file,
        };
        files.push(read_file(path, &names[file], options.max_bytes, &context)?);
    }

    // Rows found bad so far: by reading them, then by the bundle's validation.
    let mut bad: HashSet<(usize, Place)> = files
        .iter()
        .enumerate()
        .flat_map(|(file, parsed)| parsed.findings.iter().map(move |f| (file, f.place)))
        .collect();
    let mut rule_findings: Vec<(usize, Finding)> = Vec::new();
    let (chosen, outcome, notes, text) = loop {
        let good: Vec<&Draft> = files
            .iter()
            .flat_map(|parsed| &parsed.drafts)
            .filter(|draft| !bad.contains(&(draft.file, draft.place)))
            .collect();
        let (chosen, notes) = merge::one_per_id(&good, &names);
        let mut tree = original.clone();
        let outcome = merge::merge(&mut tree, &chosen);
        let text = tree.to_pretty();
        let merged = parse_bundle(&text).map_err(|refused| Failure::MergedRefused {
            issues: refused.errors,
        })?;
        let found = attributable(&merged.warnings, &outcome, &chosen);
        let done = found.is_empty() || !options.skip_bad;
        for (file, finding) in found {
            bad.insert((file, finding.place));
            rule_findings.push((file, finding));
        }
        // Without --skip-bad every problem is known by now, and nothing will be written; with
        // it, the rows the validation found bad are left out and the rest merged again.
        if done {
            break (chosen, outcome, notes, text);
        }
    };

    let bad_rows = bad.len();
    for (file, parsed) in files.iter().enumerate() {
        let mut findings: Vec<&Finding> = parsed.findings.iter().collect();
        findings.extend(
            rule_findings
                .iter()
                .filter(|(f, _)| *f == file)
                .map(|(_, finding)| finding),
        );
        findings.sort_by_key(|finding| finding.place);
        let _ = writeln!(report.out, "{} ({})", names[file], parsed.kind);
        if !findings.is_empty() {
            let _ = writeln!(report.err, "{}:", names[file]);
            for finding in findings {
                let _ = writeln!(
                    report.err,
                    "  {}\n  {}",
                    finding.describe(Lang::Th),
                    finding.describe(Lang::En)
                );
            }
        }
        let file_notes = parsed.notes.iter().chain(
            notes
                .iter()
                .filter(|(f, _)| *f == file)
                .map(|(_, note)| note),
        );
        for note in file_notes {
            let _ = writeln!(
                report.out,
                "  {}\n  {}",
                note.message(Lang::Th),
                note.message(Lang::En)
            );
        }
    }
    if bad_rows > 0 && !options.skip_bad {
        return Err(Failure::BadRows { rows: bad_rows });
    }

    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut listed = 0;
    for (number, fate) in &outcome.fates {
        let Some(draft) = chosen.get(*number) else {
            continue;
        };
        let (th, en) = match fate {
            Fate::Added => ("ใหม่", "new"),
            Fate::Replaced => ("แทนที่ของเดิม", "replaced"),
            Fate::Unchanged => ("เหมือนเดิม", "unchanged"),
            Fate::KeptBundle => ("คงของเดิมที่ใหม่กว่า", "bundle's newer copy kept"),
        };
        *counts.entry(en).or_default() += 1;
        if let Fate::KeptBundle = fate {
            let note = merge::kept_note(draft);
            let _ = writeln!(
                report.out,
                "  {}\n  {}",
                note.message(Lang::Th),
                note.message(Lang::En)
            );
        }
        listed += 1;
        if listed <= LISTED_ITEMS {
            let place = match draft.place {
                Place::Line(line) => format!("{} บรรทัด/line {line}", names[draft.file]),
                Place::Entry(entry) => format!("{} รายการที่/entry {entry}", names[draft.file]),
            };
            let _ = writeln!(report.out, "  {place} → {} ({th} / {en})", draft.id);
        }
    }
    if listed > LISTED_ITEMS {
        let more = listed - LISTED_ITEMS;
        let _ = writeln!(report.out, "  … และอีก {more} รายการ / … and {more} more");
    }
    let count = |name: &str| counts.get(name).copied().unwrap_or(0);
    let (added, replaced, unchanged, kept) = (
        count("new"),
        count("replaced"),
        count("unchanged"),
        count("bundle's newer copy kept"),
    );
    let skipped = if options.skip_bad { bad_rows } else { 0 };

    let changed = text != source_text;
    if changed {
        write_aside(&options.source, text.as_bytes())?;
    }
    let before = loaded.warnings.len();
    let saved_th = if changed {
        format!("บันทึก {source_name} แล้ว")
    } else {
        format!("{source_name} ไม่มีอะไรเปลี่ยน")
    };
    let saved_en = if changed {
        format!("{source_name} saved")
    } else {
        format!("{source_name} unchanged")
    };
    let _ = writeln!(
        report.out,
        "นำเข้า: ใหม่ {added} แทนที่ {replaced} เหมือนเดิม {unchanged} คงของเดิม {kept} ข้ามแถวที่มีปัญหา {skipped} — {saved_th}"
    );
    let _ = writeln!(
        report.out,
        "Imported: {added} new, {replaced} replaced, {unchanged} unchanged, {kept} kept as the bundle had them, {skipped} bad skipped — {saved_en}"
    );
    if skipped > 0 {
        let _ = writeln!(
            report.err,
            "ข้าม {skipped} แถว/รายการที่มีปัญหา (ดูรายการข้างบน)\n{skipped} bad {} skipped (listed above)",
            if skipped == 1 { "row or entry was" } else { "rows or entries were" }
        );
    }
    if before > 0 {
        let _ = writeln!(
            report.out,
            "หมายเหตุ: ไฟล์ข้อมูลมีปัญหาเดิมอยู่แล้ว {before} รายการ ซึ่งไม่ได้มาจากการนำเข้านี้\nNote: the bundle already had {before} problems of its own, not from this import"
        );
    }
    Ok(())
}

/// How many imported items the report names one by one.
const LISTED_ITEMS: usize = 50;

/// The source bundle's text, refusing anything larger than the app reads (with room to spare
/// for the message `parse_bundle` gives about its size).
fn read_source(path: &Path) -> Result<String, Failure> {
    let name = path.display().to_string();
    let input = input::read(path, crate::report::MAX_INPUT_BYTES)?;
    if input.shape != Shape::Json {
        return Err(Failure::SourceRefused {
            path: name,
            issues: vec![Issue {
                path: String::new(),
                problem: city_comms::domain::validate::Problem::NotJson { line: 1, column: 1 },
            }],
        });
    }
    Ok(input.text)
}

fn read_file(
    path: &Path,
    name: &str,
    max_bytes: u64,
    context: &Context,
) -> Result<Parsed, Failure> {
    let input = input::read(path, max_bytes)?;
    match input.shape {
        Shape::Csv => {
            let mut parsed = sheet::read(&input.text, name, context)?;
            parsed.kind = "CSV";
            Ok(parsed)
        }
        Shape::Xml | Shape::Json => {
            let feed = feed::parse(&input.text, name)?;
            let mut parsed = feed::read(&feed, context);
            parsed.kind = feed::kind_name(&feed);
            Ok(parsed)
        }
    }
}

/// The validation's warnings about imported items, as findings on their rows.
fn attributable(
    warnings: &[Issue],
    outcome: &merge::Merged,
    chosen: &[&Draft],
) -> Vec<(usize, Finding)> {
    warnings
        .iter()
        .filter_map(|issue| {
            let (index, rest) = merge::news_index(&issue.path)?;
            let draft = chosen.get(*outcome.at.get(&index)?)?;
            Some((
                draft.file,
                Finding {
                    place: draft.place,
                    field: if rest.is_empty() {
                        Field::Id
                    } else {
                        Field::of_bundle_path(rest)
                    },
                    why: Why::Rule(issue.problem.clone()),
                },
            ))
        })
        .collect()
}
