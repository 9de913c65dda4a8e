import type { Matrix } from '../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand, partnerFlag } from '../lib/command';

const messages = loadMessages('overlap.matrix');

export type MatrixResult = Matrix;

/** Rows are my populations, columns the partner's; '-' where a side does not share counts. */
export function matrixRows(m: Matrix): Array<Record<string, string | number>> {
  const count = new Map(
    m.cells.map((c) => [`${c.myPopulationId}|${c.partnerPopulationId}`, c.count]),
  );
  return m.myPopulations.map((mine) => {
    const row: Record<string, string | number> = { 'my population': mine.name };
    for (const theirs of m.partnerPopulations)
      row[theirs.name] = count.get(`${mine.id}|${theirs.id}`) ?? '-';
    return row;
  });
}

export default class MatrixCommand extends OverlapCommand<MatrixResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = { ...apiFlags, partner: partnerFlag(true) };

  public async run(): Promise<MatrixResult> {
    const { flags } = await this.parse(MatrixCommand);
    const client = await makeClient(flags);
    const matrix = await client.matrix(flags.partner);
    this.styledHeader(`Account mapping with ${matrix.partner.name}`);
    if (matrix.partnerPopulations.length === 0)
      this.log(`${matrix.partner.name} shares no population counts with you yet.`);
    this.table({ data: matrixRows(matrix) });
    return matrix;
  }
}
