import * as ipaddr from 'ipaddr.js';
import { comparing, ConditionOperator } from './types';

/** `IpAddress` / `NotIpAddress`: the request address within a CIDR range (or equal to an address); ipaddr.js parses both families. */
export function ipInRange(value: string, range: string): boolean {
  try {
    const address = ipaddr.process(value);
    if (!range.includes('/')) return address.toString() === ipaddr.process(range).toString();
    const [network, bits] = ipaddr.parseCIDR(range);
    const a = address.kind() === network.kind() ? address : undefined;
    return a !== undefined && a.match([network, bits] as [typeof a, number]);
  } catch {
    return false;
  }
}

export const IP_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  IpAddress: comparing(ipInRange, false),
  NotIpAddress: comparing(ipInRange, true),
};
