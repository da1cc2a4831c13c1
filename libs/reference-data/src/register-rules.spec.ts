import {
  derogationKeyOf,
  DPIA_RESIDUAL_RISKS,
  NIR_LEGAL_GROUNDS,
  safeguardKeyOf,
  TRANSFER_DEROGATIONS,
  TRANSFER_SAFEGUARDS,
} from './index';

describe('register rules reference lists', () => {
  it('lists each item once with its French label', () => {
    for (const list of [TRANSFER_SAFEGUARDS, TRANSFER_DEROGATIONS, NIR_LEGAL_GROUNDS, DPIA_RESIDUAL_RISKS]) {
      expect(new Set(list.map((item) => item.key)).size).toBe(list.length);
      for (const item of list) expect(item.label).toMatch(/^[A-ZÉ]/);
    }
    expect(TRANSFER_DEROGATIONS.map((d) => d.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(NIR_LEGAL_GROUNDS[0].label).toContain('2019-341');
  });

  it('reads a safeguard from its key, its label or a free text that names it', () => {
    for (const safeguard of TRANSFER_SAFEGUARDS) {
      expect(safeguardKeyOf(safeguard.key)).toBe(safeguard.key);
      expect(safeguardKeyOf(safeguard.label.toUpperCase())).toBe(safeguard.key);
    }
    expect(safeguardKeyOf('CCT de la Commission (2021/914)')).toBe('standard-contractual-clauses');
    expect(safeguardKeyOf('BCR du groupe')).toBe('binding-corporate-rules');
    expect(safeguardKeyOf("Décision d'adéquation")).toBe('adequacy-decision');
    expect(safeguardKeyOf('EU-US Data Privacy Framework')).toBe('adequacy-decision');
    expect(safeguardKeyOf('Dérogation art. 49')).toBe('derogation');
    expect(safeguardKeyOf('Contrat signé')).toBeUndefined();
    expect(safeguardKeyOf('  ')).toBeUndefined();
  });

  it('reads the letter of an Art. 49.1 derogation', () => {
    expect(derogationKeyOf('a')).toBe('a');
    expect(derogationKeyOf('49.1.d')).toBe('d');
    expect(derogationKeyOf('art. 49.1 e')).toBe('e');
    expect(derogationKeyOf(TRANSFER_DEROGATIONS[6].label)).toBe('g');
    expect(derogationKeyOf('h')).toBeUndefined();
    expect(derogationKeyOf('')).toBeUndefined();
  });
});
