import { Flags } from '@oclif/core';
import { apiFlags, EXIT, loadMessages, makeClient, OverlapCommand } from '../lib/command';
import { fileSize, importFile, writeRejected, type ImportOutcome } from '../lib/importFile';

const messages = loadMessages('overlap.import');

export interface ImportCommandResult extends ImportOutcome {
  file: string;
  kind: 'accounts' | 'opportunities';
  partnerId: string | null;
  rejectedFile: string | null;
}

export default class Import extends OverlapCommand<ImportCommandResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    file: Flags.file({
      summary: messages.getMessage('flags.file.summary'),
      char: 'f',
      required: true,
      exists: true,
    }),
    partner: Flags.string({
      summary: 'ID of a managed partner whose records the file holds.',
      char: 'p',
    }),
    kind: Flags.option({
      summary: messages.getMessage('flags.kind.summary'),
      options: ['accounts', 'opportunities'] as const,
      default: 'accounts',
    })(),
    'rejected-file': Flags.string({ summary: messages.getMessage('flags.rejected-file.summary') }),
  };

  public async run(): Promise<ImportCommandResult> {
    const { flags } = await this.parse(Import);
    const client = await makeClient(flags);
    const total = fileSize(flags.file);
    this.progress.start(
      total,
      {},
      { title: `Importing ${flags.kind}`, format: '%s | {bar} | {value}/{total} bytes' },
    );
    let outcome: ImportOutcome;
    try {
      outcome = await importFile(
        client,
        flags.file,
        { kind: flags.kind, partnerId: flags.partner },
        (n) => this.progress.update(n),
      );
    } finally {
      this.progress.stop();
    }
    const rejectedFile = outcome.rejected.length
      ? (flags['rejected-file'] ?? `${flags.file}.rejected.csv`)
      : null;
    if (rejectedFile) writeRejected(rejectedFile, outcome.rejected);
    if (outcome.noValidRows)
      throw messages.createError(
        'error.NoValidRows',
        [flags.file, rejectedFile],
        [],
        EXIT.rejectedRows,
      );
    const { accepted, inserted, updated, unchanged, rejectedCount } = outcome;
    this.table({ data: [{ accepted, inserted, updated, unchanged, rejected: rejectedCount }] });
    if (rejectedFile) {
      this.warn(messages.getMessage('rejected', [rejectedCount, rejectedFile]));
      process.exitCode = EXIT.rejectedRows;
    }
    return {
      ...outcome,
      file: flags.file,
      kind: flags.kind,
      partnerId: flags.partner ?? null,
      rejectedFile,
    };
  }
}
