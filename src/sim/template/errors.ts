import { TemplateLoadError } from '../kernel';

/**
 * A template error as CloudFormation reports it when it validates a template (`ValidationError`, message as AWS
 * words it). `where` is the logical id (or section) the error belongs to.
 */
export function templateError(where: string, message: string): TemplateLoadError {
  return new TemplateLoadError(where, 'ValidationError', message);
}

/** A construct the simulator cannot evaluate (a feature it does not support), named so the user can work around it. */
export class UnsupportedTemplateFeatureError extends Error {
  constructor(where: string, feature: string, advice: string) {
    super(`${where}: ${feature} is not supported by the simulator: ${advice}`);
    this.name = 'UnsupportedTemplateFeatureError';
  }
}
