/**
 * AWS WAF on a REST API stage (the web ACL SecureRestApi creates by default): the per-IP rate-based rule counts on
 * the virtual clock over its evaluation window and blocks with 403 "Forbidden"; managed rule groups are not
 * evaluated and are reported (sim.unsupported, and a trace event per request they would have seen).
 */
import { Duration } from 'aws-cdk-lib';
import { restFrontDoor } from './helpers';

const AUTH = { Authorization: 'allow' };

describe('WAF web ACL of a REST stage', () => {
  test('the rate-based rule blocks a client IP past the limit within the window with 403 {"message":"Forbidden"}; other IPs pass', async () => {
    const { sim, api, handler } = restFrontDoor({ webAcl: { rateLimit: 10, rateLimitWindow: Duration.minutes(1) } });
    const h = sim.api(api);
    const from = (ip: string) => h.request({ method: 'GET', path: '/o', headers: AUTH, sourceIp: ip });
    for (let i = 0; i < 10; i++) expect((await from('192.0.2.7')).statusCode).toBe(200);
    const blocked = await from('192.0.2.7');
    expect(blocked).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect((await from('192.0.2.8')).statusCode).toBe(200);
    expect(sim.trace.find({ type: 'waf-blocked' })?.detail).toMatchObject({ rule: 'RateLimitPerClientIp', sourceIp: '192.0.2.7' });
    expect(sim.lambda(handler).invocations).toHaveLength(11);
    expect(JSON.parse(h.accessLog.at(-2)!).wafResponseCode).toBe('WAF_BLOCK');
  });

  test('requests older than the evaluation window no longer count', async () => {
    const { sim, api } = restFrontDoor({ webAcl: { rateLimit: 10, rateLimitWindow: Duration.minutes(1) } });
    const call = () => sim.api(api).request({ method: 'GET', path: '/o', headers: AUTH });
    for (let i = 0; i < 10; i++) await call();
    expect((await call()).statusCode).toBe(403);
    await sim.advance(Duration.minutes(1));
    expect((await call()).statusCode).toBe(200);
  });

  test('managed rule groups are listed in sim.unsupported and every request they would have seen records waf-rule-not-evaluated', async () => {
    const { sim, api } = restFrontDoor({ webAcl: {} });
    const reasons = sim.unsupported.features.filter(f => f.type === 'AWS::WAFv2::WebACL').map(f => f.reason);
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/AWSManagedRulesAmazonIpReputationList is not evaluated/),
      expect.stringMatching(/AWSManagedRulesCommonRuleSet is not evaluated/),
      expect.stringMatching(/AWSManagedRulesKnownBadInputsRuleSet is not evaluated/),
    ]));
    await sim.api(api).request({ method: 'GET', path: '/o', headers: AUTH });
    expect(sim.trace.find({ type: 'waf-rule-not-evaluated' })?.detail.rules).toEqual([
      'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
  });

  test('the association is found through the stage ARN built from the stage name (Ref of AWS::ApiGateway::Stage)', async () => {
    const { sim, api } = restFrontDoor({ webAcl: { rateLimit: 10 } });
    expect(sim.unsupported.features.filter(f => f.type === 'AWS::WAFv2::WebACLAssociation')).toEqual([]);
    for (let i = 0; i < 11; i++) await sim.api(api).request({ method: 'GET', path: '/o', headers: AUTH });
    expect(sim.trace.count({ type: 'waf-blocked' })).toBe(1);
  });
});
