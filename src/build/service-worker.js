// The service worker of city-comms. This file is a template: the build (src/build/finish.mjs,
// run by Trunk after every build) writes it to dist/sw.js with the list of the build's files
// and a version made from their contents in place of the two markers below.
//
// - The app shell (the shell page and Trunk's hashed files) is precached per version and served
//   from the cache, so a repeat visit opens at once, offline or not, and never mixes files of
//   two versions. A new version waits until the citizen accepts the app's "reload to update".
// - The dataset's manifest (or, on a site that publishes no dataset, the bundle) is served
//   from the cache and refreshed in the background with validators. A changed one is kept
//   aside as a candidate; the app validates it and tells the worker to promote it or throw it
//   away, so the last good data is never replaced by bad data.
// - The dataset's other files are named by their content and never change: each is served
//   from the cache once it has been read, so what a citizen has seen stays readable offline.
//   At install, and for each new manifest the app accepts, the worker keeps the files the
//   manifest lists for a first visit (the whole dataset when it is small, else the newest
//   cards). They are kept within a budget of the device's storage, the files read least
//   recently dropped first, unless the citizen chose to keep the whole archive (the app then
//   reads every file once, and each new one a new manifest names, and the worker keeps them).
//   A device with no room left still gets what it reads, only not kept: the file comes marked
//   (NAMES.notKeptHeader), so that keeping the whole archive stops and says why.
// - Album photos are cached as they are seen, in a bounded cache that drops the oldest.
// - Story submissions (/api/) always go to the network: the app's outbox handles failures.
// - A navigation to a file (a name with an extension: the schema, a feed, an export) gets that
//   file; every other navigation is a route of the app and gets the shell page.

const VERSION = '__CITY_COMMS_VERSION__';
const PRECACHE = __CITY_COMMS_PRECACHE__;
// Names shared with the app, generated from src/domain/names.rs (src/build/shared-names.json).
const NAMES = __CITY_COMMS_NAMES__;
const MESSAGE = NAMES.messages;
// The outbox's delivery step, compiled from domain::outbox (src/outbox_worker.rs): it defines
// `wasm_bindgen`, whose functions decide everything about a delivery.
importScripts('outbox-worker.js');
const DELIVERY_WASM = new URL('outbox-worker_bg.wasm', self.registration.scope).href;

const SHELL = `city-comms-shell-${VERSION}`;
const DATA = 'city-comms-data';
const IMAGES = 'city-comms-images';
const MAX_IMAGES = 80;
const DATA_FILES = NAMES.dataFilesCache;
// The dataset's files may take at most this share of what the browser grants the origin.
const DATA_FILES_SHARE = 0.5;
const BUNDLE = new URL(NAMES.bundlePath, self.registration.scope).href;
const MANIFEST = new URL(NAMES.manifestPath, self.registration.scope).href;
// Present while the citizen keeps the whole archive on the device: the budget then leaves the
// dataset's files alone. Not a file of the site: a mark in the worker's own cache.
const KEEP_WHOLE = new URL('city-comms-keep-whole-archive', self.registration.scope).href;
// Revalidated, each with its candidate beside it.
const REVALIDATED = [MANIFEST, BUNDLE];
const candidateOf = (url) => `${url}?${NAMES.candidateQuery}`;
const CANDIDATES = REVALIDATED.map(candidateOf);
const CONTENT_NAMED = new RegExp(NAMES.contentNamed);
// The page with no page in it: shell.html in a prerendered build, index.html otherwise.
const INDEX = new URL('__CITY_COMMS_SHELL_PAGE__', self.registration.scope).href;
const API = new URL('api/', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      await shell.addAll(PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: 'reload' })));
      // The first visit read its data before this worker existed: keep a copy now, so that
      // the next visit works offline. A site with no dataset has its bundle kept instead.
      const data = await caches.open(DATA);
      const manifest = (await data.match(MANIFEST)) ?? (await keep(data, MANIFEST));
      if (manifest) await keepFirstVisitFiles(await manifest.clone().json().catch(() => ({})));
      else if (!(await data.match(BUNDLE))) await keep(data, BUNDLE);
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith('city-comms-shell-') && name !== SHELL).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// Whether the last attempt to reach the server failed; said again to each page that starts,
// since a message sent before a page listens is lost.
let unreachable = false;

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === MESSAGE.HELLO) event.waitUntil(greet(event.source));
  if (type === MESSAGE.SKIP_WAITING) self.skipWaiting();
  if (type === MESSAGE.PROMOTE_BUNDLE) event.waitUntil(Promise.all(REVALIDATED.map(promoteCandidate)));
  if (type === MESSAGE.REJECT_BUNDLE) event.waitUntil(caches.open(DATA).then((cache) => Promise.all(CANDIDATES.map((url) => cache.delete(url)))));
  if (type === MESSAGE.KEEP_ARCHIVE) event.waitUntil(caches.open(DATA).then((cache) => cache.put(KEEP_WHOLE, new Response('1'))));
  if (type === MESSAGE.RELEASE_ARCHIVE) event.waitUntil(caches.open(DATA).then((cache) => cache.delete(KEEP_WHOLE)));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = request.url.split('#')[0];
  if (url.startsWith(API)) return;
  if (request.mode === 'navigate' && !namesFile(url)) {
    event.respondWith(shell());
  } else if (REVALIDATED.includes(url)) {
    event.respondWith(revalidated(event, url));
  } else if (CANDIDATES.includes(url)) {
    event.respondWith(caches.open(DATA).then((cache) => cache.match(url)).then((found) => found ?? new Response(null, { status: 404 })));
  } else if (CONTENT_NAMED.test(new URL(url).pathname)) {
    event.respondWith(dataFile(event, request));
  } else if (request.destination === 'image' || /\/images\//.test(url)) {
    event.respondWith(image(request));
  } else {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((found) => found ?? fetch(request)));
  }
});

/**
 * Whether the address names a file rather than a route of the app: its last segment has an
 * extension. No route of the app has one (ids are a-z, 0-9 and -).
 */
function namesFile(url) {
  const last = new URL(url).pathname.split('/').pop();
  return /\.[A-Za-z0-9]+$/.test(last);
}

/** Every route of the app is the shell page of this version. */
async function shell() {
  const cache = await caches.open(SHELL);
  return (await cache.match(INDEX)) ?? fetch(INDEX);
}

async function greet(client) {
  const cache = await caches.open(DATA);
  for (const url of CANDIDATES) {
    if (await cache.match(url)) client.postMessage({ type: MESSAGE.BUNDLE_CANDIDATE });
  }
  if (unreachable) client.postMessage({ type: MESSAGE.NETWORK_FAILED });
}

async function tell(message) {
  if (message.type === MESSAGE.NETWORK_FAILED) unreachable = true;
  if (message.type === MESSAGE.NETWORK_OK) unreachable = false;
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(message);
}

/**
 * Whether a response is the data it was asked for: a host that answers every unknown path
 * with the app's page answers a missing manifest with HTML.
 */
const isData = (response) => response.ok && !/text\/html/.test(response.headers.get('content-type') ?? '');

/** Fetches `url` into `cache`; gives the response, or null if it could not be had. */
async function keep(cache, url) {
  const response = await fetch(url, { cache: 'no-cache' }).catch(() => null);
  if (!response || !isData(response)) return null;
  await put(cache, url, response.clone());
  return response;
}

/**
 * Puts `response` in `cache`; tells whether it was kept. A device with no room left refuses
 * (QuotaExceededError): what was fetched is still served, only not kept.
 */
const put = (cache, request, response) => cache.put(request, response).then(() => true, () => false);

/** Keeps the files a manifest lists for a first visit (see domain::dataset::offline_files). */
async function keepFirstVisitFiles(manifest) {
  const files = await caches.open(DATA_FILES);
  const paths = Array.isArray(manifest.offline) ? manifest.offline.filter((path) => typeof path === 'string') : [];
  for (const path of paths) {
    const url = new URL(path, MANIFEST).href;
    if (!(await files.match(url))) await keep(files, url);
  }
}

/**
 * Stale-while-revalidate, with validators, and a candidate instead of an overwrite. A
 * manifest that cannot be had, on a device that keeps the bundle of a site with no dataset,
 * answers 404 as the site did, so that the app reads the bundle.
 */
async function revalidated(event, url) {
  const cache = await caches.open(DATA);
  const cached = await cache.match(url);
  const refresh = revalidate(cache, url, cached);
  if (cached) {
    event.waitUntil(refresh.then(() => tell({ type: MESSAGE.NETWORK_OK }), () => tell({ type: MESSAGE.NETWORK_FAILED })));
    return cached;
  }
  try {
    return (await refresh) ?? (await fetch(url));
  } catch (error) {
    if (url === MANIFEST && (await cache.match(BUNDLE))) return new Response(null, { status: 404 });
    throw error;
  }
}

async function revalidate(cache, url, cached) {
  const headers = {};
  const etag = cached?.headers.get('etag');
  const modified = cached?.headers.get('last-modified');
  if (etag) headers['if-none-match'] = etag;
  if (modified) headers['if-modified-since'] = modified;
  const response = await fetch(url, { headers, cache: 'no-store' });
  if (response.status === 304 || !isData(response)) return null;
  if (!cached) {
    await put(cache, url, response.clone());
    return response;
  }
  // A copy of its own: the cached response itself is on its way to the page.
  const stored = await cache.match(url);
  const [fresh, known] = await Promise.all([response.clone().text(), stored ? stored.text() : '']);
  if (fresh === known || !(await put(cache, candidateOf(url), response))) return null;
  await tell({ type: MESSAGE.BUNDLE_CANDIDATE });
  return null;
}

/**
 * The app found the candidate good: it replaces the copy kept. A new manifest's first-visit
 * files are kept too, as at install, so that the news published since reads offline.
 */
async function promoteCandidate(url) {
  const cache = await caches.open(DATA);
  const candidate = await cache.match(candidateOf(url));
  if (!candidate) return;
  await cache.put(url, candidate.clone());
  await cache.delete(candidateOf(url));
  if (url === MANIFEST) await keepFirstVisitFiles(await candidate.json().catch(() => ({})));
}

/**
 * Cache-first for the dataset's files, which never change; kept within the budget. A file
 * the device has no room to keep is served all the same, marked as not kept; what is kept
 * stays (the budget, not a full device, decides what goes).
 */
async function dataFile(event, request) {
  const cache = await caches.open(DATA_FILES);
  const cached = await cache.match(request);
  if (cached) {
    // Put back: a cache lists its entries in the order they were put, which is then the
    // order they were last read in, and the budget drops the least recently read.
    event.waitUntil(put(cache, request, cached.clone()).then(() => withinBudget(cache)));
    return cached;
  }
  const response = await fetch(request);
  if (!response.ok) return response;
  if (await put(cache, request, response.clone())) {
    event.waitUntil(withinBudget(cache));
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set(NAMES.notKeptHeader, '1');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** While the origin uses more than its share, drops the quarter of the dataset files read
 * least recently; never while the citizen keeps the whole archive. */
async function withinBudget(cache) {
  if (await (await caches.open(DATA)).match(KEEP_WHOLE)) return;
  const { usage, quota } = (await self.navigator.storage?.estimate?.()) ?? {};
  if (!usage || !quota || usage <= quota * DATA_FILES_SHARE) return;
  const keys = await cache.keys();
  const drop = Math.ceil(keys.length / 4);
  await Promise.all(keys.slice(0, drop).map((key) => cache.delete(key)));
}

/** Cache-first for photos, keeping the newest MAX_IMAGES. */
async function image(request) {
  const cache = await caches.open(IMAGES);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && (await put(cache, request, response.clone()))) {
    const keys = await cache.keys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_IMAGES)).map((key) => cache.delete(key)));
  }
  return response;
}

// Background Sync: the browser wakes this worker when the device is back online, even with no
// page of the app open. It wakes any open page (which delivers while it holds the delivery
// lock); when the lock is free, the worker takes it and sends what is due by the same protocol
// (story-api.md), under the same idempotency keys, with every decision made by the delivery
// step compiled from domain::outbox.
self.addEventListener('sync', (event) => {
  if (event.tag === NAMES.syncTag) event.waitUntil(syncOutbox());
});

async function syncOutbox() {
  const pages = await self.clients.matchAll({ type: 'window' });
  for (const page of pages) page.postMessage({ type: MESSAGE.OUTBOX_SYNC });
  if (!self.navigator.locks) return pages.length > 0 ? undefined : deliverQueued();
  // Whoever holds the lock delivers. A page that has just closed may still hold it for a
  // moment (and still be listed): wait for it. If it stays taken, an open page is
  // delivering; with no page open, fail so that the browser fires the sync again later.
  try {
    return await self.navigator.locks.request(NAMES.deliveryLock, { signal: AbortSignal.timeout(10_000) }, () => deliverQueued());
  } catch (error) {
    if (error?.name === 'TimeoutError' && pages.length > 0) return undefined;
    throw error;
  }
}

/**
 * Writes `text` as the outbox entry `id`; resolves once it is committed. A write that does
 * not fit in the device's storage aborts at commit, after its request succeeded: it rejects.
 */
function written(db, text, id) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(NAMES.outboxStore, 'readwrite');
    transaction.objectStore(NAMES.outboxStore).put(text, id);
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error);
  });
}

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

let delivery;
/**
 * The delivery step, started once. It is fetched when first needed (a sync fires only when
 * the device is online) and kept with this version's shell.
 */
function deliveryStep() {
  delivery ??= (async () => {
    const shell = await caches.open(SHELL);
    let wasm = await shell.match(DELIVERY_WASM);
    if (!wasm) {
      const fetched = await fetch(DELIVERY_WASM);
      if (!fetched.ok) throw new Error(`the delivery step could not be fetched (${fetched.status})`);
      await shell.put(DELIVERY_WASM, fetched.clone());
      wasm = fetched;
    }
    await wasm_bindgen({ module_or_path: wasm });
    return wasm_bindgen;
  })().catch((error) => {
    delivery = undefined;
    throw error;
  });
  return delivery;
}

/** One attempt for the entry kept as `text`; gives the entry's text after it. */
async function attempt(step, url, text, put) {
  const sending = step.begin_attempt(text, Date.now());
  if (sending === undefined) return text;
  // Marked "sending" before the request leaves, as a page does: if this worker is stopped
  // mid-request, whoever delivers next sends it again under the same key.
  await put(sending);
  const body = step.request_body(sending);
  const timeout = AbortSignal.timeout(step.attempt_timeout_ms(body.length));
  let ended;
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': JSON.parse(sending).id },
      body,
      signal: timeout,
    });
    const said = await answer.text().catch(() => '');
    ended = step.end_attempt(sending, answer.status, answer.headers.get('retry-after') ?? undefined, said, Date.now(), Math.random());
  } catch {
    ended = step.end_attempt_unanswered(sending, timeout.aborted, Date.now(), Math.random());
  }
  if (ended === undefined) return sending;
  await put(ended);
  return ended;
}

/**
 * Sends every story that is due once; throws if any still waits, so the browser tries again.
 * Once the receiver takes a story, the others waiting out its failures are due as well (the
 * rule is `receiver_is_back`, as a page applies it): those met before it get a second turn.
 */
async function deliverQueued() {
  // The settings are the bundle's: in the dataset's manifest, or the bundle file itself.
  const data = await caches.open(DATA);
  const manifest = await data.match(MANIFEST);
  const bundle = manifest ? (await manifest.json()).bundle : await (await data.match(BUNDLE))?.json();
  const submit = bundle?.config?.submit_url ?? null;
  if (!submit) return;
  const url = new URL(submit, self.registration.scope).href;
  const step = await deliveryStep();
  const db = await request(indexedDB.open(NAMES.deviceDb, NAMES.deviceDbVersion));
  // Set once the receiver has taken a story in this pass.
  let receiverIsBack = false;
  /** One turn for the entry kept as `text`; gives the entry's text after it. */
  const turn = async (text) => {
    const id = JSON.parse(text).id;
    const ready = (receiverIsBack && step.receiver_is_back(text, Date.now())) || text;
    const after = await attempt(step, url, ready, (next) => written(db, next, id));
    if (after !== ready && step.is_sent(after)) receiverIsBack = true;
    return after;
  };
  const ends = [];
  try {
    // Entries left as they were before the receiver took any story.
    const passedOver = [];
    const waiting = db.transaction(NAMES.outboxStore, 'readonly').objectStore(NAMES.outboxStore).getAll();
    for (const text of await request(waiting)) {
      const after = await turn(text);
      if (after === text && !receiverIsBack) passedOver.push(text);
      else ends.push(after);
    }
    for (const text of passedOver) ends.push(receiverIsBack ? await turn(text) : text);
  } finally {
    db.close();
  }
  if (ends.some((after) => step.awaits_delivery(after))) throw new Error('some stories are still waiting');
}
