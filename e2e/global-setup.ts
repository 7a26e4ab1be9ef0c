import { ensureAccounts } from './support.js';

export default async function globalSetup(): Promise<void> {
  await ensureAccounts();
}
