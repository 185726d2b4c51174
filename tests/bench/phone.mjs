// The phone profile every browser benchmark uses: a 360 px screen, a CPU four times slower,
// 150 ms latency and 1.6 Mbit/s down, with what it transferred counted from the DevTools
// protocol (bytes as sent, gzipped where the host compressed them).
export const PHONE = { cpu: 4, network: { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 } };

/** A page on the phone profile; `bytes(filter)` sums the transfers whose URL `filter` keeps. */
export async function phonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'th-TH', serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE.network);
  const transfers = [];
  cdp.on('Network.loadingFinished', (event) => transfers.push({ id: event.requestId, bytes: event.encodedDataLength, at: event.timestamp }));
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  const bytes = (filter) => transfers.filter((t) => filter(new URL(urls.get(t.id) ?? 'http://x/'))).reduce((s, t) => s + t.bytes, 0);
  return { context, page, cdp, bytes, transfers };
}
