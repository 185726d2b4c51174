// Generates realistic bundles of N news items for the search benchmark: Thai and English
// text made from district-office news phrasing, every district, five years, deterministic
// from a seed. Usage: node tests/bench/generate.mjs 10000 [seed] > bundle.json
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BASE = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/data/bundle.json', import.meta.url)), 'utf8'));

/** mulberry32: a small, fast, well-mixed PRNG, enough for test data. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [Thai, English] pairs; {d} is the district's name, {n} a number, {p} a place.
const TOPICS = [
  ['ลอกคลอง{p}', 'dredges the {p} canal', ['green-clean'], ['environment']],
  ['เก็บขยะริมคลอง{p}', 'clears rubbish along the {p} canal', ['green-clean'], ['environment']],
  ['เปิดสวนสาธารณะขนาดเล็ก{p}', 'opens a pocket park at {p}', ['green-clean'], ['environment', 'health']],
  ['ตรวจสุขภาพผู้สูงอายุ', 'holds a health check day for older residents', ['health-care'], ['health', 'society']],
  ['รณรงค์กำจัดลูกน้ำยุงลาย', 'runs a campaign against dengue mosquito larvae', ['health-care'], ['health']],
  ['เตรียมเครื่องสูบน้ำรับมือน้ำท่วม', 'readies flood pumps before the rains', ['safe-streets'], ['safe', 'environment']],
  ['ลอกท่อระบายน้ำ{p}', 'clears drains on {p}', ['safe-streets'], ['safe']],
  ['ติดตั้งไฟส่องสว่างซอย{p}', 'installs street lights in Soi {p}', ['safe-streets'], ['safe', 'mobility']],
  ['จัดระเบียบหาบเร่แผงลอย{p}', 'reorganises street vendors on {p}', ['services'], ['economy', 'mobility']],
  ['ปรับปรุงทางเท้า{p}', 'repairs the pavement on {p}', ['safe-streets'], ['mobility']],
  ['เปิดเลนจักรยาน{p}', 'opens a bicycle lane on {p}', ['safe-streets'], ['mobility', 'environment']],
  ['แจ้งเตือนฝุ่น PM2.5', 'issues a PM2.5 dust warning', ['health-care'], ['health', 'environment']],
  ['ซ้อมอพยพหนีไฟชุมชน{p}', 'holds a fire drill in the {p} community', ['safe-streets'], ['safe', 'society']],
  ['อาหารกลางวันโรงเรียนสังกัดกรุงเทพมหานคร', 'checks lunches in BMA schools', ['learning-culture'], ['learning', 'health']],
  ['กิจกรรมส่งเสริมการอ่านที่ห้องสมุด{p}', 'holds a reading event at the {p} library', ['learning-culture'], ['learning']],
  ['เปิดบ้านสำนักงานเขตรับฟังความเห็นประชาชน', 'opens the district office to hear residents', ['participation'], ['transparent', 'governance']],
  ['ชี้แจงงบประมาณโครงการชุมชน', 'explains the community project budget', ['participation'], ['transparent']],
  ['ตลาดนัดชุมชน{p}', 'runs the {p} community market', ['services'], ['economy']],
  ['ปลูกต้นไม้ริมถนน{p}', 'plants trees along {p}', ['green-clean'], ['environment']],
  ['ตรวจความปลอดภัยตลาดนัดกลางคืน', 'patrols the night market for safety', ['safe-streets'], ['safe', 'economy']],
  ['บริการทำบัตรประชาชนนอกเวลาราชการ', 'issues ID cards after office hours', ['services'], ['governance']],
  ['แก้ไขเรื่องร้องเรียนผ่าน Traffy Fondue', 'resolves complaints sent through Traffy Fondue', ['services'], ['governance', 'transparent']],
];
const PLACES = [
  ['แสนแสบ', 'Saen Saep'], ['บางกอกน้อย', 'Bangkok Noi'], ['ลาดพร้าว', 'Lat Phrao'], ['พหลโยธิน', 'Phahon Yothin'],
  ['สุขุมวิท', 'Sukhumvit'], ['เพชรเกษม', 'Phet Kasem'], ['รามคำแหง', 'Ramkhamhaeng'], ['จรัญสนิทวงศ์', 'Charan Sanit Wong'],
  ['ประชาอุทิศ', 'Pracha Uthit'], ['บางนา', 'Bang Na'], ['วัดสุทธิวราราม', 'Wat Suthiwararam'], ['เจริญกรุง', 'Charoen Krung'],
  ['คลองเตย', 'Khlong Toei'], ['มีนบุรี', 'Min Buri'], ['ดอนเมือง', 'Don Mueang'], ['ตลิ่งชัน', 'Taling Chan'],
];
const OPENERS = [
  ['สำนักงานเขต{d}', '{d} District Office'],
  ['เขต{d}ร่วมกับชุมชน', '{d} District, with local communities,'],
  ['ผู้อำนวยการเขต{d}', 'The director of {d} District'],
];
const DETAILS = [
  ['โดยมีเจ้าหน้าที่และอาสาสมัครเข้าร่วมกว่า {n} คน', 'More than {n} staff and volunteers took part.'],
  ['ประชาชนสามารถแจ้งปัญหาผ่านแอปพลิเคชันหรือสายด่วน 1555 ได้ตลอด 24 ชั่วโมง', 'Residents can report problems through the app or the 1555 hotline at any hour.'],
  ['ทั้งนี้จะดำเนินการต่อเนื่องทุกสัปดาห์จนถึงสิ้นปีงบประมาณ', 'The work will continue every week until the end of the fiscal year.'],
  ['ผลการดำเนินงานจะรายงานให้ประชาชนทราบผ่านเพจของสำนักงานเขต', 'Results will be reported on the district office page.'],
  ['เพื่อยกระดับคุณภาพชีวิตของคนกรุงเทพฯ ตามนโยบาย 9 ด้าน 9 ดี', "to improve Bangkokians' quality of life under the nine-dimension policy."],
  ['ในพื้นที่ทั้งหมด {n} ชุมชน', 'across {n} communities.'],
  ['พร้อมรับฟังข้อเสนอแนะจากประชาชนในพื้นที่', 'and listened to suggestions from local residents.'],
  ['ซึ่งได้รับความร่วมมือเป็นอย่างดีจากผู้ประกอบการและชาวบ้าน', 'with good cooperation from shop owners and residents.'],
];

/** Generated items are published from 2022 up to the day before this. */
const END = Date.UTC(2026, 10, 19);

/** The generated news items, one at a time, so that 500,000 of them never sit in memory. */
export function* newsItems(count, seed = 20261122) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const number = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const start = Date.UTC(2022, 0, 1);
  const span = END - start;
  for (let i = 0; i < count; i += 1) {
    const district = BASE.districts[i % BASE.districts.length];
    const [topicTh, topicEn, themes, policies] = pick(TOPICS);
    const [placeTh, placeEn] = pick(PLACES);
    const [openTh, openEn] = pick(OPENERS);
    const fill = (text, lang) =>
      text.replaceAll('{d}', district.name[lang]).replaceAll('{p}', lang === 'th' ? placeTh : placeEn).replaceAll('{n}', String(number(5, 400)));
    const titleTh = fill(`${openTh}${topicTh}`, 'th');
    const titleEn = fill(`${openEn} ${topicEn}`, 'en');
    const paragraphs = number(2, 4);
    const bodyTh = [];
    const bodyEn = [];
    for (let p = 0; p < paragraphs; p += 1) {
      const sentences = number(2, 4);
      const th = [fill(`${openTh}${topicTh}`, 'th')];
      const en = [fill(`${openEn} ${topicEn}.`, 'en')];
      for (let s = 0; s < sentences; s += 1) {
        const [detailTh, detailEn] = pick(DETAILS);
        th.push(fill(detailTh, 'th'));
        en.push(fill(detailEn, 'en'));
      }
      bodyTh.push(th.join(' '));
      bodyEn.push(en.join(' '));
    }
    const day = new Date(start + Math.floor(next() * span)).toISOString().slice(0, 10);
    yield {
      id: `bench-${i}`,
      title: { th: titleTh, en: titleEn },
      published: day,
      summary: { th: bodyTh[0].slice(0, 160), en: bodyEn[0].slice(0, 200) },
      body: { th: bodyTh.join('\n\n'), en: bodyEn.join('\n\n') },
      district: district.code,
      themes,
      policies,
      author: `ฝ่ายประชาสัมพันธ์ สำนักงานเขต${district.name.th}`,
      views: number(0, 5000),
      sample: true,
    };
  }
}

const DISTRICT_NAMES = new Map(BASE.districts.map((district) => [district.code, district.name]));

/**
 * The text of an item that the app's search reads, in both languages: its titles, and the
 * rest (summary, body, author, its district's name). The ground truth of the benchmarks and
 * the pages Pagefind indexes are both made from it.
 */
export function searchedText(item) {
  const district = DISTRICT_NAMES.get(item.district) ?? {};
  const rest = [item.summary?.th, item.summary?.en, item.body.th, item.body.en, item.author, district.th, district.en, item.credit];
  return { titles: [item.title.th, item.title.en], rest: rest.filter(Boolean) };
}

export function generate(count, seed = 20261122) {
  return { ...BASE, news: [...newsItems(count, seed)], stories: [] };
}

/** The day after the newest generated item: where a benchmark puts "the next day's news". */
export const DAY_AFTER = new Date(END).toISOString().slice(0, 10);

/** The first day of the month after the newest generated item's. */
export const NEXT_MONTH = new Date(Date.UTC(new Date(END).getUTCFullYear(), new Date(END).getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

/**
 * Writes a bundle of `count` items to `path`, item by item, then `later` more (other text,
 * ids `bench-next-…`) published on `on`.
 */
export async function writeBundle(path, count, seed = 20261122, { later = 0, on = DAY_AFTER } = {}) {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  const head = JSON.stringify({ ...BASE, news: [], stories: [] });
  await write(head.slice(0, head.indexOf('"news":[]') + '"news":['.length));
  let first = true;
  for (const item of newsItems(count, seed)) {
    await write((first ? '' : ',') + JSON.stringify(item));
    first = false;
  }
  let next = 0;
  for (const item of newsItems(later, seed + 1)) {
    const added = { ...item, id: `bench-next-${next}`, published: on };
    await write((first ? '' : ',') + JSON.stringify(added));
    first = false;
    next += 1;
  }
  await write(head.slice(head.indexOf('"news":[]') + '"news":['.length));
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 20261122);
  process.stdout.write(JSON.stringify(generate(count, seed)));
}
