import { MatchIndex, prepareRecord } from '../api/src/matching';
import { generateMine, generateTheirs, entityOf } from './bench/lib/synthetic';
const opts = { n: 3000 };
const theirs = [...generateTheirs(opts)]; const mine = [...generateMine(opts)];
const pairs = MatchIndex.build(theirs).match(mine, { includeHierarchy: false });
const found = new Set(pairs.map((p) => p.mineId + '|' + p.theirsId));
let k = 0;
for (const m of mine) for (const t of theirs) if (entityOf(m.id) === entityOf(t.id) && !found.has(m.id + '|' + t.id) && k++ < 25) console.log(JSON.stringify(m), JSON.stringify(t));
