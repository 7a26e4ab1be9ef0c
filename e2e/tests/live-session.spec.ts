import { expect, test } from '@playwright/test';
import { signedInContext, startChairs, type Chairs } from '../support.js';

let chairs: Chairs;
test.afterEach(async () => {
  await chairs?.stop();
});

test('a nurse watches a simulated session live, and a desaturation puts the alarm on screen', async ({ browser }) => {
  chairs = await startChairs(2, 101);
  const [watched] = chairs.provisioned;
  if (!watched) throw new Error('no chair');
  const monitor = chairs.monitors[0];
  const context = await signedInContext(browser, 'nora');
  const page = await context.newPage();

  await page.goto('/');
  const row = page.getByTestId('session-row').filter({ hasText: watched.session.patient.displayName });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('session-view')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText(/live/i);

  // The big numbers follow the monitor: what it sent last is on screen within a few seconds.
  const hrValue = page.getByTestId('vital-value-hr');
  await expect(hrValue).toHaveText(/^\d{2,3}$/);
  const seen = new Set<string>();
  for (let i = 0; i < 6 && seen.size < 2; i++) {
    seen.add((await hrValue.textContent()) ?? '');
    await page.waitForTimeout(1000);
  }
  expect(seen.size, 'the HR value changes as readings arrive').toBeGreaterThan(1);
  // The charts draw the readings: a line path with many points.
  const hrLine = page.getByTestId('chart-hr').locator('path.vital-chart__line').first();
  await expect(hrLine).toHaveAttribute('d', /(L[^L]*){3,}/);
  await expect(page.getByTestId('alarm-banner')).toHaveCount(0);

  monitor?.trigger({ type: 'desaturation', durationSec: 90 });
  const banner = page.getByTestId('alarm-banner');
  // SpO2 crosses 92 about 5 s after onset; the 15 s SpO2 delay then runs out.
  await expect(banner).toBeVisible({ timeout: 45_000 });
  await expect(banner.getByTestId('alarm-row').filter({ hasText: /SpO2 \d+ < 9[02]/ })).toBeVisible();
  await page.screenshot({ path: 'screenshots/session-alarm-1280.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(banner.getByTestId('alarm-row').filter({ hasText: /SpO2/ })).toBeVisible();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '../docs/screenshots/session-alarm.png' });
  await context.close();
});
