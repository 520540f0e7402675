// What a supporter on a slow phone sees first: the server puts the campaign's
// call to action and counters in the first HTML, and the map library is
// only fetched when a map is about to be shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, currentCampaign, waitForList, BASE, DESKTOP } from './helpers.mjs';

let browser;

before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

test('the call to action and the counters are in the page before the app runs', async () => {
  const current = await currentCampaign();
  // Without JavaScript, the app never starts: all of this is the server's.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  assert.equal(await page.textContent('h1'), current.title);
  assert.equal(await page.title(), current.title);
  const counters = await page.textContent('#counters');
  assert.match(counters, new RegExp(`${current.stats.events}\\s*actions?`));
  assert.match(counters, new RegExp(`${current.stats.countries}\\s*countr`));
  assert.equal(await page.getAttribute('.cta .button.primary', 'href'), `/register?c=${current.slug}`);
  await context.close();

  // In Persian for a Persian browser, right to left.
  const persian = await browser.newContext({ javaScriptEnabled: false, locale: 'fa-IR' });
  const fa = await persian.newPage();
  await fa.goto(BASE + '/');
  assert.equal(await fa.getAttribute('html', 'dir'), 'rtl');
  assert.match(await fa.textContent('#counters'), /[۰-۹]/);
  await persian.close();
});

test('the app takes the call to action over: one hero, the same text, no copy left', async () => {
  const current = await currentCampaign();
  const page = await newPage(browser);
  // The hero as the server sent it, read before the app starts.
  await page.route(/\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
  const served = await page.locator('#first-paint-hero h1').boundingBox();
  assert.ok(served, 'the server hero is painted while the app loads');
  await waitForList(page);
  assert.equal(await page.locator('#first-paint').count(), 0);
  assert.equal(await page.locator('#first-paint-hero').count(), 0);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.locator('#counters').count(), 1);
  assert.equal(await page.textContent('h1'), current.title);
  const shown = await page.locator('.hero h1').boundingBox();
  assert.ok(Math.abs(shown.y - served.y) < 1 && Math.abs(shown.x - served.x) < 1,
    `the title stays in place: ${JSON.stringify(served)} then ${JSON.stringify(shown)}`);
  page.checkClean();
});

test('the map library is loaded when a map is shown, not before', async () => {
  const vendor = (page) => {
    const asked = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/vendor/')) asked.push(path);
    });
    return asked;
  };
  const form = await newPage(browser);
  const onForm = vendor(form);
  await form.goto(BASE + '/register');
  await form.waitForSelector('#title');
  await form.waitForLoadState('networkidle');
  assert.deepEqual(onForm, [], 'the form without a place has no map');
  // Choosing a city shows the pin map, and only then the library comes.
  await form.fill('#city', 'Göteb');
  await form.waitForSelector('#city-options li');
  await form.click('#city-options li');
  await form.waitForSelector('#pin-map .meeting-pin', { timeout: 20000 });
  assert.ok(onForm.includes('/vendor/leaflet/leaflet.js'));
  form.checkClean();

  const home = await newPage(browser);
  const onHome = vendor(home);
  await home.goto(BASE + '/');
  await home.waitForSelector('#events-map .leaflet-marker-icon', { timeout: 20000 });
  for (const file of ['/vendor/leaflet/leaflet.js', '/vendor/leaflet/leaflet.css', '/vendor/world-atlas/countries-110m.json']) {
    assert.ok(onHome.includes(file), `${file} in ${onHome.join(', ')}`);
  }
  // The detailed coasts only for a map zoomed in to a country.
  assert.ok(!onHome.includes('/vendor/world-atlas/countries-50m.json'));
  home.checkClean();
});
