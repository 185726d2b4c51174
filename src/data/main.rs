//! The city's dataset tool. It shares `city_comms::domain` with the app, so that a bundle it
//! writes is checked by the very rules the app reads it with.
//!
//! ```text
//! city-comms-data import SOURCE.json FILE... [--skip-bad] [--district CODE|NAME] [--max-bytes N]
//! ```
//!
//! ```text
//! city-comms-data build SOURCE.json DIR [--site-url URL]
//! ```
//!
//! `build` compiles the source bundle into the static dataset the app reads (`src/data/compile.rs`);
//! with the site's address, it also writes the feeds, the sitemap and the open data beside it
//! (`src/data/syndicate/`).
//!
//! ```text
//! city-comms-data check DIR
//! ```
//!
//! `check` reads every file of a compiled dataset as the app would and names each one that is
//! missing, cut short, altered or unreadable, or a block for another number of items than the
//! manifest gives it (`src/data/check.rs`): exit 0 when the dataset
//! is sound, 1 when a file is not, 2 for a wrong command line.
//!
//! ```text
//! city-comms-data coverage SOURCE.json [--from DATE] [--to DATE] [--group ID]... [--district CODE]... [--csv FILE] [--as-of DATE] [--lang th|en]
//! ```
//!
//! `coverage` prints the plan's monitoring grid for a period and writes its figures as CSV,
//! counted as `/plan/coverage` counts them (`src/data/coverage.rs`).
//!
//! ```text
//! city-comms-data precompress SITE_DIR
//! ```
//!
//! `precompress` writes `NAME.gz` (Zopfli) beside each of the app's content-named wasm,
//! script and style files, for hosts that send precompressed files (`src/data/precompress.rs`).
//!
//! `import` brings district offices' news into the source bundle: CSV from the template
//! (`public/templates/news-import.csv`), RSS 2.0, Atom or JSON Feed 1.1, each file recognised
//! by what it holds. Exit 0 when it went in, 1 when nothing was changed because of a problem
//! (each named by line or entry, field and reason, in Thai and English), 2 for a wrong
//! command line.

mod aside;
mod check;
mod compile;
mod coverage;
mod import;
mod json;
mod precompress;
mod query;
mod report;
mod syndicate;

use city_comms::domain::date::Date;
use city_comms::domain::i18n::Lang;
use import::Options;
use report::{both, Failure};
use std::path::PathBuf;
use std::process::ExitCode;
use syndicate::SiteUrl;

const USAGE_TH: &str = "วิธีใช้:
  city-comms-data import ไฟล์ข้อมูล.json ไฟล์ข่าว... [--skip-bad] [--district รหัสหรือชื่อเขต] [--max-bytes จำนวนไบต์]
  city-comms-data build ไฟล์ข้อมูล.json โฟลเดอร์ชุดข้อมูล [--site-url ที่อยู่เว็บไซต์]
  city-comms-data query โฟลเดอร์ชุดข้อมูล คำค้น
  city-comms-data check โฟลเดอร์ชุดข้อมูล
  city-comms-data previews ไฟล์ข้อมูล.json โฟลเดอร์เว็บไซต์ --site-url ที่อยู่เว็บไซต์
  city-comms-data coverage ไฟล์ข้อมูล.json [--from วันที่] [--to วันที่] [--group กลุ่มเขต]... [--district รหัสเขต]... [--csv ไฟล์] [--as-of วันที่] [--lang th|en]
  city-comms-data precompress โฟลเดอร์เว็บไซต์

  ไฟล์ข่าวเป็น CSV ตามแม่แบบ public/templates/news-import.csv หรือฟีด RSS 2.0, Atom, JSON Feed 1.1
  --skip-bad   นำเข้าเฉพาะแถวที่ถูกต้อง และรายงานแถวที่ข้ามไป
  --district   เขตของข่าวในฟีด (ถ้ารายการไม่ได้ระบุเขตไว้เองในหมวดหมู่) และของแถว CSV ที่ช่องเขตว่าง
  --max-bytes  ขนาดสูงสุดของไฟล์ข่าวแต่ละไฟล์ (ค่าเริ่มต้น 64 MB)
  --site-url   ที่อยู่ที่เผยแพร่เว็บไซต์ (https://…/) เพื่อเขียนฟีด แผนผังเว็บไซต์ และข้อมูลเปิด ไว้ข้างโฟลเดอร์ชุดข้อมูล
  coverage     พิมพ์ตารางการติดตามผลตามแผน (ขอบข่ายเนื้อหา × กลุ่มเขต) ของช่วงเวลา (วันที่แบบ 2026-10-01
               ค่าเริ่มต้นคือปีงบประมาณของวันที่ข้อมูล) และเขียนตัวเลขเป็น CSV เหมือนที่หน้า /plan/coverage ดาวน์โหลด
  precompress  เขียนไฟล์ NAME.gz (บีบอัดด้วย Zopfli) ไว้ข้างไฟล์ wasm สคริปต์ และสไตล์ของแอปที่ชื่อมีค่าแฮช
               สำหรับโฮสต์ที่ส่งไฟล์ที่บีบอัดไว้ก่อนแล้ว";

const USAGE_EN: &str = "Usage:
  city-comms-data import SOURCE.json FILE... [--skip-bad] [--district CODE|NAME] [--max-bytes N]
  city-comms-data build SOURCE.json DIR [--site-url URL]
  city-comms-data query DIR TEXT
  city-comms-data check DIR
  city-comms-data previews SOURCE.json SITE_DIR --site-url URL
  city-comms-data coverage SOURCE.json [--from DATE] [--to DATE] [--group ID]... [--district CODE]... [--csv FILE] [--as-of DATE] [--lang th|en]
  city-comms-data precompress SITE_DIR

  build compiles the source bundle into the static dataset the app reads from DIR;
  query searches that dataset as the app does, and says what it found and read.
  check reads every file of that dataset as the app would (size, hash, format) and names any
               that is missing, cut short, altered, unreadable or for the wrong number of items:
               run it on a copy before publishing it.
  previews puts link-preview tags (Open Graph, Twitter, canonical address) into the pages prerendered
  under SITE_DIR, and schema.org JSON-LD into the article pages (news/ID.html).
  Each FILE is a CSV from the template public/templates/news-import.csv, or an RSS 2.0, Atom or JSON Feed 1.1 feed.
  --skip-bad   import the good rows and report the ones left out
  --district   the district of a feed's entries (unless an entry names its own in a category),
               and of CSV rows that leave the district empty
  --max-bytes  the largest news file taken, in bytes (64 MB unless given)
  --site-url   the address the site is published at (https://…/): build then also writes the feeds,
               the sitemap and the open data beside DIR, in the site's root
  coverage     prints the plan's monitoring grid (themes by district group) for a period (dates as
               2026-10-01; the fiscal year of the data's date unless given) and writes its figures as
               the CSV that /plan/coverage downloads
  precompress  writes NAME.gz (Zopfli) beside each of the app's wasm, script and style files whose
               name carries their hash, for hosts that send precompressed files";

fn usage(th: impl Into<String>, en: impl Into<String>) -> Failure {
    Failure::Usage {
        th: format!("{}\n\n{USAGE_TH}", th.into()),
        en: format!("{}\n\n{USAGE_EN}", en.into()),
    }
}

/// Reads `import`'s arguments (after the word `import`).
fn import_options(args: impl Iterator<Item = String>) -> Result<Options, Failure> {
    let mut paths = Vec::new();
    let mut skip_bad = false;
    let mut district = None;
    let mut max_bytes = report::MAX_INPUT_BYTES;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--skip-bad" => skip_bad = true,
            "--district" => {
                district = Some(args.next().ok_or_else(|| {
                    usage(
                        "--district ต้องตามด้วยรหัสหรือชื่อเขต",
                        "--district needs a district code or name",
                    )
                })?);
            }
            "--max-bytes" => {
                let value = args.next().unwrap_or_default();
                max_bytes = value.parse().map_err(|_| {
                    usage(
                        format!("--max-bytes ต้องตามด้วยจำนวนไบต์ ไม่ใช่ \"{value}\""),
                        format!("--max-bytes takes a number of bytes, not \"{value}\""),
                    )
                })?;
            }
            "--" => paths.extend(args.by_ref().map(PathBuf::from)),
            flag if flag.starts_with("--") => {
                return Err(usage(
                    format!("ไม่รู้จักตัวเลือก {flag}"),
                    format!("unknown option {flag}"),
                ));
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let mut paths = paths.into_iter();
    let Some(source) = paths.next() else {
        return Err(usage(
            "ต้องระบุไฟล์ข้อมูล (bundle) และไฟล์ข่าว",
            "give the bundle and the news files",
        ));
    };
    let files: Vec<PathBuf> = paths.collect();
    if files.is_empty() {
        return Err(usage(
            "ต้องระบุไฟล์ข่าวอย่างน้อยหนึ่งไฟล์",
            "give at least one news file to import",
        ));
    }
    Ok(Options {
        source,
        files,
        skip_bad,
        district,
        max_bytes,
    })
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("import") => {}
        Some("build") => return build_command(args.collect()),
        Some("query") => return query_command(args.collect()),
        Some("check") => return check_command(args.collect()),
        Some("previews") => return previews_command(args.collect()),
        Some("coverage") => return coverage_command(args.collect()),
        Some("precompress") => return precompress_command(args.collect()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE_TH}\n\n{USAGE_EN}");
            return ExitCode::SUCCESS;
        }
        other => {
            let failure = match other {
                None => usage("ต้องระบุคำสั่ง", "give a command"),
                Some(command) => usage(
                    format!("ไม่รู้จักคำสั่ง {command}"),
                    format!("unknown command {command}"),
                ),
            };
            return fail(&failure);
        }
    }
    let options = match import_options(args) {
        Ok(options) => options,
        Err(failure) => {
            return fail(&failure);
        }
    };
    let report = import::run(&options);
    print!("{}", report.out);
    eprint!("{}", report.err);
    match report.failure {
        None => ExitCode::SUCCESS,
        Some(failure) => ExitCode::from(failure.exit_code()),
    }
}

/// Says what went wrong, in both languages, and gives the exit code for it.
fn fail(failure: &Failure) -> ExitCode {
    eprintln!("{}", both(|lang| failure.message(lang)));
    ExitCode::from(failure.exit_code())
}

fn query_command(args: Vec<String>) -> ExitCode {
    let [dir, typed] = args.as_slice() else {
        let failure = usage(
            "query ต้องการโฟลเดอร์ชุดข้อมูลหนึ่งโฟลเดอร์และคำค้น",
            "query takes one dataset directory and the text to search for",
        );
        return fail(&failure);
    };
    match query::run(dir.as_ref(), typed) {
        Ok(answer) => {
            println!(
                "{}",
                serde_json::json!({
                    "found": answer.found.len(),
                    "bytes": answer.bytes,
                    "files": answer.files,
                    "ordinals": answer.found,
                })
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

fn check_command(args: Vec<String>) -> ExitCode {
    let [dir] = args.as_slice() else {
        let failure = usage(
            "check ต้องการโฟลเดอร์ชุดข้อมูลหนึ่งโฟลเดอร์",
            "check takes one dataset directory",
        );
        return fail(&failure);
    };
    let report = check::run(dir.as_ref());
    for problem in &report.problems {
        for lang in [Lang::Th, Lang::En] {
            for line in problem.lines(lang) {
                eprintln!("{line}");
            }
        }
    }
    let (files, bytes, items) = (report.files, report.bytes, report.items);
    if report.problems.is_empty() {
        println!("ชุดข้อมูลใช้ได้: {files} ไฟล์ {bytes} ไบต์ ข่าว {items} รายการ");
        println!("The dataset is sound: {files} files, {bytes} bytes, {items} news items");
        ExitCode::SUCCESS
    } else {
        let count = report.problems.len();
        eprintln!("ชุดข้อมูลมีไฟล์ที่ใช้ไม่ได้ {count} ไฟล์");
        eprintln!("{count} file(s) of the dataset cannot be used");
        ExitCode::FAILURE
    }
}

fn precompress_command(args: Vec<String>) -> ExitCode {
    let [dir] = args.as_slice() else {
        let failure = usage(
            "precompress ต้องการโฟลเดอร์เว็บไซต์หนึ่งโฟลเดอร์",
            "precompress takes one site directory",
        );
        return fail(&failure);
    };
    match precompress::run(dir.as_ref()) {
        Ok(written) => {
            let (files, bytes, compressed) = (written.files, written.bytes, written.compressed);
            println!("บีบอัดไว้ก่อน {files} ไฟล์: {bytes} → {compressed} ไบต์");
            println!("Precompressed {files} files: {bytes} → {compressed} bytes");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

/// The paths of a command line, and the site's address if `--site-url` gives one.
fn paths_and_site(args: Vec<String>) -> Result<(Vec<String>, Option<SiteUrl>), Failure> {
    let mut site = None;
    let mut paths = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--site-url" {
            let given = args.next().unwrap_or_default();
            let url = SiteUrl::parse(&given).ok_or_else(|| {
                usage(
                    format!("--site-url ต้องเป็นที่อยู่เต็มที่ขึ้นต้นด้วย https:// หรือ http:// ไม่ใช่ \"{given}\""),
                    format!("--site-url needs a full address starting https:// or http://, not \"{given}\""),
                )
            })?;
            site = Some(url);
        } else {
            paths.push(arg);
        }
    }
    Ok((paths, site))
}

fn previews_command(args: Vec<String>) -> ExitCode {
    let (paths, site) = match paths_and_site(args) {
        Ok(found) => found,
        Err(failure) => return fail(&failure),
    };
    let ([source, root], Some(site)) = (paths.as_slice(), site) else {
        let failure = usage(
            "previews ต้องการไฟล์ข้อมูลต้นทาง โฟลเดอร์เว็บไซต์ และ --site-url",
            "previews takes one source bundle, the site's directory and --site-url",
        );
        return fail(&failure);
    };
    let written = compile::read_source(source.as_ref())
        .and_then(|(_, loaded)| syndicate::write_previews(&loaded.bundle, &site, root.as_ref()));
    match written {
        Ok(pages) => {
            println!("ใส่ข้อมูลตัวอย่างลิงก์ใน {pages} หน้า");
            println!("Put link-preview tags into {pages} pages");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

/// Reads `coverage`'s arguments (after the word `coverage`).
fn coverage_options(args: Vec<String>) -> Result<coverage::Options, Failure> {
    let mut options = coverage::Options::default();
    let mut sources = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().ok_or_else(|| {
                usage(
                    format!("{name} ต้องตามด้วยค่า"),
                    format!("{name} needs a value"),
                )
            })
        };
        let date = |name: &str, text: String| {
            Date::parse(&text).ok_or_else(|| {
                usage(
                    format!("{name} ต้องเป็นวันที่แบบ 2026-10-01 ไม่ใช่ \"{text}\""),
                    format!("{name} takes a date such as 2026-10-01, not \"{text}\""),
                )
            })
        };
        match arg.as_str() {
            "--from" | "--to" => {
                let text = value(&arg)?;
                date(&arg, text.clone())?;
                options.params.push((arg[2..].to_owned(), text));
            }
            "--group" | "--district" => {
                let text = value(&arg)?;
                options.params.push((arg[2..].to_owned(), text));
            }
            "--csv" => options.csv = Some(PathBuf::from(value(&arg)?)),
            "--as-of" => options.as_of = Some(date(&arg, value(&arg)?)?),
            "--lang" => {
                let text = value(&arg)?;
                options.lang = Some(Lang::from_tag(&text).ok_or_else(|| {
                    usage(
                        format!("--lang ต้องเป็น th หรือ en ไม่ใช่ \"{text}\""),
                        format!("--lang takes th or en, not \"{text}\""),
                    )
                })?);
            }
            flag if flag.starts_with("--") => {
                return Err(usage(
                    format!("ไม่รู้จักตัวเลือก {flag}"),
                    format!("unknown option {flag}"),
                ));
            }
            _ => sources.push(arg),
        }
    }
    match sources.as_slice() {
        [source] => options.source = PathBuf::from(source),
        _ => {
            return Err(usage(
                "coverage ต้องการไฟล์ข้อมูลต้นทางหนึ่งไฟล์",
                "coverage takes one source bundle",
            ))
        }
    }
    Ok(options)
}

fn coverage_command(args: Vec<String>) -> ExitCode {
    let options = match coverage_options(args) {
        Ok(options) => options,
        Err(failure) => return fail(&failure),
    };
    match coverage::run(&options) {
        Ok(report) => {
            print!("{}", report.table);
            let path = report.csv_path.display();
            eprintln!("เขียนตัวเลขไว้ที่ {path}\nWrote the figures to {path}");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

fn build_command(args: Vec<String>) -> ExitCode {
    let (paths, site) = match paths_and_site(args) {
        Ok(found) => found,
        Err(failure) => return fail(&failure),
    };
    let [source, dir] = paths.as_slice() else {
        let failure = usage(
            "build ต้องการไฟล์ข้อมูลต้นทางหนึ่งไฟล์และโฟลเดอร์ปลายทางหนึ่งโฟลเดอร์",
            "build takes one source bundle and one directory",
        );
        return fail(&failure);
    };
    let started = std::time::Instant::now();
    match compile::run(source.as_ref(), dir.as_ref(), site.as_ref()) {
        Ok(built) => {
            for issue in &built.warnings {
                eprintln!("{}", both(|lang| issue.describe(lang)));
            }
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{}",
                both(|lang| {
                    match lang {
                    city_comms::domain::i18n::Lang::Th => format!(
                        "สร้างชุดข้อมูลข่าว {} รายการใน {dir}: {} ไฟล์ ({} ไฟล์ใหม่) {} ไบต์ ใช้เวลา {seconds:.1} วินาที{}",
                        built.items, built.files, built.new_files, built.bytes,
                        if built.warnings.is_empty() { String::new() } else { format!(" ข้ามรายการที่มีปัญหา {} จุด", built.warnings.len()) }
                    ),
                    city_comms::domain::i18n::Lang::En => format!(
                        "Built the dataset of {} news items in {dir}: {} files ({} new), {} bytes, in {seconds:.1} s{}",
                        built.items, built.files, built.new_files, built.bytes,
                        if built.warnings.is_empty() { String::new() } else { format!("; {} problems left items out", built.warnings.len()) }
                    ),
                }
                })
            );
            if built.site_files > 0 {
                let n = built.site_files;
                println!("เขียนฟีด แผนผังเว็บไซต์ และข้อมูลเปิด {n} ไฟล์ ไว้ข้าง {dir}");
                println!("Wrote {n} feed, sitemap and open-data files beside {dir}");
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(args: &[&str]) -> Result<Options, Failure> {
        import_options(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn options_may_come_anywhere_after_the_command() {
        let parsed = options(&[
            "--skip-bad",
            "b.json",
            "a.csv",
            "--district",
            "พระนคร",
            "f.xml",
        ])
        .unwrap();
        assert_eq!(parsed.source, PathBuf::from("b.json"));
        assert_eq!(
            parsed.files,
            [PathBuf::from("a.csv"), PathBuf::from("f.xml")]
        );
        assert!(parsed.skip_bad);
        assert_eq!(parsed.district.as_deref(), Some("พระนคร"));
        assert_eq!(parsed.max_bytes, report::MAX_INPUT_BYTES);
    }

    #[test]
    fn a_wrong_command_line_is_explained_in_both_languages() {
        let cases: [&[&str]; 5] = [
            &[],
            &["b.json"],
            &["b.json", "a.csv", "--district"],
            &["b.json", "a.csv", "--max-bytes", "lots"],
            &["b.json", "a.csv", "--force"],
        ];
        for args in cases {
            let failure = options(args).unwrap_err();
            assert_eq!(failure.exit_code(), 2, "{args:?}");
            assert!(failure.message(Lang::Th).contains("วิธีใช้"), "{args:?}");
            assert!(failure.message(Lang::En).contains("Usage"), "{args:?}");
        }
    }
}
