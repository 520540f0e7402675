// The web app's own rules: one filtering rule with the server (near me
// carries the filters; the list folds text as the server does), a title per
// page, the language of user-written text, form autocomplete tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, currentCampaign, registerThroughApi, waitForList, BASE } from './helpers.mjs';

let browser;
let campaign;

before(async () => {
  browser = await launch();
  campaign = await currentCampaign();
});
after(async () => browser?.close());

test('near me asks the server for the nearest actions of the chosen kind', async () => {
  const stamp = Date.now();
  // A vigil far from Berlin and a rally next to the supporter: the nearest
  // vigil is the one far away, which a filter of the 50 nearest of any kind
  // could miss.
  const vigil = await registerThroughApi(campaign, { city: 'Gothenburg', title: `Far vigil ${stamp}`, kind: 'vigil' });
  await registerThroughApi(campaign, { title: `Close rally ${stamp}`, kind: 'rally' });
  const here = { latitude: 52.52, longitude: 13.405 };
  const page = await newPage(browser, { geolocation: here });
  const asked = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.searchParams.has('near')) asked.push(url.searchParams);
  });
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.selectOption('#filter-kind', 'vigil');
  await page.click('#near-me');
  await page.waitForSelector('h2:has-text("Nearest actions")');
  await page.locator(`.event-card[data-event-id="${vigil.event.id}"]`).waitFor();
  assert.ok(asked.some((p) => p.get('kind') === 'vigil'), 'the near search carried kind=vigil');
  const ids = await page.locator('.event-card').evaluateAll((els) => els.map((e) => e.dataset.eventId));
  for (const id of ids) {
    assert.equal((await api(`/api/v1/events/${id}`)).kind, 'vigil', `action ${id} is a vigil`);
  }
  // Changing the kind asks again.
  await page.selectOption('#filter-kind', 'rally');
  await page.waitForFunction(() => !document.querySelector(`.event-card h5 a`)?.textContent.startsWith('Far vigil'));
  assert.ok(asked.some((p) => p.get('kind') === 'rally'), 'the near search was asked again with kind=rally');
  page.checkClean();
});

test('the list folds accents as the server does: goteborg finds Göteborg', async () => {
  const stamp = Date.now();
  const title = `Möte i Göteborg ${stamp}`;
  const registered = await registerThroughApi(campaign, { city: 'Gothenburg', title });
  const id = registered.event.id;
  // The server's q finds it ...
  const { events } = await api(`/api/v1/campaigns/${campaign.slug}/events?q=${encodeURIComponent(`mote i goteborg ${stamp}`)}`);
  assert.deepEqual(events.map((e) => e.id), [id]);
  // ... and so does the list in the browser, with the same words.
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.fill('#filter-text', `MOTE I GOTEBORG ${stamp}`);
  await page.locator(`.event-card[data-event-id="${id}"]`).waitFor();
  assert.equal(await page.locator('.event-card').count(), 1);
  // Word order counts on both sides.
  await page.fill('#filter-text', `goteborg mote ${stamp}`);
  await page.locator(`.event-card[data-event-id="${id}"]`).waitFor({ state: 'detached' });
  page.checkClean();
});

test('every page has its own title, in the interface language', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await page.waitForFunction((t) => document.title === t, campaign.title);
  await page.goto(BASE + '/register');
  await page.waitForFunction((t) => document.title === `Register an action — ${t}`, campaign.title);
  const registered = await registerThroughApi(campaign, { title: `Titled vigil ${Date.now()}` });
  await page.goto(`${BASE}/e/${registered.event.id}`);
  await page.waitForFunction((t) => document.title === t, registered.event.title);
  await page.goto(BASE + '/register');
  await page.waitForSelector('#language');
  await page.selectOption('#language', 'es');
  await page.waitForFunction(() => document.title.startsWith('Registrar'));
  await page.selectOption('#language', 'en');
  page.checkClean();
});

test('user-written text carries its own language', async () => {
  const registered = await registerThroughApi(campaign, { title: `Vigilia ${Date.now()}`, language: 'es', description: 'Traed velas.' });
  const page = await newPage(browser);
  await page.goto(`${BASE}/e/${registered.event.id}`);
  await page.waitForSelector('#event-title');
  assert.equal(await page.getAttribute('#event-title', 'lang'), 'es');
  assert.equal(await page.getAttribute('.event-page .description', 'lang'), 'es');
  await page.goto(BASE + '/');
  await waitForList(page);
  const card = page.locator(`.event-card[data-event-id="${registered.event.id}"] h5 a`);
  assert.equal(await card.getAttribute('lang'), 'es');
  // The campaign's call is English, marked so on a page in another language.
  assert.equal(await page.getAttribute('.hero h1', 'lang'), 'en');
  page.checkClean();
});

test('the address field asks for one line of an address', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/register');
  await page.waitForSelector('#address');
  assert.equal(await page.getAttribute('#address', 'autocomplete'), 'address-line1');
  page.checkClean();
});
