import { Platform1764331200000 } from './1764331200000-Platform';
import { Catalog1764400000000 } from './1764400000000-Catalog';
import { Register1764400100000 } from './1764400100000-Register';
import { Certification1764500000000 } from './1764500000000-Certification';
import { Vendors1764600000000 } from './1764600000000-Vendors';
import { AccessReviews1764700000000 } from './1764700000000-AccessReviews';
import { Breaches1764800000000 } from './1764800000000-Breaches';
import { ControllerDetails1764900000000 } from './1764900000000-ControllerDetails';
import { RegisterRules1765000000000 } from './1765000000000-RegisterRules';
import { DpiaExemption1765100000000 } from './1765100000000-DpiaExemption';
import { BreachRegisterDetails1765200000000 } from './1765200000000-BreachRegisterDetails';
import { ContractArt28Clauses1765300000000 } from './1765300000000-ContractArt28Clauses';
import { AgentDirectory1765300000001 } from './1765300000001-AgentDirectory';
import { CertificationFrench1765400000000 } from './1765400000000-CertificationFrench';
import { WebSessions1765700000000 } from './1765700000000-WebSessions';
import { AuditChainKeys1765800000000 } from './1765800000000-AuditChainKeys';
import { SessionVersion1765800000001 } from './1765800000001-SessionVersion';
import { Notifications1765900000000 } from './1765900000000-Notifications';
import { RegisterPublication1766000000000 } from './1766000000000-RegisterPublication';
import { RegisterListSort1766100000000 } from './1766100000000-RegisterListSort';
import { MembershipEnd1766500000000 } from './1766500000000-MembershipEnd';
import { SingleSignOn1766600000000 } from './1766600000000-SingleSignOn';
import { RateLimitCounters1766700000000 } from './1766700000000-RateLimitCounters';
import { EvidenceVersion1768300000000 } from './1768300000000-EvidenceVersion';
import { TableChangeMarks1768600000000 } from './1768600000000-TableChangeMarks';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Platform1764331200000,
  Catalog1764400000000,
  Register1764400100000,
  Certification1764500000000,
  Vendors1764600000000,
  AccessReviews1764700000000,
  Breaches1764800000000,
  ControllerDetails1764900000000,
  RegisterRules1765000000000,
  DpiaExemption1765100000000,
  BreachRegisterDetails1765200000000,
  ContractArt28Clauses1765300000000,
  AgentDirectory1765300000001,
  CertificationFrench1765400000000,
  WebSessions1765700000000,
  AuditChainKeys1765800000000,
  SessionVersion1765800000001,
  Notifications1765900000000,
  RegisterPublication1766000000000,
  RegisterListSort1766100000000,
  MembershipEnd1766500000000,
  SingleSignOn1766600000000,
  RateLimitCounters1766700000000,
  EvidenceVersion1768300000000,
  TableChangeMarks1768600000000,
];
