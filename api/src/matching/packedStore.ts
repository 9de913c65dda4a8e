/**
 * The packed records (packed.ts) of an index by slot, kept as the batch texts they arrived in
 * plus integer spans: a million records then cost the garbage collector a few hundred strings
 * and one typed array to trace, not a million string objects. A removed slot has an empty span.
 */
export class PackedStore {
  private texts: string[] = [];
  /** Triples (text, start, end) per slot. */
  private spans = new Int32Array(3 * 1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Keeps a batch text; its records are then added with {@link push}. */
  addText(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }

  /** Adds the record at text[start, end) of a kept text; returns its slot. */
  push(text: number, start: number, end: number): number {
    if (this.count * 3 === this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    const at = this.count * 3;
    this.spans[at] = text;
    this.spans[at + 1] = start;
    this.spans[at + 2] = end;
    return this.count++;
  }

  isLive(slot: number): boolean {
    return this.spans[slot * 3 + 2] > this.spans[slot * 3 + 1];
  }

  /** The batch text holding the record in `slot` (see {@link start}). */
  textOf(slot: number): string {
    return this.texts[this.spans[slot * 3]];
  }

  /** Where the record in `slot` starts in {@link textOf}. */
  startOf(slot: number): number {
    return this.spans[slot * 3 + 1];
  }

  /** The packed record in `slot`, "" once removed. */
  get(slot: number): string {
    const at = slot * 3;
    return this.texts[this.spans[at]].slice(this.spans[at + 1], this.spans[at + 2]);
  }

  clear(slot: number): void {
    this.spans[slot * 3 + 2] = this.spans[slot * 3 + 1];
  }

  /** All records as one string, and each slot's (start, end) in it (empty once removed). */
  joined(): { text: string; starts: Int32Array; ends: Int32Array } {
    const base = new Array<number>(this.texts.length);
    let at = 0;
    for (let t = 0; t < this.texts.length; t++) {
      base[t] = at;
      at += this.texts[t].length;
    }
    const starts = new Int32Array(new SharedArrayBuffer(this.count * 4));
    const ends = new Int32Array(new SharedArrayBuffer(this.count * 4));
    for (let s = 0; s < this.count; s++) {
      const b = base[this.spans[s * 3]];
      starts[s] = b + this.spans[s * 3 + 1];
      ends[s] = b + this.spans[s * 3 + 2];
    }
    return { text: this.texts.join(''), starts, ends };
  }
}
