import { Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { ApiWebAcl } from './api-web-acl';
import { CertificateRegionCheck } from './certificate-region-check';
import type { SecureMethodOptions, SecureRestApiProps } from './secure-rest-api';
import { ThrottleValidation } from './throttle-validation';
import { PropValidationError, validateDurationRange } from '../core/validation';

const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];
const PARAMETER_PATTERN = /^method\.request\.(header|querystring|multivalueheader|multivaluequerystring|path)\.[^.\s]+$/;
const STAGE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Prop checks shared by SecureRestApi and the constructs that build one, so errors name the construct the user called. */
export class SecureRestApiValidation {
  public static validate(scope: Construct, construct: string, props: SecureRestApiProps): void {
    if (props.authorization === undefined && props.allowUnauthenticatedAccess !== true) {
      throw new PropValidationError(construct, 'authorization', undefined,
        'an authorizer (RestApiAuthorization.iam(), .cognito(...), .lambdaToken(...) or .lambdaRequest(...)), '
        + 'or allowUnauthenticatedAccess: true to publish the API without any authorization');
    }
    if (props.authorization !== undefined && props.allowUnauthenticatedAccess === true) {
      throw new PropValidationError(construct, 'allowUnauthenticatedAccess', true, 'false (or left out) when an authorization is given');
    }
    const stageName = props.stageName;
    if (stageName !== undefined && !Token.isUnresolved(stageName) && !STAGE_NAME_PATTERN.test(stageName)) {
      throw new PropValidationError(construct, 'stageName', stageName, '1 to 128 letters, digits, hyphens or underscores');
    }
    ThrottleValidation.throttle(construct, 'throttle', props.throttle);
    (props.methodThrottles ?? []).forEach((t, i) => ThrottleValidation.methodThrottle(construct, `methodThrottles[${i}]`, t));
    ThrottleValidation.usagePlans(construct, props.usagePlans ?? []);
    ApiWebAcl.validateOptions(construct, props.webAcl ?? {});

    const endpointType = props.endpointType ?? apigw.EndpointType.EDGE;
    if (endpointType === apigw.EndpointType.PRIVATE) {
      if (props.vpcEndpoint === undefined && props.vpc === undefined) {
        throw new PropValidationError(construct, 'vpcEndpoint', undefined,
          'an execute-api interface VPC endpoint (vpcEndpoint), or a vpc to create one in, for a PRIVATE endpoint');
      }
      if (props.vpcEndpoint !== undefined && props.vpc !== undefined) {
        throw new PropValidationError(construct, 'vpc', 'a VPC', 'left out when vpcEndpoint is given (the endpoint already has its VPC)');
      }
      if (props.customDomain !== undefined) {
        throw new PropValidationError(construct, 'customDomain', props.customDomain.domainName, 'an EDGE or REGIONAL endpoint (not PRIVATE)');
      }
    } else if (props.vpcEndpoint !== undefined || props.vpc !== undefined) {
      throw new PropValidationError(construct, props.vpcEndpoint ? 'vpcEndpoint' : 'vpc', endpointType, 'only with endpointType PRIVATE');
    }

    if (props.cacheClusterSize !== undefined && !CACHE_SIZES.includes(props.cacheClusterSize)) {
      throw new PropValidationError(construct, 'cacheClusterSize', props.cacheClusterSize, `one of ${CACHE_SIZES.join(', ')} (GB)`);
    }
    if (props.cacheTtl !== undefined && props.cacheClusterSize === undefined) {
      throw new PropValidationError(construct, 'cacheTtl', props.cacheTtl, 'only together with cacheClusterSize');
    }
    validateDurationRange(construct, 'cacheTtl', props.cacheTtl, 0, 3600, '0 seconds to 1 hour');
    if (props.customDomain !== undefined) CertificateRegionCheck.validate(scope, construct, endpointType, props.customDomain);
  }

  public static methodOptions(construct: string, options: SecureMethodOptions): void {
    for (const parameter of options.requiredRequestParameters ?? []) {
      if (!PARAMETER_PATTERN.test(parameter)) {
        throw new PropValidationError(construct, 'requiredRequestParameters', parameter,
          'names like method.request.header.NAME, method.request.querystring.NAME or method.request.path.NAME');
      }
    }
  }

  private constructor() {}
}
