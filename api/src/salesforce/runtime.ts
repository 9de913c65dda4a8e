import type { AppContext } from '../context';
import { connectOrg, disconnectOrg } from './connect';
import { startScheduler } from './scheduler';

export interface SalesforceRuntime {
  /** Lines for the start banner (the demo org's URL and how to sync), or '' */
  banner: string;
  stop(): Promise<void>;
}

/**
 * The demo org: the test emulator (loaded lazily, never in production paths) seeded with Acme's
 * demo accounts and opportunities, and the Acme workspace connected to it with the token method.
 * The org lives in memory, so each start reconnects and forgets the old push state.
 */
async function startDemoOrg(ctx: AppContext, workspaceId: string) {
  const { createEmulator, seedDemoOrg } = await import('../../../test/emulator');
  const { generateDemo } = await import('../demo/generate');
  const sf = await createEmulator({ host: ctx.config.host });
  seedDemoOrg(sf.org, generateDemo().acme);
  await disconnectOrg(ctx, workspaceId);
  // A refresh token too, so scheduled syncs outlive the emulator's two-hour access tokens.
  await connectOrg(ctx, workspaceId, {
    method: 'token',
    instanceUrl: sf.instanceUrl,
    accessToken: sf.accessToken,
    refreshToken: sf.issueRefreshToken(),
    clientId: sf.clientId,
    clientSecret: sf.clientSecret,
    loginUrl: sf.url,
  });
  return sf;
}

/** Starts the sync scheduler and, when OVERLAP_DEMO_ORG is on, the demo org. Not used by tests. */
export async function startSalesforce(
  ctx: AppContext,
  demo: { workspaceId: string; adminKey: string; apiUrl: string } | null,
): Promise<SalesforceRuntime> {
  const scheduler = startScheduler(ctx);
  let close = async () => {};
  let banner = '';
  if (ctx.config.demoOrg && demo) {
    const sf = await startDemoOrg(ctx, demo.workspaceId);
    close = () => sf.close();
    banner = [
      '',
      `Demo Salesforce org (emulator): ${sf.url}   (Acme Cloud is connected to it)`,
      `  sync:  curl -s -X POST -H "Authorization: Bearer ${demo.adminKey}" ${demo.apiUrl}/v1/sync-runs`,
      `  runs:  curl -s -H "Authorization: Bearer ${demo.adminKey}" ${demo.apiUrl}/v1/sync-runs`,
      '',
    ].join('\n');
  }
  return {
    banner,
    stop: async () => {
      scheduler.stop();
      await close();
    },
  };
}
