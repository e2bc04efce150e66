/**
 * Issues filing numbers: one counter row per year, incremented with UPDATE … RETURNING inside the approval's
 * transaction. The row lock orders concurrent approvals on any number of instances; a rollback (or a crash)
 * undoes the increment together with the approval, so numbers are gapless, in order, and never reused.
 */
import { sql } from 'drizzle-orm';
import { formatFilingNumber } from '../../shared/filing/numberFormat.js';
import { queryRows, type Tx } from '../db/client.js';

export async function issueFilingNumber(
  tx: Tx,
  year: number,
  format: string,
): Promise<{ number: string; seq: number }> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`insert into filing_number_counters (year, last) values (${year}, 1)
        on conflict (year) do update set last = filing_number_counters.last + 1
        returning last`,
  );
  const seq = Number(row?.last);
  return { number: formatFilingNumber(format, year, seq), seq };
}
