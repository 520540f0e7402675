// pa11y with HTML_CodeSniffer (WCAG 2 AA) on the public pages, in English
// and in Persian: no error. Puppeteer (pa11y's driver) runs Debian's
// Chromium, never a browser of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BASE, currentCampaign, registerPicket } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'frontend', 'package.json'));
const pa11y = require('pa11y');
const puppeteer = createRequire(require.resolve('pa11y'))('puppeteer');

const CHROME_LAUNCH_CONFIG = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

let browser;
let campaign;
let eventId;

before(async () => {
  browser = await puppeteer.launch(CHROME_LAUNCH_CONFIG);
  campaign = await currentCampaign();
  eventId = (await registerPicket(campaign)).event.id;
});
after(async () => browser?.close());

/// The pages, each with the element that tells it has loaded its data.
function pages() {
  return [
    ['home', '/', ['#events-map .leaflet-marker-icon', '.event-card']],
    ['register', '/register', ['#title']],
    ['event page', `/e/${eventId}`, ['#event-title']],
    ['embed', `/embed/${campaign.slug}`, ['#events-map .leaflet-marker-icon', '.event-card']],
    ['sign the call', `/c/${campaign.slug}/endorse`, ['#endorse-form']],
    ['endorsements', `/c/${campaign.slug}/endorsements`, ['#endorsement-list, #no-endorsements']],
    ['organisers\' login', '/organise/login', ['#login-form']],
  ];
}

/// pa11y's errors on `pathname` in `lang` (the app's remembered language).
async function audit(pathname, lang, ready) {
  const page = await browser.newPage();
  try {
    await page.evaluateOnNewDocument((code) => localStorage.setItem('doa-lang', code), lang);
    const results = await pa11y(BASE + pathname, {
      browser,
      page,
      standard: 'WCAG2AA',
      runners: ['htmlcs'],
      timeout: 60000,
      viewport: { width: 1280, height: 860 },
      actions: [
        `wait for element html[lang="${lang}"] to be added`,
        ...ready.map((selector) => `wait for element ${selector} to be added`),
      ],
    });
    return results.issues
      .filter((i) => i.type === 'error')
      .map((i) => ({ code: i.code, selector: i.selector, message: i.message, context: i.context }));
  } finally {
    await page.close();
  }
}

for (const lang of ['en', 'fa']) {
  test(`pa11y (HTML_CodeSniffer, WCAG 2 AA) finds no error on the public pages in ${lang}`, async () => {
    const found = {};
    for (const [name, pathname, ready] of pages()) {
      const errors = await audit(pathname, lang, ready);
      if (errors.length > 0) found[`${name} (${pathname})`] = errors;
    }
    assert.deepEqual(found, {}, `pa11y errors in ${lang}: ${JSON.stringify(found, null, 1)}`);
  });
}
