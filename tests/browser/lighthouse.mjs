// Lighthouse (mobile, its default throttling) on the campaign home and on
// /register, against a server with the demo campaign; prints the figures
// beside the targets. Run by `cargo xtask bench` with BASE_URL and
// LIGHTHOUSE (the CLI, installed by xtask outside the web app's packages).
import { execFileSync } from 'node:child_process';

const base = process.env.BASE_URL;
const cli = process.env.LIGHTHOUSE;
const TARGET_SCORE = 90;
const TARGET_LCP_MS = 2500;

const rows = [];
for (const path of ['/', '/register']) {
  const out = execFileSync(cli, [
    base + path,
    '--only-categories=performance',
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox',
  ], { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
  const report = JSON.parse(out.toString());
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  rows.push({
    path,
    score: Math.round(report.categories.performance.score * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    bytes: audit('total-byte-weight'),
  });
}
const ms = (v) => `${(v / 1000).toFixed(1)} s`;
console.log(`\nLighthouse, mobile (default throttling); target: score ≥ ${TARGET_SCORE}, LCP < ${ms(TARGET_LCP_MS)}`);
console.log('page'.padEnd(12) + 'score'.padStart(7) + 'FCP'.padStart(8) + 'LCP'.padStart(8) +
  'TBT'.padStart(9) + 'CLS'.padStart(7) + 'bytes'.padStart(11) + '   targets met');
for (const r of rows) {
  const met = r.score >= TARGET_SCORE && r.lcp < TARGET_LCP_MS ? 'yes' : 'NO';
  console.log(r.path.padEnd(12) + String(r.score).padStart(7) + ms(r.fcp).padStart(8) +
    ms(r.lcp).padStart(8) + `${Math.round(r.tbt)} ms`.padStart(9) + r.cls.toFixed(3).padStart(7) +
    `${Math.round(r.bytes / 1024)} KB`.padStart(11) + `   ${met}`);
}
