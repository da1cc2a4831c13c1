import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  it('gives an answer back only under the mark it was read under', () => {
    const cache = new AnswerCache(1000);
    expect(cache.get('page 1', 'mark-a')).toBeUndefined();
    cache.set('page 1', 'mark-a', '{"items":[]}');
    expect(cache.get('page 1', 'mark-a')).toBe('{"items":[]}');
    expect(cache.get('page 2', 'mark-a')).toBeUndefined();
  });

  it('drops every answer at once when the table has a new mark, and does not give them back with the old one', () => {
    const cache = new AnswerCache(1000);
    cache.get('page 1', 'mark-a');
    cache.set('page 1', 'mark-a', 'one');
    cache.set('page 2', 'mark-a', 'two');
    expect(cache.get('page 1', 'mark-b')).toBeUndefined();
    expect(cache.size).toEqual({ answers: 0, bytes: 0 });
    expect(cache.get('page 2', 'mark-a')).toBeUndefined();
  });

  it('does not keep an answer read under another mark than the last one seen', () => {
    const cache = new AnswerCache(1000);
    cache.get('page 1', 'mark-b');
    // Read before the change that gave mark-b (a slower request), or after a change not seen yet.
    cache.set('page 1', 'mark-a', 'stale');
    cache.set('page 2', 'mark-c', 'newer');
    expect(cache.size.answers).toBe(0);
    expect(cache.get('page 1', 'mark-b')).toBeUndefined();
  });

  it('stays within its budget: the least recently used answers go first, an answer over a tenth is not kept', () => {
    const cache = new AnswerCache(400); // bytes: 2 per character
    cache.get('any', 'm');
    cache.set('a', 'm', 'x'.repeat(20));
    cache.set('b', 'm', 'x'.repeat(20));
    cache.set('c', 'm', 'x'.repeat(21)); // 42 bytes > 40
    expect(cache.size).toEqual({ answers: 2, bytes: 80 });
    expect(cache.get('a', 'm')).toBeDefined(); // a is now more recent than b
    for (const key of ['d', 'e', 'f']) cache.set(key, 'm', 'y'.repeat(20));
    cache.set('g', 'm', 'z'.repeat(20));
    cache.set('h', 'm', 'z'.repeat(20));
    cache.set('i', 'm', 'z'.repeat(20));
    cache.set('j', 'm', 'z'.repeat(20));
    cache.set('k', 'm', 'z'.repeat(20));
    expect(cache.size.bytes).toBeLessThanOrEqual(400);
    expect(cache.size.answers).toBe(10);
    cache.set('l', 'm', 'z'.repeat(20));
    expect(cache.size.answers).toBe(10);
    expect(cache.get('b', 'm')).toBeUndefined(); // the least recently used went first
    expect(cache.get('a', 'm')).toBeDefined();
  });

  it('replaces an answer kept under the same key without counting it twice', () => {
    const cache = new AnswerCache(1000);
    cache.get('page 1', 'm');
    cache.set('page 1', 'm', 'first');
    cache.set('page 1', 'm', 'second');
    expect(cache.size).toEqual({ answers: 1, bytes: 12 });
    expect(cache.get('page 1', 'm')).toBe('second');
  });
});
