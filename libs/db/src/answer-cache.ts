/**
 * JSON answers read from one table, kept while the table's change mark stays the one they were read under
 * (see `findPlainPageAnswer`). A new mark drops them all at once, so no answer outlives a change of its table
 * in memory. Bounded in bytes: past the budget the least recently used answers go first, and an answer larger
 * than a tenth of the budget is not kept.
 */
export class AnswerCache {
  private readonly answers = new Map<string, { text: string; bytes: number }>();
  private bytes = 0;
  private mark: string | undefined;

  constructor(readonly budgetBytes: number) {}

  /** The answer kept under `key`, if any, the table's mark being `mark` (read at this request). */
  get(key: string, mark: string): string | undefined {
    if (mark !== this.mark) {
      this.answers.clear();
      this.bytes = 0;
      this.mark = mark;
      return undefined;
    }
    const kept = this.answers.get(key);
    if (!kept) return undefined;
    this.answers.delete(key);
    this.answers.set(key, kept); // most recently used last
    return kept.text;
  }

  /** Keeps an answer read under `mark`; one read under another mark than the last one seen is not kept. */
  set(key: string, mark: string, text: string): void {
    if (mark !== this.mark) return;
    const previous = this.answers.get(key);
    if (previous) {
      this.answers.delete(key);
      this.bytes -= previous.bytes;
    }
    const bytes = 2 * text.length; // about the size of a JavaScript string in memory
    if (bytes > this.budgetBytes / 10) return;
    this.answers.set(key, { text, bytes });
    this.bytes += bytes;
    for (const [oldest, kept] of this.answers) {
      if (this.bytes <= this.budgetBytes) break;
      this.answers.delete(oldest);
      this.bytes -= kept.bytes;
    }
  }

  /** How many answers and bytes are kept. */
  get size(): { answers: number; bytes: number } {
    return { answers: this.answers.size, bytes: this.bytes };
  }
}
