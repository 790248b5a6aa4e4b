// The demo procedure catalogue: real national administrative procedures as versionable data, for
// seeding the demo city and for tests. Facts that could not be confirmed are marked "(confirm)" in
// each file; every value is data, so correcting one is publishing a new version.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { birthRegistration } from './birth-registration.ts';
import { buildingPermit } from './building-permit.ts';
import { certifiedCopy } from './certified-copy.ts';
import { criminalRecordCertificate } from './criminal-record-certificate.ts';
import { foodSafetyCertificate } from './food-safety-certificate.ts';
import { householdBusinessRegistration } from './household-business-registration.ts';
import { landFirstCertificate } from './land-first-certificate.ts';
import { marriageRegistration } from './marriage-registration.ts';
import { medicalPracticeLicence } from './medical-practice-licence.ts';

export { AGENCY, DEMO_AGENCY_CODES, DEPARTMENT_CODES, ROLE_CODES } from './shared.ts';
export {
  birthRegistration,
  buildingPermit,
  certifiedCopy,
  criminalRecordCertificate,
  foodSafetyCertificate,
  householdBusinessRegistration,
  landFirstCertificate,
  marriageRegistration,
  medicalPracticeLicence,
};

/** Commune-level procedures first, then department-level ones. */
export const DEMO_PROCEDURES: ProcedureDefinition[] = [
  birthRegistration,
  marriageRegistration,
  certifiedCopy,
  householdBusinessRegistration,
  buildingPermit,
  landFirstCertificate,
  criminalRecordCertificate,
  foodSafetyCertificate,
  medicalPracticeLicence,
];
