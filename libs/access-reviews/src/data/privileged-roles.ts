/**
 * Words that make an account's role administrative (flag `privileged`). Compared case-insensitively and
 * without accents, with every word of the role (`DB_Admin`, `Super Admin`, `Administrateur fonctionnel`) and
 * with the whole role (`super-utilisateur`). Add entries here; nothing else needs to change.
 */
export const PRIVILEGED_ROLE_WORDS: readonly string[] = [
  'admin',
  'admins',
  'administrator',
  'administrators',
  'administrateur',
  'administrateurs',
  'administratrice',
  'root',
  'superuser',
  'superutilisateur',
  'super-utilisateur',
  'super utilisateur',
  'superadmin',
  'sysadmin',
  'dba',
  'sysdba',
  'db_owner',
  'domain admins',
  'enterprise admins',
];
