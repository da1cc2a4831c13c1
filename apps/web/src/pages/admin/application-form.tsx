import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { OrganisationItem } from '../../api/admin';
import { api, unwrap, type Schemas } from '../../api/client';
import { SelectField, TextField } from '../../ui/fields';
import { AdminForm, lookup, type FieldError } from './forms';

type Domain = Schemas['CreateApplicationDto']['domain'];
/** The catalog's domains (the SIIM94 reference list the API accepts). */
export const DOMAINS: Domain[] = [
  'Action sociale',
  'Affaires civiles et citoyennes',
  'Affaires familiales',
  'Courrier',
  'Culture',
  'Dématérialisation',
  'Finances',
  'Habitat, urbanisme, patrimoine',
  'Offices HLM',
  'Ressources humaines',
  'Santé publique',
  'SIG et développement économique',
  'Restauration scolaire',
  "Système d'information global",
];

const IDS = {
  name: 'app-name',
  domain: 'app-domain',
  purpose: 'app-purpose',
  vendorId: 'app-vendor',
  hosting: 'app-hosting',
  dataLocation: 'app-location',
  healthData: 'app-health',
} as const;
const LABELS = {
  name: 'Nom de l’application',
  domain: 'Domaine',
  purpose: 'Finalité',
  vendorId: 'Éditeur',
  hosting: 'Hébergement',
  dataLocation: 'Pays où sont les données',
  healthData: 'Données de santé',
} as const;

/** Adds an application to the catalog (administrator or security officer). */
export function NewApplicationForm({
  vendors,
  onDone,
}: {
  vendors: OrganisationItem[];
  onDone: (name?: string) => void;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState({
    name: '',
    domain: '',
    purpose: '',
    vendorId: '',
    hosting: 'operator',
    dataLocation: 'FR',
    healthData: false,
  });
  useEffect(() => document.getElementById(IDS.name)?.focus(), []);
  return (
    <AdminForm
      id="new-application"
      title="Nouvelle application"
      submitLabel="Ajouter au catalogue"
      fieldId={(f) => lookup(IDS, f) ?? IDS.name}
      labelOf={(f) => lookup(LABELS, f) ?? f}
      onCancel={() => onDone()}
      check={() => {
        const found: FieldError[] = [];
        if (!state.name.trim()) found.push({ id: IDS.name, message: `${LABELS.name} : à renseigner.` });
        if (!state.domain) found.push({ id: IDS.domain, message: `${LABELS.domain} : à choisir.` });
        if (!/^[A-Za-z]{2}$/.test(state.dataLocation.trim()))
          found.push({
            id: IDS.dataLocation,
            message: `${LABELS.dataLocation} : code pays en deux lettres attendu (FR).`,
          });
        return found;
      }}
      send={async () => {
        await unwrap(
          api.POST('/api/v1/applications', {
            body: {
              name: state.name.trim(),
              domain: state.domain as Domain,
              ...(state.purpose.trim() ? { purpose: state.purpose.trim() } : {}),
              ...(state.vendorId ? { vendorId: state.vendorId } : {}),
              hosting: state.hosting as 'operator' | 'vendor-saas' | 'member',
              dataLocation: state.dataLocation.trim().toUpperCase(),
              healthData: state.healthData,
              securityMeasures: [],
            },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['admin', 'applications'] });
        onDone(state.name.trim());
      }}
    >
      {(errorOf) => (
        <>
          <TextField
            id={IDS.name}
            label={LABELS.name}
            required
            value={state.name}
            error={errorOf(IDS.name)}
            onChange={(e) => setState((s) => ({ ...s, name: e.target.value }))}
          />
          <SelectField
            id={IDS.domain}
            label={LABELS.domain}
            required
            placeholder="Choisir un domaine"
            options={DOMAINS.map((d) => ({ key: d, label: d }))}
            value={state.domain}
            error={errorOf(IDS.domain)}
            onChange={(e) => setState((s) => ({ ...s, domain: e.target.value }))}
          />
          <TextField
            id={IDS.purpose}
            label={LABELS.purpose}
            value={state.purpose}
            error={errorOf(IDS.purpose)}
            onChange={(e) => setState((s) => ({ ...s, purpose: e.target.value }))}
          />
          <SelectField
            id={IDS.vendorId}
            label={LABELS.vendorId}
            placeholder="Aucun (développement de l’opérateur)"
            options={vendors.map((v) => ({ key: v.id, label: v.name }))}
            value={state.vendorId}
            error={errorOf(IDS.vendorId)}
            onChange={(e) => setState((s) => ({ ...s, vendorId: e.target.value }))}
          />
          <SelectField
            id={IDS.hosting}
            label={LABELS.hosting}
            required
            options={[
              { key: 'operator', label: 'Hébergée par l’opérateur' },
              { key: 'vendor-saas', label: 'SaaS de l’éditeur' },
              { key: 'member', label: 'Chez le membre' },
            ]}
            value={state.hosting}
            error={errorOf(IDS.hosting)}
            onChange={(e) => setState((s) => ({ ...s, hosting: e.target.value }))}
          />
          <TextField
            id={IDS.dataLocation}
            label={LABELS.dataLocation}
            required
            hint="Code ISO en deux lettres, par exemple FR."
            maxLength={2}
            value={state.dataLocation}
            error={errorOf(IDS.dataLocation)}
            onChange={(e) => setState((s) => ({ ...s, dataLocation: e.target.value }))}
          />
          <div className="field">
            <label>
              <input
                id={IDS.healthData}
                type="checkbox"
                checked={state.healthData}
                onChange={(e) => setState((s) => ({ ...s, healthData: e.target.checked }))}
              />{' '}
              Traite des données de santé (hébergement HDS)
            </label>
          </div>
        </>
      )}
    </AdminForm>
  );
}
