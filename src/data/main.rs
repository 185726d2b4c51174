//! The city's dataset tool. It shares `city_comms::domain` with the app, so that a bundle it
//! writes is checked by the very rules the app reads it with.
//!
//! ```text
//! city-comms-data import SOURCE.json FILE... [--skip-bad] [--district CODE|NAME] [--max-bytes N]
//! ```
//!
//! ```text
//! city-comms-data build SOURCE.json DIR
//! ```
//!
//! `build` compiles the source bundle into the static dataset the app reads (`src/data/compile.rs`).
//!
//! `import` brings district offices' news into the source bundle: CSV from the template
//! (`public/templates/news-import.csv`), RSS 2.0, Atom or JSON Feed 1.1, each file recognised
//! by what it holds. Exit 0 when it went in, 1 when nothing was changed because of a problem
//! (each named by line or entry, field and reason, in Thai and English), 2 for a wrong
//! command line.

mod compile;
mod import;
mod json;
mod query;
mod report;

use import::Options;
use report::{both, Failure};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE_TH: &str = "วิธีใช้:
  city-comms-data import ไฟล์ข้อมูล.json ไฟล์ข่าว... [--skip-bad] [--district รหัสหรือชื่อเขต] [--max-bytes จำนวนไบต์]
  city-comms-data build ไฟล์ข้อมูล.json โฟลเดอร์ชุดข้อมูล
  city-comms-data query โฟลเดอร์ชุดข้อมูล คำค้น

  ไฟล์ข่าวเป็น CSV ตามแม่แบบ public/templates/news-import.csv หรือฟีด RSS 2.0, Atom, JSON Feed 1.1
  --skip-bad   นำเข้าเฉพาะแถวที่ถูกต้อง และรายงานแถวที่ข้ามไป
  --district   เขตของข่าวในฟีด (ถ้ารายการไม่ได้ระบุเขตไว้เองในหมวดหมู่) และของแถว CSV ที่ช่องเขตว่าง
  --max-bytes  ขนาดสูงสุดของไฟล์ข่าวแต่ละไฟล์ (ค่าเริ่มต้น 64 MB)";

const USAGE_EN: &str = "Usage:
  city-comms-data import SOURCE.json FILE... [--skip-bad] [--district CODE|NAME] [--max-bytes N]
  city-comms-data build SOURCE.json DIR
  city-comms-data query DIR TEXT

  build compiles the source bundle into the static dataset the app reads from DIR;
  query searches that dataset as the app does, and says what it found and read.
  Each FILE is a CSV from the template public/templates/news-import.csv, or an RSS 2.0, Atom or JSON Feed 1.1 feed.
  --skip-bad   import the good rows and report the ones left out
  --district   the district of a feed's entries (unless an entry names its own in a category),
               and of CSV rows that leave the district empty
  --max-bytes  the largest news file taken, in bytes (64 MB unless given)";

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

fn build_command(args: Vec<String>) -> ExitCode {
    let [source, dir] = args.as_slice() else {
        let failure = usage(
            "build ต้องการไฟล์ข้อมูลต้นทางหนึ่งไฟล์และโฟลเดอร์ปลายทางหนึ่งโฟลเดอร์",
            "build takes one source bundle and one directory",
        );
        return fail(&failure);
    };
    let started = std::time::Instant::now();
    match compile::run(source.as_ref(), dir.as_ref()) {
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
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use city_comms::domain::i18n::Lang;

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
