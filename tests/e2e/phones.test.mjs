// End-to-end: the app on a small phone. Every route fits 320 px without sideways scrolling,
// every control is a 44 px target, Thai is drawn in the app's own web font, articles and
// stories can be shared, and motion stops for those who ask the system for less of it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openPage, openPageAt } from './browser.mjs';
import { sharedBrowserAndServer } from './shared.mjs';
import { DIST } from './server.mjs';

const SCREENSHOTS = fileURLToPath(new URL('./artifacts/screenshots/', import.meta.url));
const bundle = JSON.parse(await readFile(`${DIST}data/bundle.json`, 'utf8'));
const article = bundle.news.find((item) => item.images?.length > 0);
const ROUTES = ['/', '/news', `/news/${article.id}`, '/plan', `/plan/${bundle.plan.themes[0].id}`, '/stories', '/stories/new', '/stories/mine', '/embed'];
const shared = sharedBrowserAndServer();

function visit(path, size = { width: 320, height: 640 }) {
  return openPageAt(shared.browser, `${shared.server.url}${path}`, size);
}

/**
 * Controls smaller than 44×44 CSS px. A checkbox or radio counts by its label, which is what
 * a finger touches; links inside running text are exempt, as WCAG 2.5.8 exempts them.
 */
function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const element of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
      const style = getComputedStyle(element);
      if (element.closest('[aria-hidden=true], dialog:not([open])') || style.visibility === 'hidden') continue;
      if (element.tagName === 'A' && style.display === 'inline') continue;
      if (element.classList.contains('skip-link')) continue;
      const target = ['checkbox', 'radio'].includes(element.type) ? element.closest('label') ?? element : element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 44 || box.height < 44) {
        small.push(`${target.tagName.toLowerCase()}.${target.className} "${target.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

describe('a 320 px phone', () => {
  for (const route of ROUTES) {
    test(`${route} fits, with thumb-sized targets`, async () => {
      const { page, context, errors } = await visit(route);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${route} scrolls sideways by ${overflow}px at 320px`);
      assert.deepEqual(await smallTargets(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

// The story form ends in its send button: a reader who scrolls down to it and taps must find it
// where it was; so must one who reads an article or the outbox to its end. (A long list reached in one jump
// may still settle as its last cards are laid out: their sizes are not known before.)
test('the story form, an article and the outbox, scrolled to their end, stay still under the finger', async () => {
  for (const route of ['/stories/new', `/news/${article.id}`, '/stories/mine']) {
    const { page, context } = await visit(route, { width: 360, height: 780 });
    // What is under the middle of the screen once the reader reaches the end, and where it is
    // a few frames later, when whatever came near the screen has been laid out.
    const moved = await page.evaluate(async () => {
      const frame = () => new Promise((next) => requestAnimationFrame(next));
      scrollTo(0, document.documentElement.scrollHeight);
      const under = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
      const before = under.getBoundingClientRect().top;
      for (let i = 0; i < 5; i += 1) await frame();
      return under.getBoundingClientRect().top - before;
    });
    assert.equal(moved, 0, `on ${route} what was under the finger moved by ${moved}px`);
    await context.close();
  }
});

test('screenshots at 360 px: an article, the story form and the stories', async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const [name, path] of [['article', `/news/${article.id}`], ['story-form', '/stories/new'], ['stories', '/stories']]) {
    const { page, context } = await visit(path, { width: 360, height: 780 });
    await page.screenshot({ path: `${SCREENSHOTS}${name}-th-360.png`, fullPage: true });
    await context.close();
  }
});

test('Thai is drawn in Sarabun, the web font the app ships', async () => {
  const { page, context } = await visit('/');
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((face) => face.family.replaceAll('"', '') === 'Sarabun' && face.status === 'loaded').length;
  });
  assert.ok(loaded >= 1, 'no Sarabun face was loaded');
  assert.ok(await page.evaluate(() => document.fonts.check('16px Sarabun', 'กรุงเทพมหานคร')));
  await context.close();
});

test('an article is shared by LINE, Facebook or a copied link, without the app\'s settings', async () => {
  const { page, context } = await visit(`/news/${article.id}?mode=embed`, { width: 360, height: 780 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.server.url });
  const address = `${shared.server.url}/news/${article.id}`;
  const line = await page.getByRole('link', { name: /แชร์ทาง LINE/ }).getAttribute('href');
  assert.equal(line, `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(address)}`);
  const facebook = await page.getByRole('link', { name: /แชร์ทาง Facebook/ }).getAttribute('href');
  assert.equal(facebook, `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(address)}`);
  await page.getByRole('button', { name: 'คัดลอกลิงก์' }).click();
  await page.getByText('คัดลอกลิงก์แล้ว').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), address);
  await context.close();
});

test('each published story has its own share link', async () => {
  const { page, context } = await visit('/stories', { width: 360, height: 780 });
  const story = bundle.stories[0];
  const card = page.locator(`#story-${story.id}`);
  const line = await card.getByRole('link', { name: /แชร์ทาง LINE/ }).getAttribute('href');
  assert.ok(line.endsWith(encodeURIComponent(`${shared.server.url}/stories#story-${story.id}`)), line);
  await context.close();
});

test('with reduced motion asked for, nothing moves', async () => {
  const { page, context } = await visit('/news');
  const moving = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('*')].filter((element) => {
        const style = getComputedStyle(element);
        const longest = (list) => Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000)));
        return longest(style.transitionDuration) > 1 || longest(style.animationDuration) > 1 || style.scrollBehavior === 'smooth';
      }).length,
    );
  assert.ok((await moving()) > 0, 'the buttons fade their colour when motion is welcome');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await moving(), 0);
  await context.close();
});

// A phone folds the filter panel away behind its toggle: its boxes are built once the list is
// on screen (ui/in_turn.rs), not before, and a tap on the toggle at the very first moment
// still opens a whole panel in its first frame. A wide screen shows the panel from the start.
test('the filter panel a phone folds away is whole the moment it opens', async () => {
  const atReady = async (size, tap) => {
    const { page, context, errors } = await openPage(shared.browser, size);
    await page.addInitScript((tap) => {
      new MutationObserver((_, observer) => {
        if (document.documentElement?.dataset.app !== 'ready') return;
        observer.disconnect();
        window.__boxesAtReady = document.querySelectorAll('#news-filters input[type=checkbox]').length;
        if (!tap) return;
        document.querySelector('.filters__toggle').click();
        requestAnimationFrame(() => {
          const panel = document.getElementById('news-filters');
          window.__firstFrame = { shown: panel.getBoundingClientRect().height > 0, boxes: panel.querySelectorAll('input[type=checkbox]').length };
        });
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-app'] });
    }, tap);
    await page.goto(`${shared.server.url}/news`);
    return { page, context, errors };
  };
  const wide = await atReady({ width: 1280, height: 900 }, false);
  const boxes = await wide.page.locator('#news-filters input[type=checkbox]').count();
  assert.ok(boxes > 50, `a wide screen shows every facet's boxes (${boxes})`);
  assert.equal(await wide.page.evaluate(() => window.__boxesAtReady), boxes, 'a wide screen has the whole panel when the app appears');
  await wide.context.close();

  const phone = await atReady({ width: 360, height: 780 }, true);
  assert.equal(await phone.page.evaluate(() => window.__boxesAtReady), 0, 'the start builds no box a phone does not show');
  await phone.page.waitForFunction(() => window.__firstFrame);
  assert.deepEqual(await phone.page.evaluate(() => window.__firstFrame), { shown: true, boxes });
  // The boxes work: one, checked from the keyboard, narrows the list and says how many.
  const box = await phone.page.locator('#news-filters input[type=checkbox]').first().elementHandle();
  await box.focus();
  await phone.page.keyboard.press('Space');
  await phone.page.waitForURL(/[?&](district|group|theme|policy|topic)=/);
  await phone.page.locator('.results[aria-busy=false]').waitFor();
  // The very box stays, checked and focused: the panel is not built again under the finger.
  assert.ok(await box.evaluate((box) => box.isConnected && box.checked && document.activeElement === box));
  assert.deepEqual(phone.errors, []);
  await phone.context.close();

  // Left folded, the panel is built anyway once the list is on screen.
  const folded = await atReady({ width: 360, height: 780 }, false);
  await folded.page.waitForFunction((boxes) => document.querySelectorAll('#news-filters input[type=checkbox]').length === boxes, boxes);
  assert.equal(await folded.page.locator('#news-filters').isVisible(), false);
  await folded.context.close();
});
