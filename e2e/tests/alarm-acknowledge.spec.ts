import { expect, test } from '@playwright/test';
import { signedInContext, startChairs, type Chairs } from '../support.js';

let chairs: Chairs;
test.afterEach(async () => {
  await chairs?.stop();
});

test('one nurse acknowledges an alarm; another nurse sees it acknowledged by her, live', async ({ browser }) => {
  chairs = await startChairs(1, 202);
  const [chair] = chairs.provisioned;
  if (!chair) throw new Error('no chair');
  const nora = await (await signedInContext(browser, 'nora')).newPage();
  const nick = await (await signedInContext(browser, 'nick')).newPage();
  for (const page of [nora, nick]) {
    await page.goto(`/sessions/${chair.session.id}`);
    await expect(page.getByTestId('connection-status')).toHaveText(/live/i);
  }
  chairs.monitors[0]?.trigger({ type: 'desaturation', durationSec: 120 });

  const spo2Row = (page: typeof nora) => page.getByTestId('alarm-row').filter({ hasText: /SpO2 \d+ < 9[02]/ });
  await expect(spo2Row(nora)).toBeVisible({ timeout: 45_000 });
  await expect(spo2Row(nick)).toBeVisible();
  await expect(spo2Row(nick)).toHaveAttribute('data-acknowledged', 'false');

  await spo2Row(nora).getByRole('button', { name: 'Acknowledge' }).click();
  await expect(spo2Row(nick)).toHaveAttribute('data-acknowledged', 'true');
  await expect(spo2Row(nick)).toContainText(/Ack.d by Nora Nurse \d\d:\d\d/);
  await expect(spo2Row(nick).getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

  // The acknowledgement is in the session's alarm log with who and when.
  const events = await nick.request.get(`/api/sessions/${chair.session.id}/alarm-events`);
  const log = (await events.json()) as { type: string; by: string | null }[];
  expect(log).toContainEqual(expect.objectContaining({ type: 'acknowledged', by: 'Nora Nurse' }));
});
