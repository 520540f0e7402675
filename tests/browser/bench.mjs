// The web app's size and speed (a benchmark, not a test): the compressed size
// of everything the page loads, and the time from navigation to the first
// list render with 1,000 and with 10,000 actions, in headless Chromium.
import { launch, newPage, api, BASE } from './helpers.mjs';

const RUNS = 5;

async function fill(slug, count) {
  const { places } = await api('/api/v1/places?q=a&limit=50');
  const cities = [];
  for (const q of ['a', 'b', 'c', 'd', 'k', 'm', 'p', 's', 't']) {
    cities.push(...(await api(`/api/v1/places?q=${q}&limit=50`)).places);
  }
  const campaign = await api(`/api/v1/campaigns/${slug}`);
  const have = campaign.stats.events;
  let next = have;
  let failed = 0;
  const started = Date.now();
  async function worker() {
    while (next < count) {
      const n = next++;
      const city = cities[n % cities.length] ?? places[0];
      const hour = String(8 + (n % 12)).padStart(2, '0');
      const body = {
        title: `Action ${n} in ${city.name}`,
        kind: ['rally', 'vigil', 'march', 'picket'][n % 4],
        organiser_name: `Group ${n}`,
        contact_email: `g${n}@example.org`,
        place_id: city.place_id,
        local_start: `${campaign.starts_on}T${hour}:00`,
      };
      const r = await fetch(`${BASE}/api/v1/campaigns/${slug}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status !== 201) failed++;
      if (n % 2000 === 0) console.log(`  ${slug}: ${n} / ${count} actions`);
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(`  ${slug}: ${count - have} registered in ${((Date.now() - started) / 1000).toFixed(1)} s (${failed} refused)`);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function measure(browser, slug, count) {
  const times = [];
  let sizes = null;
  for (let run = 0; run < RUNS; run++) {
    const page = await newPage(browser);
    const loaded = [];
    page.on('requestfinished', async (req) => {
      const s = await req.sizes().catch(() => null);
      if (s) loaded.push({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize });
    });
    // Note the moment the first card enters the document (a busy main thread
    // would delay a poll from outside, not the render itself).
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.event-card')) {
          window.__firstCard = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${BASE}/c/${slug}`);
    await page.waitForSelector('.event-card', { timeout: 60000 });
    times.push(await page.evaluate(() => window.__firstCard));
    if (run === 0) {
      // Let the page finish loading (every page of events, the map shapes).
      await page.waitForSelector('.list-panel[aria-busy="false"]', { timeout: 120000 });
      await page.waitForTimeout(1500);
      sizes = loaded;
    }
    await page.context().close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`first list render, ${count.toLocaleString('en')} actions: median ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)${count >= 10000 ? `; target < 500 ms: ${median < 500 ? 'yes' : 'NO'}` : ''}`);
  return sizes;
}

const browser = await launch();
console.log('loading bench campaigns through the API…');
await fill('bench-1k', 1000);
await fill('bench-10k', 10000);
const sizes = await measure(browser, 'bench-1k', 1000);
await measure(browser, 'bench-10k', 10000);
const groups = { wasm: 0, 'js (app + Leaflet + topojson)': 0, css: 0, 'html': 0, 'map data (country shapes)': 0, 'map points (1,000 actions)': 0, 'other api json (list pages)': 0 };
for (const { url, bytes } of sizes) {
  if (url.endsWith('.wasm')) groups.wasm += bytes;
  else if (url.endsWith('.js')) groups['js (app + Leaflet + topojson)'] += bytes;
  else if (url.endsWith('.css')) groups.css += bytes;
  else if (url.includes('/world-atlas/countries-')) groups['map data (country shapes)'] += bytes;
  else if (url.includes('/points')) groups['map points (1,000 actions)'] += bytes;
  else if (url.includes('/api/')) groups['other api json (list pages)'] += bytes;
  else groups.html += bytes;
}
console.log('\ncompressed size of what the page loads (as transferred, headers included):');
for (const [k, v] of Object.entries(groups)) console.log(`  ${k.padEnd(34)} ${kb(v)}`);
const app = groups.wasm + groups['js (app + Leaflet + topojson)'] + groups.css + groups.html;
console.log(`  ${'total without map data and API'.padEnd(34)} ${kb(app)}  (target < 500 KB)`);
await browser.close();
