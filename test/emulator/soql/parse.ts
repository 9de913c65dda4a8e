/**
 * A SOQL subset parser (SOQL and SOSL Reference: "SELECT", "WHERE", "Comparison Operators",
 * "Date Formats and Date Literals", "ORDER BY", "LIMIT", "OFFSET", "COUNT()"). Anything outside
 * the subset is a MALFORMED_QUERY, as an unexpected token would be in Salesforce.
 */
import { ApiError } from '../errors';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'date'; value: string }
  | { type: 'datetime'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null'; value: null };

export type Op = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Cond =
  | { kind: 'and' | 'or'; items: Cond[] }
  | { kind: 'not'; item: Cond }
  | { kind: 'cmp'; field: string; pos: number; op: Op; value: Literal }
  | { kind: 'in'; field: string; pos: number; negate: boolean; values: Literal[] }
  | { kind: 'like'; field: string; pos: number; pattern: string };

export interface OrderItem {
  field: string;
  pos: number;
  desc: boolean;
  nullsLast: boolean;
}

export interface SelectItem {
  path: string;
  pos: number;
}

export interface SoqlQuery {
  select: SelectItem[] | { count: true; alias?: string; field?: string };
  from: string;
  fromPos: number;
  where?: Cond;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';
  text: string;
  pos: number;
}

const PATTERNS: Array<[Token['kind'], RegExp]> = [
  ['string', /'(?:\\.|[^'\\])*'/y],
  ['datetime', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y],
  ['date', /\d{4}-\d{2}-\d{2}(?![\w:])/y],
  ['number', /-?\d+(?:\.\d+)?(?![\w])/y],
  ['ident', /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y],
  ['op', /!=|<>|<=|>=|=|<|>/y],
  ['punct', /[(),]/y],
];

function malformed(soql: string, pos: number, detail: string): ApiError {
  return new ApiError(
    400,
    'MALFORMED_QUERY',
    `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${detail}`,
  );
}

export function tokenize(soql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    if (/\s/.test(soql[i])) {
      i++;
      continue;
    }
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(soql);
      if (m) {
        out.push({ kind, text: m[0], pos: i });
        i += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) throw malformed(soql, i, `unexpected token: '${soql[i]}'`);
  }
  out.push({ kind: 'eof', text: '', pos: soql.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly soql: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  private fail(t: Token, detail?: string): never {
    throw malformed(this.soql, t.pos, detail ?? `unexpected token: '${t.text || '<EOF>'}'`);
  }
  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) this.fail(this.peek());
    return this.next();
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.fail(t);
  }
  private ident(): Token {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t);
    return t;
  }

  query(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const from = this.ident();
    const q: SoqlQuery = { select, from: from.text, fromPos: from.pos, orderBy: [] };
    if (this.isKeyword('WHERE')) {
      this.next();
      q.where = this.condition();
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      do q.orderBy.push(this.orderItem());
      while (this.peek().text === ',' && this.next());
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      q.limit = this.integer();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      q.offset = this.integer();
    }
    if (this.peek().kind !== 'eof') this.fail(this.peek());
    return q;
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(t);
    return Number(t.text);
  }

  private selectList(): SoqlQuery['select'] {
    if (this.isKeyword('COUNT') && this.tokens[this.i + 1]?.text === '(') {
      this.next();
      this.next();
      const field = this.peek().kind === 'ident' ? this.next().text : undefined;
      this.expectPunct(')');
      const alias =
        this.peek().kind === 'ident' && !this.isKeyword('FROM') ? this.next().text : undefined;
      return { count: true, field, alias };
    }
    const items: SelectItem[] = [];
    do {
      const t = this.ident();
      items.push({ path: t.text, pos: t.pos });
    } while (this.peek().text === ',' && this.next());
    return items;
  }

  private orderItem(): OrderItem {
    const t = this.ident();
    let desc = false;
    if (this.isKeyword('ASC')) this.next();
    else if (this.isKeyword('DESC')) {
      this.next();
      desc = true;
    }
    let nullsLast = desc;
    if (this.isKeyword('NULLS')) {
      this.next();
      const w = this.ident().text.toUpperCase();
      if (w !== 'FIRST' && w !== 'LAST') this.fail(this.tokens[this.i - 1]);
      nullsLast = w === 'LAST';
    }
    return { field: t.text, pos: t.pos, desc, nullsLast };
  }

  /** SOQL does not let AND and OR mix at one level without parentheses. */
  private condition(): Cond {
    const first = this.unary();
    const items = [first];
    let joiner: 'AND' | 'OR' | undefined;
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      const t = this.next();
      const word = t.text.toUpperCase() as 'AND' | 'OR';
      if (joiner && joiner !== word) this.fail(t);
      joiner = word;
      items.push(this.unary());
    }
    return items.length === 1 ? first : { kind: joiner === 'OR' ? 'or' : 'and', items };
  }

  private unary(): Cond {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', item: this.unary() };
    }
    if (this.peek().text === '(') {
      this.next();
      const c = this.condition();
      this.expectPunct(')');
      return c;
    }
    return this.comparison();
  }

  private comparison(): Cond {
    const f = this.ident();
    if (this.isKeyword('LIKE')) {
      this.next();
      const lit = this.literal();
      if (lit.type !== 'string') this.fail(this.tokens[this.i - 1]);
      return { kind: 'like', field: f.text, pos: f.pos, pattern: lit.value };
    }
    let negate = false;
    if (this.isKeyword('NOT')) {
      this.next();
      negate = true;
      if (!this.isKeyword('IN')) this.fail(this.peek());
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const values: Literal[] = [];
      do values.push(this.literal());
      while (this.peek().text === ',' && this.next());
      this.expectPunct(')');
      return { kind: 'in', field: f.text, pos: f.pos, negate, values };
    }
    const op = this.next();
    if (op.kind !== 'op') this.fail(op);
    return {
      kind: 'cmp',
      field: f.text,
      pos: f.pos,
      op: (op.text === '<>' ? '!=' : op.text) as Op,
      value: this.literal(),
    };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return {
          type: 'string',
          value: t.text
            .slice(1, -1)
            .replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c),
        };
      case 'number':
        return { type: 'number', value: Number(t.text) };
      case 'date':
        return { type: 'date', value: t.text };
      case 'datetime': {
        const iso = t.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
        return { type: 'datetime', value: Date.parse(iso) };
      }
      case 'ident': {
        const w = t.text.toUpperCase();
        if (w === 'NULL') return { type: 'null', value: null };
        if (w === 'TRUE' || w === 'FALSE') return { type: 'boolean', value: w === 'TRUE' };
        return this.fail(t);
      }
      default:
        return this.fail(t);
    }
  }
}

export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql, tokenize(soql)).query();
}
