import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** The four packs every construct must pass with default props. */
export function allPacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new NIST80053R5Checks(), new HIPAASecurityChecks(), new PCIDSS321Checks()];
}

/** Unacknowledged cdk-nag errors of all four packs, as "RuleId @ construct path" lines (empty when clean). */
export function nagErrors(scope: IConstruct): string[] {
  const errors: string[] = [];
  for (const pack of allPacks()) {
    const report = pack.validateScope(scope);
    for (const violation of report.violations) {
      if (violation.severity !== 'error') continue;
      for (const resource of violation.violatingResources) {
        errors.push(`${violation.ruleName} @ ${(resource as any).constructPath ?? resource.resourceLogicalId}`);
      }
    }
  }
  return errors;
}

/** Every unacknowledged finding (errors and warnings), for tests that want the warnings pinned too. */
export function nagFindings(scope: IConstruct): string[] {
  const findings: string[] = [];
  for (const pack of allPacks()) {
    for (const violation of pack.validateScope(scope).violations) {
      for (const resource of violation.violatingResources) findings.push(`${violation.severity}: ${violation.ruleName} @ ${(resource as any).constructPath ?? resource.resourceLogicalId}`);
    }
  }
  return findings;
}
