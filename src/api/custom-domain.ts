import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';

/** A custom domain name for a REST API. */
export interface ApiCustomDomainOptions {
  /** The fully qualified domain name, e.g. `api.example.com`. */
  readonly domainName: string;
  /**
   * The ACM certificate for the domain. An edge-optimized API needs a certificate in us-east-1 (CloudFront reads
   * it there); a regional API needs one in the API's own region.
   */
  readonly certificate: acm.ICertificate;
  /**
   * Path under the domain that maps to this API's stage (e.g. `orders` -> https://api.example.com/orders/...).
   * @default - the API is mapped at the root of the domain
   */
  readonly basePath?: string;
  /**
   * Minimum TLS version offered to clients.
   * @default SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigw.SecurityPolicy;
}
