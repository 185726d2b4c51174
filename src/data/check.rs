//! `city-comms-data check DIR`: reads every file of a compiled dataset the way the app reads
//! it (the manifest through the app's own rules, then each file against the size the
//! manifest gives, the hash in its name and its own format, and each block of filter columns
//! or views against the items the manifest's count gives it), so that a web team that
//! copies a dataset to a host or a CDN can see that nothing was lost or changed on the way
//! before a reader does.

use city_comms::domain::dataset::archive::{self, Kind, Walk};
use city_comms::domain::dataset::reader::{by_views, read_manifest};
use city_comms::domain::dataset::{
    facets, hash_label, promised_hash, CardFile, FileRef, Manifest, MANIFEST, MOST_VIEWED,
};
use city_comms::domain::i18n::{pick, Lang};
use city_comms::domain::load::LoadError;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// What a check found.
pub struct Report {
    /// The files read, the manifest included.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// News items, as the manifest counts them (none if it could not be read).
    pub items: u32,
    /// What is wrong, file by file, in the order the files were read.
    pub problems: Vec<Problem>,
}

/// One file that the app could not use.
pub struct Problem {
    /// Its path within the dataset.
    pub path: String,
    /// What is wrong with it.
    pub wrong: Wrong,
}

/// What can be wrong with a file of a dataset.
pub enum Wrong {
    /// The manifest, as the app would say it.
    Manifest(LoadError),
    /// The manifest lists the file, but it is not there.
    Missing,
    /// Its size is not the one the manifest gives.
    Size { promised: u64, found: u64 },
    /// Its content does not give the hash in its name.
    Hash,
    /// It cannot be read as the kind of file its place in the manifest says.
    Unreadable(Kind),
    /// A block of filter columns or of views holds another number of items than the
    /// manifest's count gives that block.
    Items { promised: usize, found: usize },
    /// The order by views, read, lists other items than the views files make first.
    OutOfOrder,
}

/// What a kind of file is called.
fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Cards => pick(lang, "การ์ดข่าว", "news cards"),
        Kind::Articles => pick(lang, "เนื้อข่าว", "articles"),
        Kind::Ids => pick(lang, "รหัสข่าว", "news ids"),
        Kind::Facets => pick(lang, "คอลัมน์ตัวกรอง", "filter columns"),
        Kind::Views => pick(lang, "ยอดเข้าชม", "views"),
        Kind::Order => pick(lang, "ลำดับข่าวที่มีผู้เข้าชมมากที่สุด", "order of the most viewed"),
        Kind::Directory => pick(
            lang,
            "ส่วนของสารบัญดัชนีค้นหา",
            "part of the search index directory",
        ),
        Kind::Chunk => pick(lang, "ส่วนของดัชนีค้นหา", "search index chunk"),
    }
}

impl Problem {
    /// The problem on one line (the manifest's own, on one line each), in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let path = &self.path;
        let said = match &self.wrong {
            Wrong::Manifest(error) => {
                let mut lines = vec![format!("{path}: {}", error.summary(lang))];
                let at = pick(lang, "ส่วน bundle ที่", "bundle at");
                lines.extend(
                    error
                        .details(lang)
                        .into_iter()
                        .map(|detail| format!("{path}: {at} {detail}")),
                );
                return lines;
            }
            Wrong::Missing if path == MANIFEST => {
                pick(lang, "ไม่มีไฟล์นี้ในโฟลเดอร์", "is not in the directory").to_owned()
            }
            Wrong::Missing => pick(
                lang,
                "ไม่มีไฟล์นี้ ทั้งที่ manifest.json ระบุไว้",
                "is missing, though manifest.json lists it",
            )
            .to_owned(),
            Wrong::Size { promised, found } => match lang {
                Lang::Th => format!("มีขนาด {found} ไบต์ แต่ manifest.json ระบุ {promised} ไบต์ (ถูกตัดหรือถูกแก้ไข)"),
                Lang::En => format!("holds {found} bytes where manifest.json says {promised} (cut short or altered)"),
            },
            Wrong::Hash => pick(
                lang,
                "เนื้อหาไม่ตรงกับค่าแฮชในชื่อไฟล์ (ถูกแก้ไข)",
                "does not match the hash in its name (altered)",
            )
            .to_owned(),
            Wrong::Items { promised, found } => match lang {
                Lang::Th => format!("มีข้อมูลข่าว {found} รายการ แต่ตาม manifest.json ส่วนนี้ต้องมี {promised} รายการ"),
                Lang::En => format!("holds {found} items where manifest.json gives this block {promised}"),
            },
            Wrong::OutOfOrder => pick(
                lang,
                "ลำดับข่าวไม่ตรงกับยอดเข้าชมในไฟล์ยอดเข้าชม (การค้นหาเรียงตามยอดเข้าชมจะแสดงผลผิด)",
                "does not list the items in the order the views files give them (a search by views would list them wrongly)",
            )
            .to_owned(),
            Wrong::Unreadable(kind) => match lang {
                Lang::Th => format!("อ่านเป็นไฟล์{}ไม่ได้", kind_name(*kind, lang)),
                Lang::En => format!("cannot be read as a file of {}", kind_name(*kind, lang)),
            },
        };
        vec![format!("{path}: {said}")]
    }
}

/// Reads the dataset in `dir` whole.
pub fn run(dir: &Path) -> Report {
    let mut check = Check {
        dir,
        report: Report {
            files: 0,
            bytes: 0,
            items: 0,
            problems: Vec::new(),
        },
    };
    let manifest = check
        .read(MANIFEST, None)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .and_then(|text| match read_manifest(&text) {
            Ok((_, manifest)) => Some(manifest),
            Err(error) => check.wrong(MANIFEST, Wrong::Manifest(error)),
        });
    if let Some(manifest) = manifest {
        check.report.items = manifest.items;
        check.files_of(&manifest);
    }
    check.report
}

struct Check<'a> {
    dir: &'a Path,
    report: Report,
}

impl Check<'_> {
    fn wrong<T>(&mut self, path: &str, wrong: Wrong) -> Option<T> {
        self.report.problems.push(Problem {
            path: path.to_owned(),
            wrong,
        });
        None
    }

    /// The file's bytes, if it is there, of the size `promised` and with the hash its name
    /// carries (the manifest's name carries none).
    fn read(&mut self, path: &str, promised: Option<u64>) -> Option<Vec<u8>> {
        let Ok(bytes) = std::fs::read(self.dir.join(path)) else {
            return self.wrong(path, Wrong::Missing);
        };
        self.report.files += 1;
        self.report.bytes += bytes.len() as u64;
        let found = bytes.len() as u64;
        match promised {
            Some(promised) if promised != found => {
                self.wrong(path, Wrong::Size { promised, found })
            }
            _ => match promised_hash(path) {
                Some(hash) if hash != hash_label(&Sha256::digest(&bytes)) => {
                    self.wrong(path, Wrong::Hash)
                }
                _ => Some(bytes),
            },
        }
    }

    fn files_of(&mut self, manifest: &Manifest) {
        let mut walk = Walk::new(manifest);
        // What the order by views is held against: the views, by file, and the order.
        let mut views = HashMap::new();
        let mut order = None;
        // The ordinals of the cards of each part by views, by path.
        let mut by_rank = HashMap::new();
        while let Some(file) = walk.next_file() {
            let Some(bytes) = self.read(&file.path, file.bytes) else {
                continue;
            };
            match archive::read(file.kind, &bytes) {
                Some(more) => walk.add(more),
                None => {
                    self.wrong::<()>(&file.path, Wrong::Unreadable(file.kind));
                    continue;
                }
            }
            match file.kind {
                Kind::Views => {
                    let block = facets::decode_views(&bytes);
                    let found = block.as_ref().map_or(0, Vec::len);
                    let sound = self.holds(manifest, &manifest.views, &file.path, found);
                    views.insert(file.path, block.filter(|_| sound));
                }
                Kind::Facets => {
                    let found = facets::decode(&bytes).map_or(0, |rows| rows.len());
                    self.holds(manifest, &manifest.facets, &file.path, found);
                }
                Kind::Order => order = facets::decode_order(&bytes),
                Kind::Cards
                    if manifest
                        .views_cards
                        .iter()
                        .any(|p| p.file.path == file.path) =>
                {
                    if let Ok(part) = serde_json::from_slice::<CardFile>(&bytes) {
                        let ordinals = part.cards.iter().map(|card| card.ordinal).collect();
                        by_rank.insert(file.path, ordinals);
                    }
                }
                _ => {}
            }
        }
        if let (Some(order), Some(file)) = (order, &manifest.views_order) {
            self.order_of(manifest, &views, &order, &file.path);
            self.parts_by_views(manifest, &by_rank, &order);
        }
    }

    /// Whether each part by views holds the cards of the ranks it says, in `order`, one
    /// part after the other from the first after the most-viewed file's; a part that could
    /// not be read is named already.
    fn parts_by_views(
        &mut self,
        manifest: &Manifest,
        by_rank: &HashMap<String, Vec<u32>>,
        order: &[u32],
    ) {
        let mut next = MOST_VIEWED;
        for part in &manifest.views_cards {
            let (first, count) = (part.first as usize, part.count as usize);
            let promised = order.get(first..first.saturating_add(count));
            let held = by_rank.get(&part.file.path);
            if first != next || held.is_some_and(|held| Some(held.as_slice()) != promised) {
                self.wrong::<()>(&part.file.path, Wrong::OutOfOrder);
            }
            next = first.saturating_add(count);
        }
    }

    /// Whether the block at `path` among `blocks` holds the `found` items the manifest's
    /// count gives it, as the app asks before it reads a block's rows.
    fn holds(&mut self, manifest: &Manifest, blocks: &[FileRef], path: &str, found: usize) -> bool {
        let Some(block) = blocks.iter().position(|file| file.path == path) else {
            return true;
        };
        let promised = facets::block_items(manifest.items, block);
        if promised != found {
            self.wrong::<()>(path, Wrong::Items { promised, found });
        }
        promised == found
    }

    /// Whether `order` lists the items the views files make first, in their order; the
    /// views are passed over if one of their files could not be read (it is named already).
    fn order_of(
        &mut self,
        manifest: &Manifest,
        views: &HashMap<String, Option<Vec<u32>>>,
        order: &[u32],
        path: &str,
    ) {
        let mut all = Vec::new();
        for file in &manifest.views {
            match views.get(&file.path) {
                Some(Some(block)) => all.extend_from_slice(block),
                _ => return,
            }
        }
        let first = by_views(&all, None);
        let listed = order.iter().map(|&ordinal| ordinal as usize);
        if !listed.eq(first.into_iter().take(order.len())) {
            self.wrong::<()>(path, Wrong::OutOfOrder);
        }
    }
}
