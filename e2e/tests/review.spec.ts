import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_URL } from '../env.js';
import { signInCookie, signedInContext, startChairs, type Chairs } from '../support.js';

const started: Chairs[] = [];
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

interface ReadingJson {
  id: number;
  vital: string;
  measuredAt: number;
}

async function api<T>(cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E_URL}${path}`, {
    method,
    headers: {
      cookie,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Splits one CSV line, honouring quotes (the exports quote fields with commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** Points a recharts line path draws: one M or L command each. */
async function pathPoints(page: Page, chart: string): Promise<number> {
  const d = await page.getByTestId(chart).locator('.review-line path.recharts-curve').first().getAttribute('d');
  return (d ?? '').match(/[ML]/g)?.length ?? 0;
}

test('a reviewer finds an ended session, zooms in to the exact readings, exports it and prints it', async ({
  browser,
}) => {
  // The reviewed chair streams fast (40 readings a second per vital) so that a short test has
  // as many readings as a twenty-minute session: more than the charts have pixels.
  const reviewed = await startChairs(1, 606, {
    rateHz: 40,
    events: [[{ type: 'desaturation', atSec: 2, durationSec: 22 }]],
  });
  started.push(reviewed);
  started.push(await startChairs(1, 607));
  const chair = reviewed.provisioned[0];
  if (!chair) throw new Error('no chair');
  const { id } = chair.session;
  const nora = await signInCookie('nora');

  // Nora acknowledges the desaturation alarm live, as she would at the bedside.
  const context = await signedInContext(browser, 'nora');
  const page = await context.newPage();
  await page.goto(`/sessions/${id}`);
  const spo2Alarm = page.getByTestId('alarm-row').filter({ hasText: /SpO2 \d+ < 90/ });
  await expect(spo2Alarm).toBeVisible({ timeout: 45_000 });
  await spo2Alarm.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(spo2Alarm).toHaveAttribute('data-acknowledged', 'true');

  // Enough readings that the whole session cannot be drawn one reading per pixel.
  await expect
    .poll(async () => (await api<ReadingJson[]>(nora, 'GET', `/api/sessions/${id}/readings?limit=100000`)).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(6 * 1400);
  await api(nora, 'POST', `/api/sessions/${id}/transition`, { to: 'recovery' });
  await api(nora, 'POST', `/api/sessions/${id}/transition`, { to: 'ended-early', reason: 'E2E review: ended early' });
  await reviewed.stop();
  const readings = await api<ReadingJson[]>(nora, 'GET', `/api/sessions/${id}/readings?limit=100000`);

  // Find it by the patient's name.
  await page.getByRole('link', { name: 'Review' }).click();
  await page.getByLabel('Patient name or MRN').fill(chair.session.patient.displayName);
  await page.getByRole('button', { name: 'Search' }).click();
  const result = page.getByTestId('review-result').filter({ hasText: chair.session.location });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('Ended early');
  await page.screenshot({ path: 'screenshots/review-search-1280.png' });
  await result.getByRole('link', { name: /Open the record/ }).click();

  await expect(page.getByTestId('review-header')).toContainText(chair.session.patient.displayName);
  await expect(page.getByTestId('review-mrn')).toHaveText(chair.session.patient.mrn);
  // The whole session, downsampled, and saying so.
  const resolution = page.getByTestId('review-resolution');
  await expect(resolution).toHaveText(/Downsampled: min\/max per [\d.]+ m?s/);
  const hrChart = page.getByTestId('review-chart-hr');
  await expect(hrChart).toHaveAttribute('data-resolution', 'downsampled');
  await expect(hrChart.locator('.review-band--hr path').first()).toBeAttached();
  // The alarm log: raised, priority, acknowledged by Nora after some seconds.
  const alarmRow = page.getByTestId('alarm-log-row').filter({ hasText: /SpO2/ }).filter({ hasText: 'Nora Nurse' });
  await expect(alarmRow.first()).toContainText(/after \d+ s/);
  await expect(page.getByTestId('charted-entry').filter({ hasText: 'E2E review: ended early' })).toHaveCount(1);
  await expect(
    page.getByTestId('session-audit').getByTestId('audit-row').filter({ hasText: 'State changed' }),
  ).toHaveCount(2);
  await expect(page.getByTestId('summary-row').filter({ hasText: 'Oxygen' })).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'screenshots/review-session-1280.png', fullPage: true });
  expect(await seriousViolations(page), 'axe on the review page').toEqual([]);

  // Zoom in: drag across a tenth of the heart-rate chart.
  const drag = hrChart.getByTestId('review-drag');
  const box = await drag.boundingBox();
  if (!box) throw new Error('no chart');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(resolution).toHaveText('Exact readings');
  await expect(hrChart).toHaveAttribute('data-resolution', 'exact');
  const timeline = page.getByTestId('review-timeline');
  await expect(timeline).toHaveAttribute('data-loading', 'false');
  const from = Number(await timeline.getAttribute('data-from'));
  const to = Number(await timeline.getAttribute('data-to'));
  expect(to - from).toBeLessThan(20_000);
  // The chart draws every heart-rate reading of the stretch, one point each.
  const hrInRange = readings.filter((r) => r.vital === 'hr' && r.measuredAt >= from && r.measuredAt <= to).length;
  expect(hrInRange).toBeGreaterThan(100);
  await expect(hrChart).toHaveAttribute('data-points', String(hrInRange));
  expect(await pathPoints(page, 'review-chart-hr')).toBe(hrInRange);
  // Pointing at the chart reads out the reading under the cursor.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await expect(hrChart.getByTestId('review-readout')).toContainText(/HR \d+$/);
  await page.screenshot({ path: 'screenshots/review-zoomed-1280.png' });
  await page.getByRole('button', { name: 'Whole session' }).click();
  await expect(resolution).toHaveText(/Downsampled/);

  // Export the readings as CSV: the file the server names, every reading in it.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-readings-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^session-[\w-]+-readings\.csv$/);
  const path = await download.path();
  const lines = (await readFile(path, 'utf8')).trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^reading_id,measured_at,vital,/);
  const header = csvFields(lines[0] ?? '');
  const rows = lines.slice(1).map(csvFields);
  expect(rows).toHaveLength(readings.length);
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  expect(new Set(rows.map((r) => Number(r[0])))).toEqual(new Set(readings.map((r) => r.id)));

  // The other two exports are links to files too.
  await expect(page.getByTestId('export-events-csv')).toHaveAttribute('download', '');
  await expect(page.getByTestId('export-fhir')).toHaveAttribute('href', `/api/sessions/${id}/export/fhir.json`);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(timeline).toHaveAttribute('data-loading', 'false');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'screenshots/review-session-1920.png' });

  // Print: a clean document; no menu, no buttons; the charts and tables kept.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.top-bar')).toBeHidden();
  await expect(page.getByTestId('export-readings-csv')).toBeHidden();
  await expect(page.getByTestId('review-chart-spo2')).toBeVisible();
  // The charts are redrawn at the paper's width, not shrunk with their lettering.
  await expect(page.getByTestId('review-chart-spo2').locator('svg.recharts-surface')).toHaveAttribute('width', '700');
  await expect(page.getByTestId('alarm-log')).toBeVisible();
  await page.screenshot({ path: 'screenshots/review-print-media.png', fullPage: true });
  await page.pdf({ path: 'screenshots/review-report.pdf', format: 'A4', printBackground: true });
  await context.close();
});

test('an administrator manages accounts and monitors and reads the audit log; a nurse has no admin page', async ({
  browser,
}) => {
  const nurse = await signedInContext(browser, 'nora');
  const nursePage = await nurse.newPage();
  await nursePage.goto('/review');
  await expect(nursePage.getByRole('link', { name: 'Review' })).toBeVisible();
  await expect(nursePage.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await nursePage.goto('/admin');
  // Other chairs' escalations may also be on screen as alerts: look for this one.
  await expect(nursePage.getByRole('alert').filter({ hasText: 'Only an administrator' })).toBeVisible();
  await nurse.close();

  const context = await signedInContext(browser, 'admin');
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Admin' }).click();
  const users = page.getByTestId('admin-users');
  await expect(users.getByTestId('user-row').filter({ hasText: 'Carla Charge' })).toContainText('Charge nurse');

  // A refused form says why, next to the field.
  const form = page.getByTestId('new-user-form');
  await form.getByLabel('Name shown to colleagues').fill('Rita Reviewer');
  await form.getByLabel('Username').fill('nora');
  await form.getByLabel('Role').selectOption('charge');
  await form.getByLabel('First password').fill('short');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByTestId('field-error')).toHaveText([/at least 10 characters/]);
  await form.getByLabel('First password').fill('a long enough passphrase');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByTestId('field-error')).toHaveText([/nora is taken/]);
  const username = `rita${Date.now() % 100000}`;
  await form.getByLabel('Username').fill(username);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(users.getByTestId('user-row').filter({ hasText: username })).toContainText('Charge nurse');

  // A monitor's token is shown once, with the warning.
  const monitors = page.getByTestId('admin-monitors');
  await monitors.getByLabel('Label').fill('E2E review monitor');
  await monitors.getByRole('button', { name: 'Register monitor' }).click();
  await expect(monitors.getByTestId('device-token')).toHaveText(/\S{20,}/);
  await expect(monitors.getByTestId('device-token-panel')).toContainText('shown this once');
  await expect(monitors.getByTestId('device-row').filter({ hasText: 'E2E review monitor' })).toHaveCount(1);
  await page.screenshot({ path: 'screenshots/admin-1280.png', fullPage: true });
  expect(await seriousViolations(page), 'axe on the admin page').toEqual([]);
  await monitors.getByRole('button', { name: 'I have copied it' }).click();
  await expect(monitors.getByTestId('device-token')).toHaveCount(0);

  // The audit log has both, newest first.
  const audit = page.getByTestId('admin-audit');
  await audit.getByRole('button', { name: 'Refresh' }).click();
  await expect(audit.getByTestId('audit-row').first()).toContainText('Monitor registered');
  await expect(audit.getByTestId('audit-row').filter({ hasText: `username: ${username}` })).toContainText(
    'User created',
  );
  await context.close();
});
