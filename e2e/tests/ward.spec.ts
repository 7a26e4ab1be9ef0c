import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signedInContext, startChairs, type Chairs } from '../support.js';

let chairs: Chairs;
test.afterEach(async () => {
  await chairs?.stop();
});

/** Serious and critical accessibility violations on the page as it stands. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** The tiles in screen order, with their rank (0 = unacknowledged high … 5 = quiet). */
function tileOrder(page: Page) {
  return page
    .getByTestId('ward-tile')
    .evaluateAll((tiles) => tiles.map((t) => ({ id: t.dataset.sessionId ?? '', rank: Number(t.dataset.rank) })));
}

test('the ward view: alarm order, acknowledging from a tile, keyboard, a stale chair, accessibility', async ({
  browser,
}) => {
  // Chair 2 desaturates 5 s in and stays down; the others stay quiet.
  chairs = await startChairs(4, 707, {
    events: [[], [{ type: 'desaturation', atSec: 5, durationSec: 600 }], [], []],
  });
  const [quiet, alarming, stopping, other] = chairs.provisioned.map((p) => p.session.id);
  if (!quiet || !alarming || !stopping || !other) throw new Error('chairs missing');
  const context = await signedInContext(browser, 'nora', { width: 1920, height: 1080 });
  // Counts alarm tone pulses, to see the ward sound for a new alarm.
  await context.addInitScript(() => {
    const w = window as unknown as { __pulses: number };
    w.__pulses = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      const osc = create.call(this);
      const start = osc.start.bind(osc);
      osc.start = (when?: number) => {
        w.__pulses++;
        start(when);
      };
      return osc;
    };
  });
  const page = await context.newPage();
  const tile = (id: string) => page.locator(`[data-testid="ward-tile"][data-session-id="${id}"]`);

  // Reached from the session list.
  await page.goto('/');
  await page.getByTestId('open-ward').click();
  await expect(page).toHaveURL(/\/ward$/);
  for (const id of [quiet, alarming, stopping, other]) {
    await expect(tile(id).getByTestId('ward-value-hr')).toHaveText(/^\d{2,3}$/);
    await expect(tile(id).getByTestId('ward-value-bp')).toHaveText(/^\d{2,3}\/\d{2,3}$/);
    await expect(tile(id).locator('polyline').first()).toHaveAttribute('points', /( [\d.]+,[\d.]+){3,}/);
  }
  await expect(tile(quiet).getByTestId('ward-tile-age')).toHaveText(/^Newest reading \d+ s ago$/);

  // The desaturating chair alarms, sounds once on this screen, and moves ahead of the quiet ones.
  await expect(tile(alarming)).toHaveAttribute('data-alarm', 'unacknowledged', { timeout: 45_000 });
  await expect(tile(alarming).getByTestId('ward-tile-alarm')).toContainText(/(SpO2 \d+ < 9[02])|(RR \d+ < (10|8))/);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __pulses: number }).__pulses)).toBeGreaterThan(0);
  const order = await tileOrder(page);
  const ranks = order.map((t) => t.rank);
  expect(ranks, 'tiles in order of alarm urgency').toEqual([...ranks].sort((a, b) => a - b));
  const at = (id: string) => order.findIndex((t) => t.id === id);
  for (const id of [quiet, stopping, other]) expect(at(alarming)).toBeLessThan(at(id));
  expect(at(quiet)).toBeLessThan(at(stopping));

  await expect(tile(alarming)).toHaveAttribute('data-priority', 'high', { timeout: 30_000 });
  await page.screenshot({ path: 'screenshots/ward-1920.png' });
  expect(await seriousViolations(page), 'axe on the ward view').toEqual([]);

  // Acknowledged from the tile, by button…
  await tile(alarming)
    .getByRole('button', { name: /^Acknowledge/ })
    .click();
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/sessions/${alarming}/alarm-events`);
      const log = (await res.json()) as { type: string; by: string | null }[];
      return log.some((e) => e.type === 'acknowledged' && e.by === 'Nora Nurse');
    })
    .toBe(true);
  // …and by the A key on the focused tile, until nothing waits (RR may alarm as well as SpO2).
  await tile(alarming).locator('[data-ward-tile-link]').focus();
  await expect(async () => {
    if ((await tile(alarming).getAttribute('data-alarm')) !== 'acknowledged') await page.keyboard.press('a');
    await expect(tile(alarming)).toHaveAttribute('data-alarm', 'acknowledged', { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await expect(tile(alarming).getByTestId('ward-tile-alarm')).toContainText(/Ack.d Nora Nurse \d\d:\d\d/);
  await expect(tile(alarming).getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);

  // Keyboard: arrows move between tiles in screen order, Enter opens the live view. (A tile
  // may move while this runs, when some chair's alarm changes: a step is then tried again.)
  const focusedTile = () =>
    page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-testid="ward-tile"]')?.dataset.sessionId);
  const columns = Number(await page.getByTestId('ward-grid').getAttribute('data-columns'));
  const step = (from: number, key: string, to: (last: number) => number) =>
    expect(async () => {
      const order = await tileOrder(page);
      await page.getByTestId('ward-tile').nth(from).locator('[data-ward-tile-link]').focus();
      await page.keyboard.press(key);
      expect(await focusedTile(), `${key} from tile ${from}`).toBe(order[to(order.length - 1)]?.id);
    }).toPass({ timeout: 10_000 });
  await step(0, 'ArrowRight', () => 1);
  await step(1, 'ArrowLeft', () => 0);
  await step(0, 'ArrowDown', (last) => (columns <= last ? columns : 0));
  await step(0, 'End', (last) => last);
  await step(2, 'Home', () => 0);
  await page.screenshot({ path: 'screenshots/ward-keyboard-1920.png' });
  const target = await focusedTile();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/sessions/${target}$`));
  await expect(page.getByTestId('session-view')).toBeVisible();
  await expect(page.getByTestId('vital-value-hr')).toHaveText(/^\d{2,3}$/);
  expect(await seriousViolations(page), 'axe on the session live view').toEqual([]);

  // A chair whose monitor stops goes stale: greyed values, "STALE · n s".
  await page.goBack();
  await expect(page.getByTestId('ward')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await chairs.monitors[2]?.stop();
  await expect(tile(stopping).getByTestId('ward-tile-age')).toHaveText(/^STALE · \d+ s$/, { timeout: 25_000 });
  await expect(tile(stopping)).toHaveAttribute('data-stale', 'true');
  await expect(tile(stopping).getByTestId('ward-vital-hr')).toHaveAttribute('data-stale', 'true');
  await expect(tile(quiet)).toHaveAttribute('data-stale', 'false');
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'screenshots/ward-1280.png' });
  expect(await seriousViolations(page), 'axe on the ward with a stale chair').toEqual([]);
  await context.close();
});
