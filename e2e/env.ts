/** Where the server under test listens, and its first-start setup code. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_SETUP_CODE = 'e2e-setup-code-0123456789';

/**
 * Debian's Chromium, as Playwright must drive it here: it cannot download its own browser, and
 * without the background-networking flags Chromium keeps dialling Google's hosts.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
