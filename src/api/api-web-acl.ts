import { Duration, Names, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiLogGroups } from './api-log-groups';
import { ApiWebAclOptions } from './api-web-acl-options';
import { PropValidationError, validateNumberRange } from '../core/validation';

/** Props of the web ACL construct. */
export interface ApiWebAclProps extends ApiWebAclOptions {
  /** ARN of the REST API stage to protect. */
  readonly stageArn: string;
  /** Where WAF logs go (a log group named `aws-waf-logs-...` is created there). */
  readonly logGroups: ApiLogGroups;
}

const CONSTRUCT = 'ApiWebAcl';
const WINDOWS_SECONDS = [60, 120, 300, 600];

/**
 * A regional WAFv2 web ACL (API Gateway stages take REGIONAL scope even for edge-optimized APIs) with AWS managed
 * rule groups, a per-IP rate-based rule, logging (with the credentials headers redacted), and its association to
 * the stage. L1 resources: aws-cdk-lib has no L2 for WAFv2.
 */
export class ApiWebAcl extends Construct {
  /** Checks the options against WAF's ranges; `construct` names the construct the user called in the message. */
  public static validateOptions(construct: string, options: ApiWebAclOptions): void {
    validateNumberRange(construct, 'webAcl.rateLimit', options.rateLimit, 10, 2_000_000_000, 'requests');
    const window = options.rateLimitWindow;
    if (window !== undefined && !Token.isUnresolved(window.toSeconds()) && !WINDOWS_SECONDS.includes(window.toSeconds())) {
      throw new PropValidationError(construct, 'webAcl.rateLimitWindow', window, '1, 2, 5 or 10 minutes');
    }
    if (options.existingWebAclArn !== undefined && options.enabled === false) {
      throw new PropValidationError(construct, 'webAcl.existingWebAclArn', options.existingWebAclArn, 'left out when webAcl.enabled is false');
    }
  }

  /** The created web ACL; undefined when an existing one was associated. */
  public readonly webAcl?: wafv2.CfnWebACL;
  public readonly webAclArn: string;
  public readonly association: wafv2.CfnWebACLAssociation;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    if (props.existingWebAclArn !== undefined) {
      this.webAclArn = props.existingWebAclArn;
    } else {
      this.webAcl = this.createWebAcl(props);
      this.webAclArn = this.webAcl.attrArn;
      this.enableLogging(this.webAcl, props.logGroups);
    }
    this.association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAclArn,
    });
  }

  private createWebAcl(props: ApiWebAclProps): wafv2.CfnWebACL {
    ApiWebAcl.validateOptions(CONSTRUCT, props);
    const rateLimit = props.rateLimit ?? 2000;
    const windowSeconds = (props.rateLimitWindow ?? Duration.minutes(5)).toSeconds();
    const metricPrefix = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`,
    });
    const managed = (name: string, priority: number, countOnly: string[] = []): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: countOnly.length > 0 ? countOnly.map(rule => ({ name: rule, actionToUse: { count: {} } })) : undefined,
        },
      },
      visibilityConfig: visibility(name),
    });

    const rules: wafv2.CfnWebACL.RuleProperty[] = [];
    if (props.ipReputationList ?? true) rules.push(managed('AWSManagedRulesAmazonIpReputationList', rules.length));
    rules.push({
      name: 'RateLimitPerClientIp',
      priority: rules.length,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: windowSeconds } },
      visibilityConfig: visibility('RateLimitPerClientIp'),
    });
    rules.push(managed('AWSManagedRulesCommonRuleSet', rules.length, props.countOnlyRules));
    rules.push(managed('AWSManagedRulesKnownBadInputsRuleSet', rules.length));

    return new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      rules,
    });
  }

  private enableLogging(webAcl: wafv2.CfnWebACL, logGroups: ApiLogGroups): void {
    // WAF only writes to log groups whose name starts with aws-waf-logs-.
    const logGroup = logGroups.logGroup('WafLogs', `aws-waf-logs-${Names.uniqueResourceName(this, { maxLength: 400, separator: '-' })}`);
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: webAcl.attrArn,
      logDestinationConfigs: [ApiLogGroups.bareArn(logGroup)],
      // Bearer tokens and API keys must not end up in logs.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'x-api-key' } }],
    });
  }
}
