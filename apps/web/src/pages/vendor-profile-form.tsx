import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { CERTIFICATION_LABELS, putVendorProfile, type VendorProfile } from '../api/vendors';
import { ErrorSummary, SelectField, TextField } from '../ui/fields';

const KINDS = Object.entries(CERTIFICATION_LABELS).map(([key, label]) => ({ key, label }));
type Certification = Omit<VendorProfile['certifications'][number], 'expired'>;
type SubProcessor = VendorProfile['subProcessors'][number];

/** The RSSI's form of a vendor's profile: identity, certifications with their validity, data locations, sub-processors. */
export function VendorProfileForm({
  profile,
  onDone,
}: {
  profile: VendorProfile;
  onDone(text?: string): void;
}) {
  const queryClient = useQueryClient();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [siren, setSiren] = useState(profile.siren ?? '');
  const [address, setAddress] = useState(profile.address ?? '');
  const [locations, setLocations] = useState(profile.dataLocations.join(', '));
  const [certifications, setCertifications] = useState<Certification[]>(
    profile.certifications.map(({ expired: _expired, ...c }) => c),
  );
  const [subProcessors, setSubProcessors] = useState<SubProcessor[]>(profile.subProcessors);
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);

  const save = useMutation({
    mutationFn: () =>
      putVendorProfile(profile.vendorId, {
        siren: siren.replace(/\s/g, '') || null,
        address: address.trim() || null,
        dataLocations: locations
          .split(/[,;\s]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean),
        certifications: certifications.map((c) => ({
          ...c,
          validFrom: c.validFrom || null,
          validUntil: c.validUntil || null,
          scope: c.scope?.trim() || null,
        })),
        subProcessors,
        version: profile.version,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['vendor-profile', profile.vendorId], saved);
      onDone('Le profil du fournisseur est enregistré.');
    },
    onError: (error) => {
      setErrors(
        error instanceof ApiError && error.status === 400 && error.problem.errors?.length
          ? error.problem.errors.map((e) => ({ id: 'profile-siren', message: `${e.field} : ${e.message}` }))
          : [
              {
                id: 'profile-siren',
                message:
                  error instanceof ApiError && error.status === 409
                    ? 'Le profil a été modifié entre-temps : rechargez la page.'
                    : "L'enregistrement a échoué. Réessayez dans un instant.",
              },
            ],
      );
      setTimeout(() => summaryRef.current?.focus());
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: { id: string; message: string }[] = [];
    certifications.forEach((c, i) => {
      if (!c.reference.trim())
        found.push({ id: `cert-${i}-reference`, message: `Certification ${i + 1} : indiquez sa référence.` });
    });
    subProcessors.forEach((s, i) => {
      if (!s.name.trim() || !s.service.trim() || !/^[A-Za-z]{2}$/.test(s.country.trim()))
        found.push({
          id: `sub-${i}-name`,
          message: `Sous-traitant ${i + 1} : nom, service et pays (code à deux lettres, par exemple FR) sont obligatoires.`,
        });
    });
    setErrors(found);
    if (found.length > 0) {
      setTimeout(() => summaryRef.current?.focus());
      return;
    }
    save.mutate();
  }

  const setCert = (i: number, next: Partial<Certification>) =>
    setCertifications((list) => list.map((c, j) => (j === i ? { ...c, ...next } : c)));
  const setSub = (i: number, next: Partial<SubProcessor>) =>
    setSubProcessors((list) => list.map((s, j) => (j === i ? { ...s, ...next } : s)));

  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">Modifier le profil</h2>
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <TextField
        id="profile-siren"
        label="SIREN"
        hint="9 chiffres"
        inputMode="numeric"
        value={siren}
        onChange={(e) => setSiren(e.target.value)}
      />
      <TextField
        id="profile-address"
        label="Adresse"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
      <TextField
        id="profile-locations"
        label="Pays où les données sont hébergées"
        hint="Codes pays séparés par des virgules, par exemple FR, DE"
        value={locations}
        onChange={(e) => setLocations(e.target.value)}
      />
      <fieldset className="list-editor">
        <legend>Certifications</legend>
        {certifications.map((c, i) => (
          <div key={i} className="list-item">
            <SelectField
              id={`cert-${i}-kind`}
              label={`Certification ${i + 1} : type`}
              options={KINDS}
              value={c.kind}
              onChange={(e) => setCert(i, { kind: e.target.value as Certification['kind'] })}
            />
            <TextField
              id={`cert-${i}-reference`}
              label={`Certification ${i + 1} : référence du certificat`}
              required
              value={c.reference}
              onChange={(e) => setCert(i, { reference: e.target.value })}
            />
            <TextField
              id={`cert-${i}-from`}
              label={`Certification ${i + 1} : valable depuis le`}
              type="date"
              value={c.validFrom ?? ''}
              onChange={(e) => setCert(i, { validFrom: e.target.value })}
            />
            <TextField
              id={`cert-${i}-until`}
              label={`Certification ${i + 1} : valable jusqu’au`}
              type="date"
              value={c.validUntil ?? ''}
              onChange={(e) => setCert(i, { validUntil: e.target.value })}
            />
            <TextField
              id={`cert-${i}-scope`}
              label={`Certification ${i + 1} : périmètre`}
              value={c.scope ?? ''}
              onChange={(e) => setCert(i, { scope: e.target.value })}
            />
            <button
              type="button"
              className="button button-link"
              onClick={() => setCertifications((list) => list.filter((_, j) => j !== i))}
            >
              Retirer la certification {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            setCertifications((list) => [
              ...list,
              { kind: 'iso27001', reference: '', validFrom: null, validUntil: null, scope: null },
            ])
          }
        >
          Ajouter une certification
        </button>
      </fieldset>
      <fieldset className="list-editor">
        <legend>Sous-traitants ultérieurs</legend>
        {subProcessors.map((s, i) => (
          <div key={i} className="list-item">
            <TextField
              id={`sub-${i}-name`}
              label={`Sous-traitant ${i + 1} : nom`}
              required
              value={s.name}
              onChange={(e) => setSub(i, { name: e.target.value })}
            />
            <TextField
              id={`sub-${i}-service`}
              label={`Sous-traitant ${i + 1} : service rendu`}
              required
              value={s.service}
              onChange={(e) => setSub(i, { service: e.target.value })}
            />
            <TextField
              id={`sub-${i}-country`}
              label={`Sous-traitant ${i + 1} : pays`}
              hint="Code à deux lettres, par exemple FR"
              required
              maxLength={2}
              value={s.country}
              onChange={(e) => setSub(i, { country: e.target.value.toUpperCase() })}
            />
            <button
              type="button"
              className="button button-link"
              onClick={() => setSubProcessors((list) => list.filter((_, j) => j !== i))}
            >
              Retirer le sous-traitant {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setSubProcessors((list) => [...list, { name: '', service: '', country: 'FR' }])}
        >
          Ajouter un sous-traitant
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer le profil
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone()}>
          Annuler
        </button>
      </div>
    </form>
  );
}
