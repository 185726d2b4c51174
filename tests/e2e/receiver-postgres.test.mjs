// The receiver on PostgreSQL, against a real server of the test's own (`startPostgres`): two
// receiver processes sharing one database store a story posted to both at once exactly once,
// and a different body under a stored key is answered as story-api.md says a retry is, on
// either database. (The fault run of delivery-faults.test.mjs runs against PostgreSQL too:
// `make test-e2e-postgres`.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres, startReceiver } from './receiver.mjs';

const shared = {};

before(async () => {
  shared.postgres = await startPostgres();
});
after(() => shared.postgres?.stop());

/** A valid story, as the app would post it; `n` makes its id. */
const story = (n, extra = {}) => ({
  id: `0d6b3c1e-7a2f-4c5d-9e8f-${String(n).padStart(12, '0')}`,
  created_at: '2026-11-21T10:15:00+07:00',
  lang: 'th',
  title: `เรื่องที่ ${n}`,
  text: 'เล่าเรื่องดี ๆ ของเขต',
  district: '1020',
  policies: ['society'],
  consent: { privacy_notice_version: 'pn-1', given_at: '2026-11-21T10:15:00+07:00' },
  client: { mode: 'default', app_version: '0.1.0' },
  ...extra,
});

// The smallest JPEG the receiver takes: start of image, a JFIF segment, end of image.
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x00, 0xff, 0xd9,
]);
const photo = { name: 'photo.jpg', type: 'image/jpeg', data: JPEG.toString('base64') };

const post = (receiver, body) =>
  fetch(`${receiver.url}/api/stories`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });

test('a story posted to two receivers sharing one PostgreSQL database at once is stored once', async () => {
  const db = await shared.postgres.createDatabase('shared_by_two');
  // Both start together: the tables are created once, whichever comes first.
  const [one, two] = await Promise.all([startReceiver({}, { db }), startReceiver({}, { db })]);
  try {
    const stories = Array.from({ length: 30 }, (_, n) => story(n + 1, n % 3 === 0 ? { photos: [photo] } : {}));
    // Every story to both receivers, all sixty requests at once.
    const answers = await Promise.all(stories.flatMap((body) => [post(one, body), post(two, body)]));
    const statuses = answers.map((answer) => answer.status);
    for (let n = 0; n < stories.length; n++) {
      const pair = statuses.slice(2 * n, 2 * n + 2).sort();
      assert.deepEqual(pair, [200, 201], `story ${n + 1}: one receiver stored it, the other found it stored`);
    }
    // Later retries, to either, are 200.
    assert.equal((await post(two, stories[0])).status, 200);
    assert.equal((await post(one, stories[1])).status, 200);

    // Each receiver's dump reads the same database.
    for (const receiver of [one, two]) {
      const dump = receiver.dump();
      assert.equal(dump.count, stories.length, 'one row per story');
      const byId = new Map(dump.stories.map((stored) => [stored.id, stored]));
      for (const [n, body] of stories.entries()) {
        const stored = byId.get(body.id);
        assert.equal(stored.title, body.title);
        assert.equal(stored.repeats, n < 2 ? 2 : 1, `retries of story ${n + 1} counted`);
        assert.equal(stored.photos.length, body.photos?.length ?? 0, `photos of story ${n + 1} stored once`);
      }
      assert.ok(dump.stories.every((stored) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(stored.received_at)));
    }
    const withPhoto = one.dump().stories.find((stored) => stored.id === stories[0].id);
    assert.deepEqual(withPhoto.photos, [{ name: 'photo.jpg', type: 'image/jpeg', size: JPEG.length, data: photo.data }]);
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
});

test('a different body under a stored key is a retry on either database: 200, and the first story stays', async () => {
  const databases = { sqlite: undefined, postgres: await shared.postgres.createDatabase('different_body') };
  for (const [name, db] of Object.entries(databases)) {
    const receiver = await startReceiver({}, { db });
    try {
      const first = story(100);
      assert.equal((await post(receiver, first)).status, 201, name);
      const changed = { ...first, title: 'อีกเรื่องหนึ่ง', text: 'ข้อความอื่น' };
      const answer = await post(receiver, changed);
      // story-api.md: 200 is "this id was stored before (a retry)"; the app marks it sent.
      assert.equal(answer.status, 200, name);
      assert.equal((await answer.json()).repeat, true, name);
      const { count, stories } = receiver.dump();
      assert.equal(count, 1, name);
      assert.equal(stories[0].title, first.title, `${name}: the story first stored is kept`);
      assert.equal(stories[0].repeats, 1, name);
    } finally {
      await receiver.close();
    }
  }
});

test('a receiver outlives a restart of its PostgreSQL server', async () => {
  const db = await shared.postgres.createDatabase('restarted');
  const receiver = await startReceiver({}, { db });
  try {
    assert.equal((await post(receiver, story(200))).status, 201);
    shared.postgres.restart();
    // The lost connection is opened again; a request that meets it broken gets a 5xx, which
    // the app retries.
    const statuses = [];
    for (let attempt = 0; attempt < 3 && statuses.at(-1) !== 201; attempt++) {
      statuses.push((await post(receiver, story(201))).status);
    }
    assert.equal(statuses.at(-1), 201, `answers after the restart: ${statuses}`);
    assert.ok(statuses.slice(0, -1).every((status) => status >= 500), `answers after the restart: ${statuses}`);
    assert.equal(receiver.dump().count, 2);
  } finally {
    await receiver.close();
  }
});

test('a receiver that cannot reach its PostgreSQL server says so and exits', async () => {
  const url = shared.postgres.url('no_such_database');
  await assert.rejects(startReceiver({}, { db: url }), /receiver exited with 1/);
});
