// Cumulative layout shift while a page loads: nothing may move once it is
// drawn (the space of the list, map, counters and footer is kept from the
// first frame). Measured like Lighthouse: the sum of every `layout-shift`
// entry without recent input, until the page has settled. The API answers
// are held back a little, as on a slow phone network, so that the page is
// drawn before its data arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, BASE, PHONE, DESKTOP } from './helpers.mjs';

const LIMIT = 0.05;
const API_DELAY_MS = 400;

let browser;

before(async () => {
  browser = await launch();
});
after(async () => browser?.close());

/// A page that records its layout shifts, each with what moved.
async function recordingPage(viewport) {
  const page = await newPage(browser, { viewport });
  await page.addInitScript(() => {
    const describe = (node) => {
      if (!node || node.nodeType !== 1) return node ? node.nodeName : '(gone)';
      const id = node.id ? `#${node.id}` : '';
      const classes = [...node.classList].slice(0, 3).map((c) => `.${c}`).join('');
      return `${node.tagName.toLowerCase()}${id}${classes}`;
    };
    const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    window.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__layoutShifts.push({
          value: entry.value,
          at: Math.round(entry.startTime),
          sources: (entry.sources || []).map((s) => `${describe(s.node)} ${rect(s.previousRect)} → ${rect(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.route(/\/api\/v1\//, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, API_DELAY_MS));
    await route.continue();
  });
  return page;
}

/// The shifts so far, once nothing has moved for a second.
async function settledShifts(page) {
  let count = -1;
  for (let i = 0; i < 20; i += 1) {
    await page.waitForTimeout(1000);
    const now = await page.evaluate(() => window.__layoutShifts.length);
    if (now === count) break;
    count = now;
  }
  return page.evaluate(() => window.__layoutShifts);
}

function report(label, shifts) {
  const total = shifts.reduce((sum, s) => sum + s.value, 0);
  const detail = shifts.map((s) => `  ${s.value.toFixed(4)} at ${s.at} ms: ${s.sources.join('; ')}`).join('\n');
  console.log(`# layout shift on ${label}: ${total.toFixed(4)}\n${detail}`);
  return { total, detail };
}

async function homeShift(viewport) {
  const page = await recordingPage(viewport);
  await page.goto(BASE + '/');
  await page.waitForSelector('.event-card', { timeout: 20000 });
  await page.waitForSelector('.list-panel[aria-busy="false"]');
  await page.waitForSelector('#events-map .leaflet-marker-icon', { timeout: 20000 });
  await page.waitForSelector('#events-map svg path', { timeout: 20000 });
  return settledShifts(page);
}

test('the campaign home does not move while it loads, on a phone', async () => {
  const { total, detail } = report('home, phone', await homeShift(PHONE));
  assert.ok(total < LIMIT, `CLS ${total.toFixed(3)} on the home page (phone):\n${detail}`);
});

test('the campaign home does not move while it loads, on a desktop', async () => {
  const { total, detail } = report('home, desktop', await homeShift(DESKTOP));
  assert.ok(total < LIMIT, `CLS ${total.toFixed(3)} on the home page (desktop):\n${detail}`);
});

test('the registration form does not move while it loads', async () => {
  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const page = await recordingPage(viewport);
    await page.goto(BASE + '/register');
    await page.waitForSelector('#title');
    const { total, detail } = report(`register, ${name}`, await settledShifts(page));
    assert.ok(total < LIMIT, `CLS ${total.toFixed(3)} on /register (${name}):\n${detail}`);
  }
});
