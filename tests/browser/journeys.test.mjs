// The journeys of a local group and a supporter, in a real browser. Each
// test makes the actions it needs (through the API, or the form in the form
// test), so that any one of them runs alone and in any order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, axe, screenshot, api, currentCampaign, waitForList,
  registerThroughApi, registerPicket, cancelThroughApi, BASE, PHONE, DESKTOP,
} from './helpers.mjs';

let browser;
let campaign;

before(async () => {
  browser = await launch();
  campaign = await currentCampaign();
});
after(async () => browser?.close());

test('the campaign home shows counters, the map and the list; no foreign requests; accessible', async () => {
  // Counted now: other tests may have registered actions before this one.
  const current = await currentCampaign();
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await page.waitForSelector('h1');
  assert.equal(await page.textContent('h1'), current.title);
  await waitForList(page);
  const counters = await page.textContent('#counters');
  assert.match(counters, new RegExp(`${current.stats.events}\\s*actions`));
  assert.match(counters, new RegExp(`${current.stats.countries}\\s*countries`));
  // The map draws country shapes from our server and clusters of actions.
  await page.waitForSelector('#events-map .leaflet-marker-icon', { timeout: 20000 });
  await page.waitForSelector('#events-map path.leaflet-interactive, #events-map svg path', { timeout: 20000 });
  // Cancelled actions are struck through, not hidden.
  assert.ok((await page.locator('.event-card.cancelled').count()) >= 1);
  // Local time with zone and offset, and the viewer's time.
  const local = await page.locator('.event-card .local-time').first().textContent();
  assert.match(local, /UTC[+-]\d\d:\d\d/);
  await axe(page, 'campaign home');
  await screenshot(page, 'home-desktop');
  page.checkClean();
});

test('the home page stacks map and list on a phone', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(BASE + '/');
  await waitForList(page);
  const map = await page.locator('#events-map').boundingBox();
  const list = await page.locator('.list-panel').boundingBox();
  assert.ok(list.y >= map.y + map.height - 1, 'list below the map');
  assert.ok(map.width <= PHONE.width, 'map fits the screen');
  await screenshot(page, 'home-phone');
  page.checkClean();
});

test('a local group registers an action through the form', async () => {
  const title = `Solidarity picket ${Date.now()}`;
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(BASE + '/register');
  await page.waitForSelector('#title');
  await axe(page, 'register (empty)');
  // Submitting empty shows the API's field errors next to the fields.
  await page.click('#submit');
  await page.waitForSelector('#form-error');
  assert.equal(await page.getAttribute('#title', 'aria-invalid'), 'true');
  assert.ok((await page.locator('.field .error').count()) >= 3);

  await page.fill('#title', title);
  await page.selectOption('#kind', 'picket');
  await page.fill('#description', 'Outside the consulate. Bring placards.');
  await page.fill('#organiser_name', 'Gothenburg solidarity group');
  await page.fill('#contact_email', 'group@example.org');
  await page.fill('#city', 'Göteb');
  await page.waitForSelector('#city-options li');
  assert.match(await page.textContent('#city-options li'), /Gothenburg/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pin-map .meeting-pin');
  assert.match(await page.textContent('#zone-note'), /Europe\/Stockholm/);
  await page.fill('#address', 'Järntorget');
  await page.fill('#date', campaign.starts_on);
  await page.fill('#start', '14:00');
  await page.fill('#end', '16:00');
  // Drag the pin a little: the meeting point moves.
  const before = await page.textContent('#pin-position');
  await page.locator('#pin-map').scrollIntoViewIfNeeded();
  const pin = await page.locator('#pin-map .meeting-pin').boundingBox();
  await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2);
  await page.mouse.down();
  await page.mouse.move(pin.x + 40, pin.y + 25, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((b) => document.querySelector('#pin-position').textContent !== b, before);
  await screenshot(page, 'register-phone');
  await page.click('#submit');
  await page.waitForSelector('#registered');
  const editUrl = await page.inputValue('#edit-url');
  assert.match(editUrl, /\/edit\/\d+#token=[A-Za-z0-9_-]{43}$/);
  assert.ok(await page.isVisible('text=shown only this once'));
  await page.click('#copy-edit-url');
  await axe(page, 'register (done)');
  // What the form sent is what the server keeps.
  const id = Number(editUrl.match(/\/edit\/(\d+)/)[1]);
  const event = await api(`/api/v1/events/${id}`);
  assert.equal(event.title, title);
  assert.equal(event.kind, 'picket');
  assert.equal(event.organiser_name, 'Gothenburg solidarity group');
  assert.equal(event.timezone, 'Europe/Stockholm');
  assert.equal(event.local.start, '14:00');
  page.checkClean();
});

test('a supporter finds it in the list, on the map and by near me', async () => {
  const title = `Solidarity picket ${Date.now()}`;
  const { event: registered } = await registerPicket(campaign, title);
  const id = registered.id;
  const here = { latitude: registered.place.latitude + 0.001, longitude: registered.place.longitude };
  const page = await newPage(browser, { geolocation: here });
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.fill('#filter-text', title);
  const card = page.locator(`.event-card[data-event-id="${id}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), /Gothenburg solidarity group/);
  // On the map: the card's map button opens the marker's popup.
  await card.locator('button').click();
  await page.waitForSelector('.leaflet-popup-content .popup-title');
  assert.equal(await page.textContent('.leaflet-popup-content .popup-title'), title);

  await page.fill('#filter-text', '');
  await page.click('#near-me');
  await page.waitForSelector('h2:has-text("Nearest actions")');
  // The heading comes with the request; the cards with its answer.
  await page.waitForFunction(() => document.querySelectorAll('.event-card .distance').length >= 2);
  // Sorted by distance, each with its distance; ours is a few hundred metres away.
  const distances = await page.locator('.event-card .distance').allTextContents();
  const km = distances.map((d) => Number(d.replace(/[^0-9.]/g, '')));
  assert.ok(km.length >= 2);
  assert.deepEqual(km, [...km].sort((x, y) => x - y));
  const mine = page.locator(`.event-card[data-event-id="${id}"]`);
  assert.ok(Number((await mine.locator('.distance').textContent()).replace(/[^0-9.]/g, '')) < 1);
  // The map zoomed in from the world view to the nearest actions.
  await page.waitForFunction(() => Number(document.querySelector('#events-map').dataset.zoom) >= 5);
  page.checkClean();
});

test('near me sends the position rounded to about 1 km, never the exact fix', async () => {
  const exact = { latitude: 52.520008123456, longitude: 13.404954987654 };
  const page = await newPage(browser, { geolocation: exact });
  const sent = [];
  page.on('request', (r) => {
    const near = new URL(r.url()).searchParams.get('near');
    if (near !== null) sent.push(near);
  });
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.click('#near-me');
  await page.waitForSelector('h2:has-text("Nearest actions")');
  assert.ok(sent.length >= 1, 'the page searched near a point');
  for (const near of sent) {
    assert.match(near, /^-?\d+(\.\d{1,2})?,-?\d+(\.\d{1,2})?$/, `near=${near} has more than 2 decimals`);
    const [lat, lon] = near.split(',').map(Number);
    assert.ok(Math.abs(lat - exact.latitude) <= 0.005 + 1e-9 && Math.abs(lon - exact.longitude) <= 0.005 + 1e-9, `near=${near} is about the position`);
  }
  page.checkClean();
});

test('its event page shows local and viewer time, calendar and map links', async () => {
  const title = `Solidarity picket ${Date.now()}`;
  const { event: { id } } = await registerPicket(campaign, title);
  const page = await newPage(browser, { timezoneId: 'America/New_York' });
  await page.goto(`${BASE}/e/${id}`);
  await page.waitForSelector('#event-title');
  assert.equal(await page.textContent('#event-title'), title);
  const when = await page.textContent('#event-local-time');
  assert.match(when, /14:00/);
  assert.match(when, /UTC\+01:00/);
  assert.equal(await page.getAttribute('#add-to-calendar', 'href'), `/api/v1/events/${id}.ics`);
  assert.match(await page.getAttribute('#open-osm', 'href'), /^https:\/\/www\.openstreetmap\.org\/\?mlat=57\.\d+&mlon=11\.\d+/);
  const ics = await (await fetch(`${BASE}/api/v1/events/${id}.ics`)).text();
  assert.match(ics, /BEGIN:VEVENT/);
  await axe(page, 'event page');
  await screenshot(page, 'event-desktop');
  page.checkClean();
});

test('the group edits it with the private link, and a stale edit is explained', async () => {
  const title = `Solidarity picket ${Date.now()}`;
  const { event: { id }, edit_url: editUrl } = await registerPicket(campaign, title);
  const a = await newPage(browser);
  const b = await newPage(browser);
  await a.goto(editUrl);
  await b.goto(editUrl);
  await a.waitForSelector('#title');
  await b.waitForSelector('#title');
  assert.equal(await a.inputValue('#title'), title);
  assert.equal(await a.inputValue('#contact_email'), 'group@example.org');
  await axe(a, 'edit page');

  await a.fill('#title', title + ' (moved to 15:00)');
  await a.fill('#start', '15:00');
  await a.click('#submit');
  await a.waitForSelector('#saved');

  await b.fill('#title', 'An older edit');
  await b.click('#submit');
  await b.waitForSelector('#stale');
  await screenshot(b, 'edit-stale-desktop');
  await b.click('#load-current');
  await b.waitForFunction((t) => document.querySelector('#title')?.value === t, title + ' (moved to 15:00)');
  assert.equal(await b.inputValue('#start'), '15:00');
  const event = await api(`/api/v1/events/${id}`);
  assert.equal(event.title, title + ' (moved to 15:00)');
  assert.equal(event.local.start, '15:00');
  a.checkClean();
  b.checkClean();
});

test('the edit page takes the token out of the address bar and history, and still saves', async () => {
  const { event: { id }, edit_url: editUrl } = await registerPicket(campaign);
  const page = await newPage(browser);
  await page.goto(`${BASE}/e/${id}`);
  await page.waitForSelector('#event-title');
  const before = await page.evaluate(() => history.length);
  await page.goto(editUrl);
  await page.waitForSelector('#title');
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.evaluate(() => location.pathname), `/edit/${id}`);
  assert.ok(!page.url().includes('token'), page.url());
  // Replaced, not pushed: one entry for the visit, none holding the token.
  assert.equal(await page.evaluate(() => history.length), before + 1);
  assert.ok(await page.isVisible('#token-hidden'));
  // The token lives on in memory: saving works.
  await page.fill('#description', 'Outside the consulate. Bring placards and water.');
  await page.click('#submit');
  await page.waitForSelector('#saved');
  const event = await api(`/api/v1/events/${id}`);
  assert.equal(event.description, 'Outside the consulate. Bring placards and water.');
  assert.ok(!page.url().includes('token'), page.url());
  page.checkClean();
});

test('the group cancels it; it stays listed, struck through', async () => {
  const { event: { id }, edit_url: editUrl } = await registerPicket(campaign);
  const page = await newPage(browser);
  page.on('dialog', (d) => d.accept());
  await page.goto(editUrl);
  await page.waitForSelector('#cancel-action');
  await page.click('#cancel-action');
  await page.waitForSelector('#is-cancelled');
  const event = await api(`/api/v1/events/${id}`);
  assert.equal(event.status, 'cancelled');
  await page.goto(BASE + '/');
  await waitForList(page);
  const card = page.locator(`.event-card[data-event-id="${id}"]`);
  await card.waitFor();
  assert.match(await card.getAttribute('class'), /cancelled/);
  page.checkClean();
});

test('a cancelled action can still hide its meeting point', async () => {
  const registered = await registerPicket(campaign);
  await cancelThroughApi(registered);
  const { event: { id }, edit_url: editUrl } = registered;
  const page = await newPage(browser);
  await page.goto(editUrl);
  await page.waitForSelector('#is-cancelled');
  await page.waitForSelector('#title');
  assert.equal(await page.locator('#cancel-action').count(), 0, 'no second cancel');
  assert.equal(await page.inputValue('#address'), 'Järntorget');
  await page.check('#visibility-city');
  await page.fill('#address', '');
  await page.click('#submit');
  await page.waitForSelector('#saved');
  const event = await api(`/api/v1/events/${id}`);
  assert.equal(event.status, 'cancelled');
  assert.equal(event.location_visibility, 'city');
  assert.ok(!event.place.address, 'no public address');
  const view = await newPage(browser);
  await view.goto(`${BASE}/e/${id}`);
  await view.waitForSelector('#event-title');
  const text = await view.textContent('article');
  assert.ok(!text.includes('Järntorget'), 'the meeting point is not shown');
  assert.match(text, /only the city/i);
  assert.match(text, /cancelled/);
  page.checkClean();
  view.checkClean();
});

test('in Persian the page is right to left and mirrored', async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.selectOption('#language', 'fa');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  assert.match(await page.textContent('header.site nav'), /ثبت یک اقدام/);
  // Mirrored: the brand sits at the right edge, the language switch at the left.
  const brand = await page.locator('header.site .brand').boundingBox();
  const lang = await page.locator('.lang-switch').boundingBox();
  assert.ok(brand.x > DESKTOP.width / 2, `brand at ${brand.x}`);
  assert.ok(lang.x < DESKTOP.width / 2, `language switch at ${lang.x}`);
  // Numbers in Persian digits.
  assert.match(await page.textContent('#counters'), /[۰-۹]/);
  await axe(page, 'campaign home in Persian');
  await screenshot(page, 'home-fa-desktop');
  // The choice is remembered.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const phone = await newPage(browser, { viewport: PHONE, locale: 'fa-IR' });
  await phone.goto(BASE + '/register');
  await phone.waitForSelector('#title');
  assert.equal(await phone.getAttribute('html', 'dir'), 'rtl');
  await axe(phone, 'register in Persian');
  await screenshot(phone, 'register-fa-phone');
  page.checkClean();
  phone.checkClean();
});

test('the embed shows the map and list alone, filtered by country', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/embed/${campaign.slug}?country=DE`);
  await waitForList(page);
  assert.equal(await page.locator('header.site').count(), 0);
  const countries = await page.locator('.country-group').evaluateAll((els) => els.map((e) => e.dataset.country));
  assert.deepEqual([...new Set(countries)], ['DE']);
  assert.equal(await page.getAttribute('.event-card h5 a', 'target'), '_blank');
  await axe(page, 'embed');
  await screenshot(page, 'embed-desktop');
  page.checkClean();
});

test('happening now and next follows the clock', async () => {
  const page = await newPage(browser);
  // Pretend it is 14:30 in Berlin on the day of action.
  await page.clock.install({ time: new Date(`${campaign.starts_on}T13:30:00Z`) });
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.selectOption('#view-mode', 'now');
  await page.waitForSelector('h2:has-text("Happening now")');
  const now = page.locator('.event-card .badge.now');
  assert.ok((await now.count()) >= 1, 'some action is happening at 13:30 UTC');
  page.checkClean();
});

test('the group withdraws its action: gone from the event page and the list', async () => {
  const name = `Vigil to withdraw ${Date.now()}`;
  const registered = await registerThroughApi(campaign, { title: name });
  const id = registered.event.id;
  const page = await newPage(browser);
  // Listed first.
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.locator(`.event-card[data-event-id="${id}"]`).waitFor();

  page.on('dialog', (d) => d.accept());
  await page.goto(registered.edit_url);
  await page.waitForSelector('#withdraw-action');
  assert.match(await page.textContent('.manage'), /cannot be undone/);
  await axe(page, 'edit page with withdraw');
  await page.locator('.manage').scrollIntoViewIfNeeded();
  await screenshot(page, 'edit-manage-desktop');
  await page.click('#withdraw-action');
  await page.waitForSelector('#withdrawn');
  assert.equal(await page.locator('#title').count(), 0, 'no form after withdrawing');
  assert.equal(await page.locator('#withdraw-action').count(), 0);
  await screenshot(page, 'edit-withdrawn-desktop');

  assert.equal((await fetch(`${BASE}/api/v1/events/${id}`)).status, 404);
  await page.goto(`${BASE}/e/${id}`);
  await page.waitForSelector('#event-not-found');
  assert.equal(await page.locator('#event-title').count(), 0);
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.waitForSelector('.list-panel[aria-busy="false"]');
  assert.equal(await page.locator(`.event-card[data-event-id="${id}"]`).count(), 0, 'not in the list');
  // The link is dead too.
  await page.goto(registered.edit_url);
  await page.waitForSelector('#link-invalid');
  assert.equal(await page.locator('#title').count(), 0);
  page.checkClean();
});

test('the group gets a new edit link; the old one stops working', async () => {
  const name = `Vigil with a new link ${Date.now()}`;
  const registered = await registerThroughApi(campaign, { title: name });
  const id = registered.event.id;
  const page = await newPage(browser);
  await page.goto(registered.edit_url);
  await page.waitForSelector('#title');
  assert.match(await page.textContent('.manage'), /old link stops working/);
  await page.fill('#title', name + ' (renamed)');
  await page.click('#new-edit-link');
  await page.waitForSelector('#new-link');
  const newUrl = await page.inputValue('#edit-url');
  assert.match(newUrl, new RegExp(`/edit/${id}#token=[A-Za-z0-9_-]{43}$`));
  assert.notEqual(newUrl, registered.edit_url);
  assert.ok(await page.isVisible('#copy-edit-url'));
  assert.ok(await page.isVisible('#new-link >> text=shown only this once'));
  await axe(page, 'edit page with a new link');
  await screenshot(page, 'edit-new-link-desktop');
  // The page keeps working with the new token, and the edit in progress is kept.
  assert.equal(await page.inputValue('#title'), name + ' (renamed)');
  await page.click('#submit');
  await page.waitForSelector('#saved');
  assert.equal((await api(`/api/v1/events/${id}`)).title, name + ' (renamed)');

  const old = await newPage(browser);
  await old.goto(registered.edit_url);
  await old.waitForSelector('#link-invalid');
  assert.equal(await old.locator('#title').count(), 0, 'the old link opens no form');
  const fresh = await newPage(browser);
  await fresh.goto(newUrl);
  await fresh.waitForSelector('#title');
  assert.equal(await fresh.inputValue('#title'), name + ' (renamed)');
  assert.equal(await fresh.inputValue('#contact_email'), 'circle@example.org');
  page.checkClean();
  old.checkClean();
  fresh.checkClean();
});
