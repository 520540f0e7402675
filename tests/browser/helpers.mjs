// Shared set-up of the browser suite: headless Chromium (Debian's, never a
// downloaded one) driven by playwright-core, axe-core injected from npm.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.join(here, '..', '..', 'frontend');
const require = createRequire(path.join(frontend, 'package.json'));
const { chromium } = require('playwright-core');

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const ARTIFACTS = process.env.ARTIFACTS ?? path.join(here, '..', '..', 'test-artifacts');
const AXE = path.join(frontend, 'node_modules', 'axe-core', 'axe.min.js');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/// A page whose every request must go to our own server: anything else fails the test.
export async function newPage(browser, { viewport = DESKTOP, geolocation, locale = 'en-GB', timezoneId = 'Europe/London' } = {}) {
  const context = await browser.newContext({
    viewport,
    locale,
    timezoneId,
    geolocation,
    permissions: geolocation ? ['geolocation', 'clipboard-read', 'clipboard-write'] : ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(BASE) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('Failed to load resource')) errors.push(m.text());
  });
  page.checkClean = () => {
    assert.deepEqual(foreign, [], 'the page loaded something from another origin');
    assert.deepEqual(errors, [], 'the page logged errors');
  };
  return page;
}

export async function axe(page, label) {
  // Evaluated through the driver, so the page's strict CSP (no inline
  // scripts) stays on and is tested too.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(result, [], `axe-core violations on ${label}: ${JSON.stringify(result, null, 1)}`);
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

export async function api(pathname, init) {
  const r = await fetch(BASE + pathname, init);
  assert.ok(r.ok, `${pathname}: ${r.status}`);
  return r.json();
}

export async function currentCampaign() {
  const { campaigns } = await api('/api/v1/campaigns');
  return campaigns[0];
}

/// Waits for the first cards of the list.
export async function waitForList(page) {
  await page.waitForSelector('.event-card', { timeout: 20000 });
}

/// Registers an action through the API in the city `city` (a gazetteer
/// search), a little off its centre, on the campaign's first day; returns
/// the 201 body ({event, edit_token, edit_url}). `fields` override the body.
export async function registerThroughApi(campaign, { city = 'Berlin', ...fields } = {}) {
  const { places } = await api(`/api/v1/places?q=${encodeURIComponent(city)}&limit=1`);
  const place = places[0];
  assert.ok(place, `no place ${city}`);
  return api(`/api/v1/campaigns/${campaign.slug}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Vigil ${Date.now()}`,
      kind: 'vigil',
      organiser_name: 'Berlin solidarity circle',
      contact_email: 'circle@example.org',
      city: place.name,
      country_code: place.country_code,
      place_id: place.place_id,
      address: 'Pariser Platz',
      latitude: place.latitude + 0.002,
      longitude: place.longitude + 0.002,
      local_start: `${campaign.starts_on}T18:00`,
      local_end: `${campaign.starts_on}T19:00`,
      language: 'en',
      location_visibility: 'exact',
      ...fields,
    }),
  });
}

/// The action a Gothenburg group registers in the form test, registered
/// through the API instead: a picket on the first day, 14:00 to 16:00.
export async function registerPicket(campaign, title = `Solidarity picket ${Date.now()}`) {
  return registerThroughApi(campaign, {
    city: 'Gothenburg',
    title,
    kind: 'picket',
    description: 'Outside the consulate. Bring placards.',
    organiser_name: 'Gothenburg solidarity group',
    contact_email: 'group@example.org',
    address: 'Järntorget',
    local_start: `${campaign.starts_on}T14:00`,
    local_end: `${campaign.starts_on}T16:00`,
  });
}

/// Cancels an action through the API with its edit token.
export async function cancelThroughApi(registered) {
  return api(`/api/v1/events/${registered.event.id}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registered.edit_token}` },
  });
}
