import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateProcessingActivityDto } from '../activities/processing-activity.dto';
import { KEY_NAMES } from './key-names';
import { foldText, readKey } from './label-keys';

describe('French labels read as keys', () => {
  it('folds case, accents, ligatures, apostrophes and spaces', () => {
    expect(foldText('  Élèves ')).toBe('eleves');
    expect(foldText('DONNÉES   DE\u00a0SANTÉ')).toBe('donnees de sante');
    expect(foldText('Demandeurs d’asile')).toBe("demandeurs d'asile");
    expect(foldText('Œuvres')).toBe('oeuvres');
  });

  it.each([
    ['dataSubjects', 'Enfants', 'children'],
    ['dataSubjects', 'élèves', 'pupils'],
    ['dataSubjects', 'ELEVES', 'pupils'],
    ['dataSubjects', 'Agents', 'staff'],
    ['dataSubjects', 'salariés', 'staff'],
    ['dataSubjects', 'Personnes âgées', 'elderly'],
    ['dataSubjects', 'demandeurs d’asile', 'asylum-seekers'],
    ['dataSubjects', 'children', 'children'],
    ['specialCategory', 'Données de santé', 'health'],
    ['specialCategory', 'donnees de sante', 'health'],
    ['specialCategory', 'Santé', 'health'],
    ['specialCategory', 'Biométrie', 'biometric-for-identification'],
    ['specialCategory', 'Condamnations pénales et infractions', 'criminal-convictions-and-offences'],
    ['dataCategory', 'Localisation', 'location'],
    ['dataCategory', 'Situation sociale (aides, accompagnement)', 'social-situation'],
    ['legalBasis', "Mission d'intérêt public", 'public-task'],
    ['legalBasis', '6.1.c', 'legal-obligation'],
    ['finalFate', 'versement aux archives publiques', 'public-archives'],
    ['condition', 'Consentement explicite', '9.2.a'],
    ['dpiaCriteria', 'Surveillance systématique', 'systematic-monitoring'],
    ['cnilListItems', 'Instruction des demandes et gestion des logements sociaux', 'social-housing'],
    ['cnilExemptionItem', 'Item 3', '3'],
    ['cnilExemptionItem', 'item n° 10', '10'],
  ] as const)('%s: « %s » is %s', (field, written, key) => {
    expect(readKey(written, KEY_NAMES[field])).toBe(key);
  });

  it('keeps free text as written (trimmed)', () => {
    expect(readKey('  Personnes hébergées ', KEY_NAMES.dataSubjects)).toBe('Personnes hébergées');
  });

  it('reads labels in every field of an API payload, and still refuses what names no key', () => {
    const dto = plainToInstance(CreateProcessingActivityDto, {
      name: 'Cantine',
      purposes: [{ description: 'Facturer', legalBasis: 'Mission d’intérêt public' }],
      dataSubjects: ['Enfants', 'Parents', 'Personnes hébergées'],
      dataCategories: [{ category: 'État civil', retention: '1 an', finalFate: 'Destruction' }],
      specialCategories: [{ category: 'Données de santé', condition: '9.2.g' }],
      dpiaCriteria: ['Données concernant des personnes vulnérables'],
      cnilListItems: [],
      art35Cases: [],
      cnilExemptionItem: 10,
    });
    expect(validateSync(dto)).toEqual([]);
    expect(dto).toMatchObject({
      purposes: [{ legalBasis: 'public-task' }],
      dataSubjects: ['children', 'parents', 'Personnes hébergées'],
      dataCategories: [{ category: 'identity', finalFate: 'destruction' }],
      specialCategories: [{ category: 'health', condition: '9.2.g' }],
      dpiaCriteria: ['vulnerable-subjects'],
      cnilExemptionItem: '10',
    });
    const refused = plainToInstance(CreateProcessingActivityDto, {
      name: 'x',
      purposes: [{ description: 'x', legalBasis: 'Bon plaisir' }],
      dataSubjects: ['x'],
      dataCategories: [{ category: 'x', retention: 'x', finalFate: 'destruction' }],
      cnilExemptionItem: '12',
    });
    const properties = validateSync(refused).map((error) => error.property);
    expect(properties).toEqual(expect.arrayContaining(['purposes', 'cnilExemptionItem']));
  });
});
