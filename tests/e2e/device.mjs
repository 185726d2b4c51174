// What the app keeps on the device, read by the page's own JavaScript as a test inspects it.
import { readFileSync } from 'node:fs';

/** The names the app and its scripts share, generated from src/domain/names.rs. */
export const names = JSON.parse(readFileSync(new URL('../../src/build/shared-names.json', import.meta.url), 'utf8'));

/** Every record of the app's IndexedDB, store by store, as the JSON the app wrote. */
export function readDeviceDb(page) {
  return page.evaluate(async ({ deviceDb, outboxStore, draftsStore }) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(deviceDb);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result.map((text) => JSON.parse(text)));
        request.onerror = () => reject(request.error);
      });
    const found = { outbox: await all(outboxStore), drafts: await all(draftsStore) };
    db.close();
    return found;
  }, names);
}

/** Puts `entry` into the app's outbox on the device, as the app writes one. */
export function putInOutbox(page, entry) {
  return page.evaluate(async ({ names, entry }) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(names.deviceDb, names.deviceDbVersion);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const transaction = db.transaction(names.outboxStore, 'readwrite');
      transaction.objectStore(names.outboxStore).put(JSON.stringify(entry), entry.id);
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, { names, entry });
}

/** Tells the app's tabs that the outbox changed, as another tab of the app does. */
export function announceOutboxChange(page) {
  return page.evaluate((channel) => new BroadcastChannel(channel).postMessage('changed'), names.outboxChannel);
}
