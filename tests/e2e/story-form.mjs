// Filling and sending the story form the way a citizen does: by labels and buttons.

/** Fills the form's required fields (and any optional ones given) and ticks consent. */
export async function fillStory(page, { title, text = 'เรื่องดี ๆ ในเขตของฉัน', district = '1001', policies = [], author, contact }) {
  await page.getByLabel('ชื่อเรื่อง').fill(title);
  await page.getByLabel('เรื่องของคุณ').fill(text);
  await page.getByRole('combobox', { name: 'เขต' }).selectOption(district);
  for (const policy of policies) await page.getByLabel(policy, { exact: true }).check();
  if (author) await page.getByLabel('ชื่อหรือนามแฝง').fill(author);
  if (contact) await page.getByLabel('อีเมลหรือหมายเลขโทรศัพท์').fill(contact);
  await page.getByLabel(/ฉันได้อ่านประกาศ/).check();
}

/** Presses send and waits for the outbox page. */
export async function sendStory(page) {
  await page.getByRole('button', { name: 'ส่งเรื่องเล่า' }).click();
  await page.waitForURL(/\/stories\/mine/);
}

export function outboxItems(page) {
  return page.locator('[data-testid=outbox-item]');
}

/** Waits until the outbox shows the story titled `title` in `state`; gives its item. */
export async function waitForState(page, title, state, timeout = 15_000) {
  const item = outboxItems(page).filter({ hasText: title }).and(page.locator(`[data-state=${state}]`));
  await item.waitFor({ timeout });
  return item;
}
