import type { z } from 'zod';
import type {
  AgencyKind,
  AgencyView,
  AuditView,
  MembershipView,
  MessageView,
  RoleView,
  SessionUser,
  SessionView,
  TotpSetupView,
  UnitView,
  UserView,
} from '../../contracts/identity.ts';

// Types of what the server sends, inferred from the shared contracts.
export type Session = z.infer<typeof SessionView>;
export type User = z.infer<typeof SessionUser>;
export type Membership = z.infer<typeof MembershipView>;
export type Agency = z.infer<typeof AgencyView>;
export type AgencyKindCode = z.infer<typeof AgencyKind>;
export type UserRecord = z.infer<typeof UserView>;
export type Role = z.infer<typeof RoleView>;
export type Unit = z.infer<typeof UnitView>;
export type AuditEntry = z.infer<typeof AuditView>;
export type Message = z.infer<typeof MessageView>;
export type TotpSetup = z.infer<typeof TotpSetupView>;

export interface Items<T> {
  items: T[];
}
