import { Platform1764331200000 } from './1764331200000-Platform';
import { Certification1764500000000 } from './1764500000000-Certification';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [Platform1764331200000, Certification1764500000000];
