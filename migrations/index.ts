import { Platform1764331200000 } from './1764331200000-Platform';
import { Catalog1764400000000 } from './1764400000000-Catalog';
import { Register1764400100000 } from './1764400100000-Register';
import { Certification1764500000000 } from './1764500000000-Certification';
import { Vendors1764600000000 } from './1764600000000-Vendors';
import { AccessReviews1764700000000 } from './1764700000000-AccessReviews';
import { Breaches1764800000000 } from './1764800000000-Breaches';
import { WebSessions1765700000000 } from './1765700000000-WebSessions';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Platform1764331200000,
  Catalog1764400000000,
  Register1764400100000,
  Certification1764500000000,
  Vendors1764600000000,
  AccessReviews1764700000000,
  Breaches1764800000000,
  WebSessions1765700000000,
];
