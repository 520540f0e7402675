// The organisers' journeys in a real browser: log in, create a review-first
// campaign in the editor, approve from the queue while a supporter's page
// counts it without a reload, publish an endorsement with an English and a
// Persian name, and export the CSV with its private columns. Every test makes
// its own campaign and data, so that any one runs alone and in any order.
//
// The organiser account: ORGANISER_EMAIL and ORGANISER_PASSWORD when given
// (an admin), else one made here with `server organiser add --admin`
// (SERVER_BIN and DATABASE_URL: the server and database the suite runs on;
// the password goes on stdin, never as an argument).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, newPage, axe, screenshot, api, currentCampaign, registerThroughApi, BASE } from './helpers.mjs';

let browser;
let account;
let base;

function makeOrganiser() {
  if (process.env.ORGANISER_EMAIL && process.env.ORGANISER_PASSWORD) {
    return { email: process.env.ORGANISER_EMAIL, password: process.env.ORGANISER_PASSWORD };
  }
  const email = `admin-${Date.now()}@example.org`;
  const password = `correct horse ${Date.now()}`;
  const bin = process.env.SERVER_BIN;
  assert.ok(bin && process.env.DATABASE_URL, 'SERVER_BIN and DATABASE_URL (or ORGANISER_EMAIL and ORGANISER_PASSWORD) are needed');
  const made = spawnSync(bin, ['organiser', 'add', '--email', email, '--admin'], {
    input: `${password}\n`,
    env: { ...process.env, LOG: 'warn' },
    encoding: 'utf8',
  });
  assert.equal(made.status, 0, `server organiser add: ${made.stderr}`);
  return { email, password };
}

before(async () => {
  browser = await launch();
  account = makeOrganiser();
  base = await currentCampaign();
});
after(async () => browser?.close());

/// Logs `page` in through the login form; the session lives in the page's
/// cookie jar (HttpOnly) and its CSRF token in the app's memory.
async function logIn(page, next = '/organise') {
  await page.goto(BASE + next);
  await page.waitForURL(/\/organise\/login/);
  await page.fill('#login-email', account.email);
  await page.fill('#login-password', account.password);
  await page.click('#login-submit');
  await page.waitForSelector('#logged-in-as');
  assert.match(await page.textContent('#logged-in-as'), new RegExp(account.email.replace(/[.+]/g, '\\$&')));
}

/// The day after `date` (YYYY-MM-DD).
function dayAfter(date) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/// Creates a review-first campaign in the editor, the day after the demo
/// campaign ends (so that the demo stays the current campaign that the other
/// test files use); returns its slug.
async function createCampaign(page, { review = true } = {}) {
  const slug = `org-${Date.now()}`;
  await page.goto(BASE + '/organise/new');
  await page.waitForSelector('#campaign-form');
  await page.fill('#slug', slug);
  await page.fill('#campaign-title', `Organisers' day ${slug}`);
  await page.fill('#summary', 'A day run from the browser.');
  await page.fill('#cta-en', 'Stand with us on the day.');
  await page.fill('#cta-fa', 'در این روز در کنار ما باشید.');
  await page.fill('#cta-es', 'Acompáñanos ese día.');
  await page.fill('#starts_on', dayAfter(base.ends_on));
  await page.fill('#ends_on', dayAfter(base.ends_on));
  await page.check(review ? '#moderation-review' : '#moderation-now');
  await page.fill('#campaign-contact', 'team@example.org');
  await page.click('#save-campaign');
  await page.waitForSelector('#campaign-created');
  assert.match(page.url(), new RegExp(`/organise/c/${slug}/settings`));
  return slug;
}

test('organise: an organiser logs in, the session survives a reload, a wrong password does not tell', async () => {
  const page = await newPage(browser);
  // A wrong password and an unknown email get the same answer.
  await page.goto(BASE + '/organise/login');
  await page.waitForSelector('#login-form');
  await axe(page, 'organiser login');
  await page.fill('#login-email', account.email);
  await page.fill('#login-password', 'not the password');
  const attempt = async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
      page.click('#login-submit'),
    ]);
    assert.equal(response.status(), 401);
    await page.waitForSelector('#login-error');
    return page.textContent('#login-error');
  };
  const wrong = await attempt();
  await page.fill('#login-email', `nobody-${Date.now()}@example.org`);
  assert.equal(await attempt(), wrong);

  // An organiser page without a session sends to the login page, then back.
  await logIn(page, '/organise/audit');
  await page.waitForURL(/\/organise\/audit$/);
  await page.waitForSelector('#audit-log');
  // The CSRF token is in memory only: nothing in the browser's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!/csrf/i.test(stored), `storage holds ${stored}`);
  // After a reload the session comes back from the cookie.
  await page.goto(BASE + '/organise');
  await page.waitForSelector('#my-campaigns');
  assert.ok(await page.locator(`#my-campaigns [data-slug="${base.slug}"]`).count() === 1);
  await axe(page, 'organiser campaigns');
  await page.click('#logout');
  await page.waitForURL(/\/organise\/login/);
  await page.goto(BASE + '/organise');
  await page.waitForURL(/\/organise\/login/);
  page.checkClean();
});

test('organise: approving from the queue moves the public counter without a reload', async () => {
  const organiser = await newPage(browser);
  await logIn(organiser);
  const slug = await createCampaign(organiser);
  const campaign = await api(`/api/v1/campaigns/${slug}`);
  assert.equal(campaign.review, true);
  const title = `Vigil to review ${Date.now()}`;
  const { event } = await registerThroughApi(campaign, { title, contact_email: `group-${Date.now()}@example.org` });
  assert.equal(event.status, 'pending');

  // A supporter has the campaign page open: nothing published yet.
  const supporter = await newPage(browser);
  await supporter.goto(`${BASE}/c/${slug}`);
  await supporter.waitForSelector('#counters[aria-busy="false"]');
  assert.match(await supporter.textContent('#counters'), /0\s*actions/);
  assert.match(await supporter.textContent('#call-to-action'), /Stand with us/);
  assert.match(await supporter.textContent('#public-contact'), /team@example\.org/);
  await supporter.evaluate(() => { window.notReloaded = true; });

  // The organiser sees everything the group sent, and approves by keyboard.
  await organiser.goto(`${BASE}/organise/c/${slug}/queue`);
  const item = organiser.locator(`#item-${event.id}`);
  await item.waitFor();
  const text = await item.textContent();
  assert.ok(text.includes(title));
  assert.ok(text.includes('Pariser Platz'), 'the address');
  assert.match(text, /group-\d+@example\.org/, 'the private contact');
  assert.match(text, /\d+\.\d{5}, \d+\.\d{5}/, 'the exact point');
  await axe(organiser, 'moderation queue');
  await screenshot(organiser, 'organise-queue');
  await organiser.keyboard.press('j');
  await organiser.waitForFunction((id) => document.activeElement?.id === `item-${id}`, event.id);
  await organiser.keyboard.press('a');
  await organiser.waitForFunction((t) => document.querySelector('#queue-announce').textContent.includes(t), title);
  assert.equal(await organiser.locator(`#item-${event.id}`).count(), 0, 'the approved action left the queue');

  // The supporter's page counts it and lists it, without a reload.
  await supporter.waitForFunction(() => /1\s*action(?!s)/.test(document.querySelector('#counters').textContent), null, { timeout: 20000 });
  await supporter.waitForSelector(`.event-card[data-event-id="${event.id}"]`, { timeout: 20000 });
  assert.equal(await supporter.evaluate(() => window.notReloaded), true);

  // The dashboard counts it too, and draws it in the wave.
  await organiser.goto(`${BASE}/organise/c/${slug}`);
  await organiser.waitForFunction(() => document.querySelector('#count-published dd')?.textContent.trim() === '1');
  assert.ok(await organiser.locator('#wave-chart rect.wave-bar[height]:not([height="0"])').count() >= 1);
  await organiser.waitForSelector('#status-map .event-pin.status-published', { timeout: 20000 });
  await axe(organiser, 'dashboard');
  await screenshot(organiser, 'organise-dashboard');
  organiser.checkClean();
  supporter.checkClean();
});

test('organise: a rejection with a reason and a takedown leave the public page', async () => {
  const organiser = await newPage(browser);
  await logIn(organiser);
  const slug = await createCampaign(organiser);
  const campaign = await api(`/api/v1/campaigns/${slug}`);
  const hostile = await registerThroughApi(campaign, { title: `Meet at the embassy ${Date.now()}` });
  const fine = await registerThroughApi(campaign, { title: `Vigil ${Date.now()}`, city: 'Gothenburg' });
  await organiser.goto(`${BASE}/organise/c/${slug}/queue`);
  await organiser.locator(`#item-${hostile.event.id}`).waitFor();
  await organiser.fill(`#reason-${hostile.event.id}`, 'Not a real action.');
  await organiser.click(`#reject-${hostile.event.id}`);
  await organiser.waitForFunction((id) => !document.querySelector(`#item-${id}`), hostile.event.id);
  // Bulk: select the other one and approve it.
  await organiser.check(`#select-${fine.event.id}`);
  assert.match(await organiser.textContent('#bulk-count'), /1 selected/);
  await organiser.click('#bulk-approve');
  await organiser.waitForSelector('#queue-empty');
  // Then take it down: it is published, so it shows under "published".
  await organiser.selectOption('#queue-status', 'published');
  await organiser.locator(`#item-${fine.event.id}`).waitFor();
  await organiser.fill(`#reason-${fine.event.id}`, 'Hostile, posted to trap people.');
  await organiser.click(`#unpublish-${fine.event.id}`);
  await organiser.waitForFunction((id) => !document.querySelector(`#item-${id}`), fine.event.id);
  const list = await api(`/api/v1/campaigns/${slug}/events`);
  assert.equal(list.events.length, 0);
  organiser.checkClean();
});

test('organise: an endorsement in English and Persian is signed, approved and listed', async () => {
  const organiser = await newPage(browser);
  await logIn(organiser);
  const slug = await createCampaign(organiser);
  const name = `Malmö Solidarity ${Date.now()}`;
  const persian = 'همبستگی مالمو';

  // An organisation signs in the Persian interface.
  const signer = await newPage(browser);
  await signer.goto(`${BASE}/c/${slug}`);
  await signer.waitForSelector('#endorse-link');
  await signer.click('#endorse-link');
  await signer.waitForSelector('#endorse-form');
  await signer.selectOption('#language', 'fa');
  await signer.waitForFunction(() => document.documentElement.dir === 'rtl');
  await axe(signer, 'endorse form in Persian');
  // The honeypot is out of reach: hidden, not tabbable, not in the tree.
  assert.equal(await signer.getAttribute('#homepage', 'tabindex'), '-1');
  const trap = await signer.locator('#homepage').boundingBox();
  const width = signer.viewportSize().width;
  assert.ok(trap.x + trap.width <= 0 || trap.x >= width, `the honeypot is on screen at x=${trap.x}`);
  assert.equal(await signer.locator('.hp').getAttribute('aria-hidden'), 'true');
  assert.equal(await signer.getAttribute('#homepage', 'autocomplete'), 'off');
  await signer.fill('#endorser-name', name);
  await signer.fill('#endorser-name-alt', persian);
  await signer.fill('#endorser-city', 'Malm');
  await signer.waitForSelector('#endorser-city-options li');
  await signer.keyboard.press('ArrowDown');
  await signer.keyboard.press('Enter');
  await signer.waitForFunction(() => document.querySelector('#endorser-country').textContent.trim() !== '');
  await signer.fill('#endorser-website', 'https://malmo.example.org');
  await signer.fill('#endorser-email', 'board@malmo.example.org');
  await signer.click('#endorse-submit');
  await signer.waitForSelector('#endorsed');
  await screenshot(signer, 'endorse-done-fa');

  // Not listed before approval.
  const before = await api(`/api/v1/campaigns/${slug}/endorsements`);
  assert.ok(!before.endorsements.some((e) => e.name === name));

  await organiser.goto(`${BASE}/organise/c/${slug}/endorsements`);
  const row = organiser.locator('.pending-endorsement', { hasText: name });
  await row.waitFor();
  assert.ok((await row.textContent()).includes(persian));
  assert.ok((await row.textContent()).includes('board@malmo.example.org'), 'the private contact, for organisers');
  const id = await row.getAttribute('data-id');
  await axe(organiser, 'endorsements to review');
  await organiser.click(`#approve-endorsement-${id}`);
  await organiser.waitForFunction((id) => !document.querySelector(`.pending-endorsement[data-id="${id}"]`), id);

  // An existing list is imported as CSV: approved at once.
  const imported = `Tehran Teachers ${Date.now()}`;
  await organiser.fill('#import-csv', `name,name_alt,city,country_code,website\n${imported},کانون صنفی معلمان,Berlin,DE,\ntoo,few,fields\n`);
  await organiser.click('#import-submit');
  await organiser.waitForSelector('#import-result');
  assert.match(await organiser.textContent('#import-result'), /1 endorsement imported, 1 lines refused/);

  // The public list: grouped by country and city, each script in its own direction.
  const reader = await newPage(browser);
  await reader.goto(`${BASE}/c/${slug}/endorsements`);
  const entry = reader.locator(`.endorser[data-id="${id}"]`);
  await entry.waitFor();
  assert.equal(await entry.locator('.endorser-name').textContent(), name);
  assert.equal(await entry.locator('.endorser-name-alt').textContent(), persian);
  const directions = await entry.evaluate((li) => [
    getComputedStyle(li.querySelector('.endorser-name')).direction,
    getComputedStyle(li.querySelector('.endorser-name-alt')).direction,
  ]);
  assert.deepEqual(directions, ['ltr', 'rtl']);
  assert.equal(await reader.getAttribute(`.country-group:has(.endorser[data-id="${id}"])`, 'data-country'), 'SE');
  assert.match(await reader.textContent('#endorsement-count'), /2 organisations have signed/);
  const berlin = reader.locator('.country-group[data-country="DE"] .endorser', { hasText: imported });
  assert.equal(await berlin.locator('.endorser-name-alt').textContent(), 'کانون صنفی معلمان');
  assert.ok((await reader.textContent('#endorsement-list')).includes('https://malmo.example.org'));
  assert.ok(!(await reader.textContent('body')).includes('board@malmo.example.org'), 'no private contact in public');
  await axe(reader, 'endorsement list');
  // In Persian too.
  await reader.selectOption('#language', 'fa');
  await reader.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await entry.locator('.endorser-name-alt').textContent(), persian);
  await axe(reader, 'endorsement list in Persian');
  await screenshot(reader, 'endorsements-fa');
  // The campaign page counts the organisation.
  const home = await newPage(browser);
  await home.goto(`${BASE}/c/${slug}`);
  await home.waitForFunction(() => /2\s*organisations/.test(document.querySelector('#counters')?.textContent ?? ''));
  for (const p of [organiser, signer, reader, home]) p.checkClean();
});

test('organise: the CSV export has private columns for an organiser only', async () => {
  const organiser = await newPage(browser);
  await logIn(organiser);
  const slug = await createCampaign(organiser, { review: false });
  const campaign = await api(`/api/v1/campaigns/${slug}`);
  const contact = `csv-${Date.now()}@example.org`;
  const { event } = await registerThroughApi(campaign, { contact_email: contact });
  assert.equal(event.status, 'published');

  await organiser.goto(`${BASE}/organise/c/${slug}`);
  await organiser.waitForSelector('#export-csv');
  const [download] = await Promise.all([organiser.waitForEvent('download'), organiser.click('#export-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const header = csv.split(/\r?\n/)[0];
  assert.match(header, /contact_email/);
  assert.ok(csv.includes(contact), 'the private contact');
  assert.ok(csv.includes('Pariser Platz'), 'the address');

  // Without the cookie: the public columns only.
  const anonymous = await (await fetch(`${BASE}/api/v1/campaigns/${slug}/events.csv`)).text();
  assert.ok(!anonymous.split(/\r?\n/)[0].includes('contact_email'));
  assert.ok(!anonymous.includes(contact));
  organiser.checkClean();
});

test('organise: an admin invites a moderator, who sets a password and sees only their campaign', async () => {
  const admin = await newPage(browser);
  await logIn(admin);
  const slug = await createCampaign(admin);
  await admin.goto(BASE + '/organise/team');
  await admin.waitForSelector('#invite-form');
  await axe(admin, 'team');
  const email = `moderator-${Date.now()}@example.org`;
  await admin.fill('#invite-email', email);
  await admin.selectOption('#invite-role', 'moderator');
  await admin.fill('#invite-scopes', slug);
  await admin.click('#invite-submit');
  await admin.waitForSelector('#invite-done');
  const url = await admin.inputValue('#invite-url');
  assert.match(url, /\/invite#token=[A-Za-z0-9_-]+$/);

  // The new organiser opens the link: the token leaves the address bar at once.
  const moderator = await newPage(browser);
  await moderator.goto(url);
  await moderator.waitForSelector('#invite-accept');
  assert.ok(!moderator.url().includes('token'), moderator.url());
  await axe(moderator, 'accept invitation');
  await moderator.fill('#new-password', 'too short');
  await moderator.click('#invite-accept-submit');
  await moderator.waitForSelector('#new-password-error');
  await moderator.fill('#new-password', `a long enough password ${Date.now()}`);
  await moderator.click('#invite-accept-submit');
  await moderator.waitForSelector('#my-campaigns');
  assert.match(await moderator.textContent('#logged-in-as'), new RegExp(email.replace(/[.+]/g, '\\$&')));
  const slugs = await moderator.locator('#my-campaigns [data-slug]').evaluateAll((els) => els.map((e) => e.dataset.slug));
  assert.deepEqual(slugs, [slug]);
  assert.equal(await moderator.locator('.organise-nav a[href="/organise/team"]').count(), 0, 'no admin links');
  await moderator.goto(BASE + '/organise/team');
  await moderator.waitForSelector('#admins-only');
  // Used once: the same link does not work again.
  const again = await newPage(browser);
  await again.goto(url);
  await again.fill('#new-password', 'another long password');
  await again.click('#invite-accept-submit');
  await again.waitForSelector('#invite-error');
  for (const p of [admin, moderator, again]) p.checkClean();
});

