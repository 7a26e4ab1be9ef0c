import { expect, test } from '@playwright/test';
import { E2E_URL } from '../env.js';
import { signedInContext, signInCookie, startChairs, type Chairs } from '../support.js';

let chairs: Chairs;
test.afterEach(async () => {
  await chairs?.stop();
});

test('a charge nurse changes a limit; a cleared alarm shows in recent alarms with who acknowledged it', async ({
  browser,
}) => {
  chairs = await startChairs(1, 311);
  const [chair] = chairs.provisioned;
  if (!chair) throw new Error('no chair');
  const sessionPath = `/sessions/${chair.session.id}`;

  const carla = await (await signedInContext(browser, 'carla')).newPage();
  await carla.goto(sessionPath);
  await expect(carla.getByTestId('connection-status')).toHaveText(/live/i);
  await expect(carla.getByTestId('vital-hr')).toContainText('↑120');
  await carla.getByTestId('change-limits').click();
  const form = carla.getByRole('form', { name: 'Change limits' });
  await expect(form.getByLabel('Upper medium')).toHaveValue('120');
  await form.getByLabel('Upper medium').fill('170');
  await form.getByLabel('Reason').fill('Patient anxious, resting HR high');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form.getByRole('alert')).toContainText('outside the safe range');
  await carla.screenshot({ path: 'screenshots/limits-refused.png' });
  await form.getByLabel('Upper medium').fill('130');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(carla.getByRole('status').filter({ hasText: 'Limits changed' })).toBeVisible();
  await expect(carla.getByTestId('vital-hr')).toContainText('↑130');
  await carla.screenshot({ path: 'screenshots/limits-carla.png' });

  // A nurse does not get the control.
  const nora = await (await signedInContext(browser, 'nora')).newPage();
  await nora.goto(sessionPath);
  await expect(nora.getByTestId('connection-status')).toHaveText(/live/i);
  await expect(nora.getByTestId('vital-hr')).toContainText('↑130');
  await expect(nora.getByTestId('change-limits')).toHaveCount(0);

  // A manual SpO2 of 75 raises a crisis alarm; Nora acknowledges it, and once SpO2 is back it
  // clears and is listed under recent alarms.
  const cookie = await signInCookie('nora');
  const post = async (value: number) => {
    const res = await fetch(`${E2E_URL}/api/sessions/${chair.session.id}/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ vital: 'spo2', value }),
    });
    expect(res.status).toBe(201);
  };
  await post(75);
  const row = nora.getByTestId('alarm-row').filter({ hasText: 'SpO2 75' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await post(97);
  await post(97);
  await expect(row).toHaveCount(0);
  const recent = nora.getByTestId('recent-alarms').getByTestId('recent-alarm').filter({ hasText: 'SpO2 75' });
  await expect(recent).toContainText(/ack.d by Nora Nurse \d\d:\d\d/);
  await expect(recent).toContainText(/cleared \d\d:\d\d/);
  await nora.screenshot({ path: 'screenshots/limits-nora.png', fullPage: true });
});
