import type { Migration } from 'kysely/migration';
import * as foundation from './20261123T1100_foundation.ts';
import * as dossiers from './20261123T1200_dossiers.ts';
import * as staff from './20261123T1300_staff.ts';
import * as queueIndexes from './20261123T1400_queue_indexes.ts';
import * as registry from './20261123T1500_registry.ts';
import * as registryNameWords from './20261123T1600_registry_name_words.ts';
import * as registryImports from './20261123T1700_registry_imports.ts';
import * as registryNumberPrefix from './20261124T0900_registry_number_prefix.ts';
import * as completenessCheck from './20261201T1000_completeness_check.ts';
import * as receptionVisits from './20261201T1200_reception_visits.ts';
import * as denouncerIdentities from './20261201T1300_denouncer_identities.ts';
import * as survey from './20261201T1400_survey.ts';
import * as enforcementResults from './20261201T1500_enforcement_results.ts';
import * as statsIndexes from './20261201T1600_stats_indexes.ts';
import * as trackingFailures from './20261201T1700_tracking_failures.ts';
import * as signinThrottle from './20261201T1710_signin_throttle.ts';
import * as registryPublicIds from './20261201T1720_registry_public_ids.ts';
import * as attachmentFlags from './20261201T1730_attachment_flags.ts';
import * as rateLimits from './20261202T0900_rate_limits.ts';
import * as importLeases from './20261202T0910_import_leases.ts';
import * as totpLastStep from './20261202T0940_totp_last_step.ts';
import * as referenceNotify from './20261203T0900_reference_notify.ts';

/**
 * Every migration, keyed by its timestamped name (applied in key order).
 * A static list rather than a directory scan, so the same list works in Node scripts, tests and the Vite bundle.
 */
export const migrations: Record<string, Migration> = {
  '20261123T1100_foundation': foundation,
  '20261123T1200_dossiers': dossiers,
  '20261123T1300_staff': staff,
  '20261123T1400_queue_indexes': queueIndexes,
  '20261123T1500_registry': registry,
  '20261123T1600_registry_name_words': registryNameWords,
  '20261123T1700_registry_imports': registryImports,
  '20261124T0900_registry_number_prefix': registryNumberPrefix,
  '20261201T1000_completeness_check': completenessCheck,
  '20261201T1200_reception_visits': receptionVisits,
  '20261201T1300_denouncer_identities': denouncerIdentities,
  '20261201T1400_survey': survey,
  '20261201T1500_enforcement_results': enforcementResults,
  '20261201T1600_stats_indexes': statsIndexes,
  '20261201T1700_tracking_failures': trackingFailures,
  '20261201T1710_signin_throttle': signinThrottle,
  '20261201T1720_registry_public_ids': registryPublicIds,
  '20261201T1730_attachment_flags': attachmentFlags,
  '20261202T0900_rate_limits': rateLimits,
  '20261202T0910_import_leases': importLeases,
  '20261202T0940_totp_last_step': totpLastStep,
  '20261203T0900_reference_notify': referenceNotify,
};
