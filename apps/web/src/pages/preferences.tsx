import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import {
  DELIVERY_LABELS,
  preferencesOf,
  savePreferences,
  type Delivery,
  type PreferenceItem,
} from '../api/notifications';
import { ErrorNotice, Loading } from '../ui/page';

const ALL: Delivery[] = ['immediate', 'digest', 'off'];

/** « Mon compte »: how each kind of notice is e-mailed; a legal deadline's e-mail cannot be switched off. */
export function NotificationPreferences() {
  const queryClient = useQueryClient();
  const loaded = useQuery({ queryKey: ['notification-preferences'], queryFn: preferencesOf });
  const [choices, setChoices] = useState<Record<string, Delivery>>({});
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (loaded.data) setChoices(Object.fromEntries(loaded.data.items.map((p) => [p.kind, p.delivery])));
  }, [loaded.data]);
  const save = useMutation({
    mutationFn: () =>
      savePreferences(
        (loaded.data?.items ?? []).map((p) => ({ kind: p.kind, delivery: choices[p.kind] ?? p.delivery })),
      ),
    onSuccess: (answer) => {
      queryClient.setQueryData(['notification-preferences'], answer);
      setDone(true);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate();
  }

  return (
    <>
      <h2 id="preferences">Courriels de notification</h2>
      <p className="hint">
        Chaque notification reste affichée dans Vigie (« Notifications »). Choisissez pour chaque sorte si
        elle vous est aussi envoyée par courriel tout de suite, dans un résumé quotidien à 8 h, ou pas du
        tout.
      </p>
      {loaded.isPending ? <Loading /> : null}
      {loaded.isError ? <ErrorNotice>Vos préférences n'ont pas pu être chargées.</ErrorNotice> : null}
      {done ? (
        <p className="notice notice-success" role="status">
          Vos préférences ont été enregistrées.
        </p>
      ) : null}
      {save.isError ? (
        <ErrorNotice>Vos préférences n'ont pas pu être enregistrées. Réessayez dans un instant.</ErrorNotice>
      ) : null}
      {loaded.data ? (
        <form className="form preferences" onSubmit={submit} aria-labelledby="preferences">
          {loaded.data.items.map((p) => (
            <PreferenceField
              key={p.kind}
              preference={p}
              value={choices[p.kind] ?? p.delivery}
              onChange={(delivery) => {
                setDone(false);
                setChoices((before) => ({ ...before, [p.kind]: delivery }));
              }}
            />
          ))}
          <button type="submit" className="button" disabled={save.isPending}>
            Enregistrer les préférences
          </button>
        </form>
      ) : null}
    </>
  );
}

function PreferenceField({
  preference,
  value,
  onChange,
}: {
  preference: PreferenceItem;
  value: Delivery;
  onChange(delivery: Delivery): void;
}) {
  const name = `delivery-${preference.kind}`;
  const hintId = `${name}-hint`;
  return (
    <fieldset className="field checkbox-group" aria-describedby={preference.legal ? hintId : undefined}>
      <legend>{preference.label}</legend>
      {preference.legal ? (
        <p className="hint" id={hintId}>
          Échéance légale (RGPD) : ce courriel ne peut pas être désactivé, seul le résumé quotidien est
          possible.
        </p>
      ) : null}
      {ALL.map((delivery) => (
        <label key={delivery}>
          <input
            type="radio"
            name={name}
            value={delivery}
            checked={value === delivery}
            disabled={!preference.choices.includes(delivery)}
            onChange={() => onChange(delivery)}
          />{' '}
          {DELIVERY_LABELS[delivery]}
        </label>
      ))}
    </fieldset>
  );
}
