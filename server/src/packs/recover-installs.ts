import { rollBack } from './install-pack.ts';
import { isRunning, type Journal } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { PACK_INSTALL_TYPE } from './pack-documents.ts';
import { uninstallPack } from './uninstall-pack.ts';
import { startUpgrade } from './upgrade-pack.ts';

export interface RecoveryReport {
  readonly rolledBack: readonly string[];
  readonly resumed: readonly string[];
  readonly failed: readonly { readonly app: string; readonly reason: string }[];
}

/**
 * Finishes what an interrupted pack operation left (at start, and before the CLI's pack
 * commands): an install is rolled back (or completed, when only its last step was lost), an
 * upgrade resumed, a removal carried out. Journals still running elsewhere are left alone.
 */
export async function recoverInstalls(context: PackContext): Promise<RecoveryReport> {
  const rolledBack: string[] = [];
  const resumed: string[] = [];
  const failed: { app: string; reason: string }[] = [];
  const page = await context.storage.find<Journal>({
    index: 'journals-by-state',
    selector: { type: PACK_INSTALL_TYPE, state: { $in: ['installing', 'upgrading', 'removing'] } },
    limit: 1000,
  });
  for (const journal of page.docs) {
    if (isRunning(context, journal)) continue;
    try {
      if (journal.state === 'installing') {
        const after = await rollBack(context, journal);
        (after.state === 'installed' ? resumed : rolledBack).push(journal.app);
      } else if (journal.state === 'upgrading') {
        const source = await context.sources.read(journal.source);
        if (!source)
          throw new Error(`the pack ${journal.pack} ${journal.version} is no longer on offer`);
        const { finished } = await startUpgrade(context, source, journal.actor);
        const after = await finished;
        if (after.state !== 'installed')
          throw new Error(after.error?.message.en ?? 'upgrade stopped');
        resumed.push(journal.app);
      } else {
        await uninstallPack(context, journal.app, journal.removal ?? 'keep', journal.actor);
        resumed.push(journal.app);
      }
    } catch (error) {
      failed.push({
        app: journal.app,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { rolledBack, resumed, failed };
}
