import type { BuiltServer } from '../app.js';
export async function startDemo(_s: BuiltServer, _url: string, _n: number): Promise<{ stop(): void }> {
  return { stop() {} };
}
