import * as ipaddr from 'ipaddr.js';
import { invalidPolicy } from '../errors';
import { Condition, Scalar } from '../types';
import { MatchOperator } from './operator';

/**
 * IP address matching (string-value-matching): `{"cidr": "10.0.0.0/24"}` matches string values that are IPv4 or
 * IPv6 addresses inside the block. Parsing and matching use the bundled `ipaddr.js`; an IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`) is compared as the IPv4 address it carries. The validation messages are SNS's, including its
 * quirk of reporting a non-string operand as a prefix pattern.
 */
export const cidrOperator: MatchOperator = {
  name: 'cidr',
  compile(operand: unknown): Condition {
    if (typeof operand !== 'string') return invalidPolicy('prefix match pattern must be a string');
    const parts = operand.split('/');
    if (parts.length !== 2) invalidPolicy("Malformed CIDR, one '/' required");
    const [address, maskText] = parts;
    if (!/^\d+$/.test(maskText)) invalidPolicy('Malformed CIDR, mask bits must be an integer');
    let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      range = ipaddr.parseCIDR(operand);
    } catch {
      return invalidPolicy(`Nonstandard IP address: ${address}`);
    }
    const [network, bits] = range;
    const kind = network.kind();
    return {
      kind: 'test',
      test: (v: Scalar) => {
        if (typeof v !== 'string' || !ipaddr.isValid(v)) return false;
        const ip = ipaddr.process(v);
        return ip.kind() === kind && ip.match(network, bits);
      },
    };
  },
};
