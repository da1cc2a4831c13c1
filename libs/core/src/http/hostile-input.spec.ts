import { findHostileInput, MAX_INPUT_DEPTH, unstorableStringReason } from './hostile-input';

describe('hostile input', () => {
  it('accepts ordinary French text, emoji and well-formed surrogate pairs', () => {
    expect(unstorableStringReason('Élèves de l’école « Jean-Jaurès » 👩‍🏫')).toBeUndefined();
    expect(unstorableStringReason('\ud83d\ude00')).toBeUndefined();
  });

  it('refuses NUL characters and lone surrogates, high or low', () => {
    expect(unstorableStringReason('a\u0000b')).toMatch(/caractère nul/);
    expect(unstorableStringReason('a\ud800')).toMatch(/invalide/);
    expect(unstorableStringReason('\udc00a')).toMatch(/invalide/);
  });

  it('names the nested field, in values and in keys', () => {
    expect(findHostileInput({ purposes: [{ description: 'x\u0000' }] }, '')?.field).toBe(
      'purposes[0].description',
    );
    expect(findHostileInput({ ['bad\u0000key']: 1 }, '')?.field).toBe('bad\u0000key');
  });

  it('stops at the depth limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(findHostileInput(deep, '')?.message).toMatch(/imbriqué trop profondément/);
    let allowed: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH; i += 1) allowed = [allowed];
    expect(findHostileInput(allowed, '')).toBeUndefined();
  });
});
