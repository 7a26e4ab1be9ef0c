import { expect, test, type Page } from '@playwright/test';
import { SimulatedMonitor } from '@infusion/server/simulator';
import { E2E_URL } from '../env.js';
import { signedInContext, signInCookie } from '../support.js';

let monitor: SimulatedMonitor | null = null;
test.afterEach(async () => {
  await monitor?.stop();
  monitor = null;
});

/** A monitor registered by the admin (token shown once) and switched on at the chair. */
async function monitorAtTheChair(label: string): Promise<SimulatedMonitor> {
  const admin = await signInCookie('admin');
  const res = await fetch(`${E2E_URL}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ label }),
  });
  expect(res.status, 'registering the monitor').toBe(201);
  const { token } = (await res.json()) as { token: string };
  // Not yet on ketamine and no motion artefacts: the alarm this test looks for is the typed-in BP's.
  return new SimulatedMonitor({
    serverUrl: E2E_URL,
    token,
    model: { seed: 4242, infusionStartSec: 100_000, motionArtefacts: false },
  }).start();
}

const timelineEntry = (page: Page, text: string | RegExp) =>
  page.getByTestId('timeline-entry').filter({ hasText: text });

test('a nurse checks a patient in and charts at the chair; a second nurse sees every entry live', async ({
  browser,
}) => {
  const stamp = Date.now();
  const monitorLabel = `Chair C monitor ${stamp}`;
  monitor = await monitorAtTheChair(monitorLabel);

  const nora = await (await signedInContext(browser, 'nora')).newPage();
  const nick = await (await signedInContext(browser, 'nick')).newPage();

  // Check-in: the new-session form, with a message next to the field left empty.
  await nora.goto('/');
  await nora.getByRole('link', { name: 'New session' }).click();
  await expect(nora).toHaveURL(/\/sessions\/new$/);
  await nora.getByLabel('Record number (MRN)').fill(`E2E-${stamp}`);
  await nora.getByLabel('Name', { exact: true }).fill('Charlotte Chart');
  await nora.getByLabel('Chair or room').fill('E2E Chair C');
  await nora.getByLabel('Infusion number').fill('3');
  await nora.getByRole('button', { name: 'Create session' }).click();
  const weight = nora.getByLabel('Weight (kg)');
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  await expect(weight).toBeFocused();
  await expect(nora.locator('#new-session-weightKg-error')).toHaveText(/Enter the weight/);
  await nora.screenshot({ path: 'screenshots/charting-new-session-invalid-1280.png' });
  await weight.fill('70');
  await expect(nora.getByText('35 mg in total for 70 kg')).toBeVisible();
  await expect(nora.getByLabel('Rate (mg/kg/h)')).toHaveValue('0.75');
  await nora.screenshot({ path: 'screenshots/charting-new-session-1280.png' });
  await nora.getByRole('button', { name: 'Create session' }).click();
  await expect(nora).toHaveURL(/\/sessions\/(?!new)[^/]+$/);
  const sessionPath = new URL(nora.url()).pathname;

  const noraBar = nora.getByTestId('lifecycle');
  await expect(noraBar.getByTestId('lifecycle-state')).toHaveText('Scheduled');
  await expect(noraBar.getByTestId('course-line')).toHaveText('Infusion 3 of 6 (induction) · first infusion on record');
  await nick.goto(sessionPath);
  await expect(nick.getByTestId('connection-status')).toHaveText(/live/i);
  await nora.screenshot({ path: 'screenshots/charting-scheduled-1280.png' });

  // Bind the chair's monitor, start the pre-check, tick the checklist, start the infusion.
  await noraBar.getByLabel('No monitor bound').selectOption({ label: monitorLabel });
  await noraBar.getByRole('button', { name: 'Bind monitor' }).click();
  await expect(noraBar.getByTestId('bound-monitor')).toContainText(monitorLabel);
  await noraBar.getByRole('button', { name: 'Start pre-check' }).click();
  await expect(noraBar.getByTestId('lifecycle-state')).toHaveText('Pre-check');
  const start = noraBar.getByRole('button', { name: 'Start infusion' });
  await expect(start).toBeDisabled();
  await expect(noraBar.getByText(/Still to tick: Consent signed/)).toBeVisible();
  await nora.screenshot({ path: 'screenshots/charting-precheck-1280.png' });
  for (const item of ['Consent signed', 'Fasting confirmed', 'Transport home arranged', 'Baseline vitals taken']) {
    await noraBar.getByLabel(item).check();
  }
  await expect(start).toBeEnabled();
  // The monitor's readings reach the screen once the session is monitored.
  await expect(nora.getByTestId('vital-value-hr')).toHaveText(/^\d{2,3}$/);
  await start.click();
  await expect(noraBar.getByTestId('lifecycle-state')).toHaveText('Infusing');
  await expect(nick.getByTestId('lifecycle').getByTestId('lifecycle-state')).toHaveText('Infusing');

  // Charting: a side effect in two taps, the default antiemetic in one, a cuff pressure typed in.
  const panel = nora.getByTestId('charting-panel');
  const flash = panel.getByTestId('charting-flash');
  await panel.getByRole('button', { name: 'Nausea', exact: true }).click();
  await nora.screenshot({ path: 'screenshots/charting-severity-1280.png' });
  await panel.getByRole('button', { name: 'Moderate' }).click();
  await expect(flash).toContainText('Charted Nausea (moderate)');
  await panel.getByRole('tab', { name: 'Intervention' }).click();
  await nora.screenshot({ path: 'screenshots/charting-intervention-1280.png' });
  await panel.getByRole('button', { name: 'Record Ondansetron' }).click();
  await expect(flash).toContainText('Charted Ondansetron 4 mg IV');
  await panel.getByRole('tab', { name: 'Score' }).click();
  await nora.screenshot({ path: 'screenshots/charting-score-1280.png' });
  await panel.getByRole('button', { name: /^MOAA\/S 4/ }).click();
  await expect(flash).toContainText('Charted MOAA/S 4/5');
  await panel.getByRole('tab', { name: 'BP / vitals' }).click();
  await panel.getByLabel(/Systolic/).fill('205');
  await panel.getByLabel(/Diastolic/).fill('95');
  await panel.getByLabel(/Diastolic/).press('Enter');
  await expect(flash).toContainText('Recorded BP 205/95');

  // Nick, watching the same session, sees both entries, their chart markers and the BP alarm.
  await expect(timelineEntry(nick, 'Nausea (moderate)')).toContainText('Nora Nurse');
  await expect(timelineEntry(nick, 'Ondansetron 4 mg IV')).toContainText('Nora Nurse');
  const hrChart = nick.getByTestId('chart-hr');
  // Pre-check, infusion start, nausea, Ondansetron and MOAA/S: one marker each. Entries this
  // close together share one label, on the newest, with a count of the others.
  await expect(hrChart.locator('.chart-marker')).toHaveCount(5);
  await expect(hrChart.locator('text', { hasText: /^MOAA\/S 4\/5 \+4$/ })).toBeAttached();
  await expect(nick.getByTestId('alarm-row').filter({ hasText: 'SBP 205 ≥ 200' })).toBeVisible();
  await expect(nick.getByTestId('vital-value-sbp')).toBeVisible();
  await nora.screenshot({ path: 'screenshots/charting-nora-1280.png' });
  await nick.screenshot({ path: 'screenshots/charting-nick-1280.png' });

  // Nick corrects the severity: a new entry amends the old one; both stay, for Nora too.
  const nausea = timelineEntry(nick, 'Nausea (moderate)');
  await nausea.getByRole('button', { name: /^Correct/ }).click();
  const correction = nick.getByRole('form', { name: /Correct #\d+ Nausea/ });
  await correction.getByText('Severe', { exact: true }).click();
  await correction.getByRole('button', { name: 'Save correction' }).click();
  await expect(correction.getByText('Say why (at least 3 characters)')).toBeVisible();
  await nick.screenshot({ path: 'screenshots/charting-correction-1280.png' });
  await correction.getByLabel('Reason for the correction').fill('reassessed at the chair');
  await correction.getByRole('button', { name: 'Save correction' }).click();
  const corrected = timelineEntry(nora, 'Nausea (moderate)');
  await expect(corrected).toHaveAttribute('data-amended', 'true');
  await expect(corrected).toContainText(/Amended by #\d+/);
  await expect(timelineEntry(nora, 'Nausea (severe)')).toContainText(/Corrects #\d+: reassessed at the chair/);
  await expect(timelineEntry(nora, 'Nausea (severe)')).toContainText('Nick Nurse');

  await nora.setViewportSize({ width: 1920, height: 1080 });
  await nora.screenshot({ path: 'screenshots/charting-nora-1920.png' });

  // The end: stop, recovery, and a discharge before the criteria are met needs a reason.
  await noraBar.getByRole('button', { name: 'Stop infusion' }).click();
  await noraBar.getByRole('button', { name: 'Yes, stop infusion' }).click();
  await expect(noraBar.getByTestId('lifecycle-state')).toHaveText('Recovery');
  await noraBar.getByRole('button', { name: 'Discharge…' }).click();
  const discharge = noraBar.getByTestId('discharge-form');
  for (const criterion of ['Activity', 'Breathing', 'Circulation', 'Consciousness', 'SpO2']) {
    await discharge.getByRole('group', { name: criterion }).getByText('2', { exact: true }).click();
  }
  await expect(discharge.getByTestId('aldrete-total')).toContainText('10 / 10 – meets ≥ 9');
  await discharge.getByRole('button', { name: 'Discharge', exact: true }).click();
  await expect(discharge.getByRole('alert')).toContainText(/discharge criteria not met: .*recovery 0 min < minimum/);
  await discharge.getByLabel('Reason to discharge anyway').fill('consultant reviewed; escort present');
  await nora.screenshot({ path: 'screenshots/charting-discharge-1920.png' });
  await discharge.getByRole('button', { name: 'Discharge with override' }).click();
  await expect(noraBar.getByTestId('lifecycle-state')).toHaveText('Discharged');
  await expect(nick.getByTestId('lifecycle').getByTestId('lifecycle-state')).toHaveText('Discharged');
  await expect(timelineEntry(nick, /Discharged: consultant reviewed; escort present \(criteria not met/)).toBeVisible();
});
