import { Flags } from '@oclif/core';
import { loadMessages, OverlapCommand } from '../lib/command';
import { matchFiles, writePairs, type MatchFilesResult } from '../lib/matchFiles';

const messages = loadMessages('overlap.match');

export interface MatchResult extends MatchFilesResult {
  outputFile: string | null;
}

export default class Match extends OverlapCommand<MatchResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    mine: Flags.file({
      summary: messages.getMessage('flags.mine.summary'),
      required: true,
      exists: true,
    }),
    theirs: Flags.file({
      summary: messages.getMessage('flags.theirs.summary'),
      required: true,
      exists: true,
    }),
    'min-confidence': Flags.custom<number>({
      summary: messages.getMessage('flags.min-confidence.summary'),
      parse: async (input) => {
        const n = Number(input);
        if (!Number.isFinite(n) || n < 0 || n > 1)
          throw new Error(`Expected a number from 0 to 1, got "${input}"`);
        return n;
      },
    })(),
    'output-file': Flags.string({
      summary: messages.getMessage('flags.output-file.summary'),
      char: 'o',
    }),
  };

  public async run(): Promise<MatchResult> {
    const { flags } = await this.parse(Match);
    this.spinner.start('Matching');
    const result = await matchFiles(flags.mine, flags.theirs, flags['min-confidence']);
    this.spinner.stop(`${result.pairs.length} pairs`);
    for (const b of result.badRows.slice(0, 20))
      this.warn(`${b.file}:${b.line}: skipped: ${b.reason}`);
    const out = flags['output-file'] ?? null;
    if (out) writePairs(out, result.pairs);
    else {
      this.table({
        data: result.pairs.slice(0, 50).map((p) => ({
          mine: p.mineId,
          theirs: p.theirsId,
          method: p.method,
          confidence: p.confidence,
        })),
      });
    }
    this.log(
      messages.getMessage('found', [result.pairs.length, result.badRows.length]) +
        (out ? ` Pairs written to ${out}.` : ''),
    );
    return { ...result, outputFile: out };
  }
}
