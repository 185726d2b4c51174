// What the app keeps on the device, read by the page's own JavaScript as a test inspects it.

/** Every record of the app's IndexedDB, store by store, as the JSON the app wrote. */
export function readDeviceDb(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('city-comms');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result.map((text) => JSON.parse(text)));
        request.onerror = () => reject(request.error);
      });
    const found = { outbox: await all('outbox'), drafts: await all('drafts') };
    db.close();
    return found;
  });
}
