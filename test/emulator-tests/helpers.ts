/** Shared setup for the emulator's own suites: one emulator per suite, a jsforce connection per test. */
import { Connection } from 'jsforce';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator';

export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<{ sf: Emulator; conn: () => Connection }> {
  const sf = await createEmulator(options);
  const conn = (): Connection =>
    new Connection({
      instanceUrl: sf.instanceUrl,
      accessToken: sf.accessToken,
      version: sf.apiVersion,
    });
  return { sf, conn };
}

/** Resolves with the error a promise rejects with; fails the test when it resolves. */
export async function rejection(
  p: PromiseLike<unknown>,
): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
