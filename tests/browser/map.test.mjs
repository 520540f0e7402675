// The map's pins and clusters have names a screen reader can say, in the
// interface language, and targets large enough to hit (WCAG 2.2: 24 × 24 px).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, axe, api, currentCampaign, registerPicket, waitForList, BASE } from './helpers.mjs';

let browser;
let campaign;

before(async () => {
  browser = await launch();
  campaign = await currentCampaign();
});
after(async () => browser?.close());

/// name, size and kind of every icon on the events map.
async function icons(page) {
  return page.locator('#events-map .leaflet-marker-icon').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        cluster: el.classList.contains('marker-cluster'),
        role: el.getAttribute('role'),
        label: el.getAttribute('aria-label') ?? '',
        count: el.textContent.trim(),
        width: r.width,
        height: r.height,
      };
    }));
}

test('map pins and clusters have accessible names and 24 px targets', async () => {
  const title = `Solidarity picket ${Date.now()}`;
  const { event } = await registerPicket(campaign, title);
  const page = await newPage(browser);
  await page.goto(BASE + '/');
  await waitForList(page);
  await page.waitForSelector('#events-map .marker-cluster', { timeout: 20000 });
  const world = await icons(page);
  assert.ok(world.some((i) => i.cluster), 'clusters at the world view');
  for (const icon of world) {
    assert.ok(icon.label.trim().length > 0, `an icon without a name: ${JSON.stringify(icon)}`);
    assert.ok(icon.width >= 24 && icon.height >= 24, `a target under 24 px: ${JSON.stringify(icon)}`);
    if (icon.cluster) assert.equal(icon.label, `${icon.count} actions, zoom in`);
  }
  await axe(page, 'campaign home with the map drawn');

  // Zoomed in on our action (the card's map button): its pin is named by
  // title, city and local time.
  await page.fill('#filter-text', title);
  const card = page.locator(`.event-card[data-event-id="${event.id}"]`);
  await card.waitFor();
  await card.locator('button').click();
  await page.waitForSelector('.leaflet-popup-content .popup-title');
  const pin = page.locator(`#events-map .event-pin[aria-label^="${title}"]`);
  await pin.waitFor();
  const label = await pin.getAttribute('aria-label');
  assert.match(label, /Gothenburg/);
  assert.match(label, /14:00/);
  const box = await pin.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `pin of ${box.width} × ${box.height}`);
  assert.equal(await page.getAttribute('.leaflet-control-zoom-in', 'aria-label'), 'Zoom in');
  page.checkClean();
});

test('in Persian the map names its clusters and controls in Persian', async () => {
  const page = await newPage(browser, { locale: 'fa-IR' });
  await page.goto(BASE + '/');
  await page.waitForFunction(() => document.documentElement.lang === 'fa');
  await waitForList(page);
  await page.waitForSelector('#events-map .marker-cluster', { timeout: 20000 });
  for (const icon of (await icons(page)).filter((i) => i.cluster)) {
    assert.ok(icon.label.length > 0, 'a cluster without a name');
    assert.doesNotMatch(icon.label, /actions|zoom/i, `an English name: ${icon.label}`);
    assert.match(icon.label, /[۰-۹]/, `the count in Persian digits: ${icon.label}`);
  }
  assert.doesNotMatch(await page.getAttribute('.leaflet-control-zoom-in', 'aria-label'), /Zoom/);
  await axe(page, 'campaign home in Persian with the map drawn');
  page.checkClean();
});

test('the map shows every action from one compact request, without waiting for the list', async () => {
  const { points } = await api(`/api/v1/campaigns/${campaign.slug}/points?include=cancelled`);
  assert.ok(points.length > 1, 'the campaign has actions to show');
  const page = await newPage(browser);
  const asked = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/campaigns/')) asked.push(new URL(r.url()).pathname);
  });
  // The list's pages never arrive: the map must not need them.
  await page.route('**/api/v1/campaigns/*/events?**', () => {});
  await page.goto(BASE + '/');
  await page.waitForSelector('#events-map .leaflet-marker-icon', { timeout: 20000 });
  // Every action is on the map: the pins and what the clusters count.
  const shown = async () => (await icons(page))
    .reduce((sum, i) => sum + (i.cluster ? Number(i.count.replace(/\D/g, '')) : 1), 0);
  let onMap = 0;
  for (let i = 0; i < 40 && onMap !== points.length; i++) {
    onMap = await shown();
    if (onMap !== points.length) await page.waitForTimeout(250);
  }
  assert.equal(onMap, points.length, 'every action on the map');
  assert.equal(await page.locator('.event-card').count(), 0, 'the list is still loading');
  assert.equal(asked.filter((p) => p.endsWith('/points')).length, 1, `one request for the points: ${asked}`);
  await page.context().close();
});
