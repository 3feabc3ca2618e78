import { Stack, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { IConstruct } from 'constructs';
import { ApiCustomDomainOptions } from './custom-domain';
import { PropValidationError } from '../core/validation';

/**
 * Checks, at synth time, that a custom domain's certificate is in the region its endpoint type requires. The
 * certificate region comes from its ARN (or, for a certificate created in this app, from its stack); the check is
 * skipped when either region is an unresolved token.
 */
export class CertificateRegionCheck {
  public static validate(scope: IConstruct, construct: string, endpointType: apigw.EndpointType, domain: ApiCustomDomainOptions): void {
    const certificateRegion = CertificateRegionCheck.regionOf(domain.certificate);
    if (certificateRegion === undefined) return;
    if (endpointType === apigw.EndpointType.EDGE) {
      if (certificateRegion !== 'us-east-1') {
        throw new PropValidationError(construct, 'customDomain.certificate', `certificate in ${certificateRegion}`,
          'an ACM certificate in us-east-1 for an EDGE (edge-optimized) endpoint, because CloudFront reads edge certificates from us-east-1; '
          + 'request or import the certificate in us-east-1, or use endpointType REGIONAL');
      }
      return;
    }
    const apiRegion = Stack.of(scope).region;
    if (Token.isUnresolved(apiRegion)) return;
    if (certificateRegion !== apiRegion) {
      throw new PropValidationError(construct, 'customDomain.certificate', `certificate in ${certificateRegion}`,
        `an ACM certificate in the API's region (${apiRegion}) for a ${endpointType} endpoint`);
    }
  }

  /** The region of a certificate, when it can be known at synth time. */
  public static regionOf(certificate: acm.ICertificate): string | undefined {
    const arnParts = certificate.certificateArn.split(':');
    if (arnParts.length >= 6 && arnParts[0] === 'arn' && arnParts[3] !== '' && !Token.isUnresolved(arnParts[3])) {
      return arnParts[3];
    }
    // A certificate created in this app lives in its stack's region.
    if (certificate instanceof acm.Certificate) {
      const region = Stack.of(certificate).region;
      return Token.isUnresolved(region) ? undefined : region;
    }
    return undefined;
  }

  private constructor() {}
}
