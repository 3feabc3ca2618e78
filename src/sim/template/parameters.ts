import { templateError } from './errors';

/**
 * Parameter values: the caller's value, else the template's Default; list types become string lists. Validation
 * follows what CloudFormation checks when a stack is created (missing values, unknown names, AllowedValues,
 * AllowedPattern, Number types, lengths and ranges).
 */
export function resolveParameters(
  declared: Readonly<Record<string, any>> | undefined,
  given: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const decls = declared ?? {};
  const unknown = Object.keys(given).filter(name => !Object.prototype.hasOwnProperty.call(decls, name));
  if (unknown.length > 0) throw templateError('Parameters', `Parameters: [${unknown.join(', ')}] do not exist in the template`);

  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [name, decl] of Object.entries(decls)) {
    const type = String(decl?.Type ?? 'String');
    const raw = given[name] !== undefined ? given[name] : decl?.Default;
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    if (type.startsWith('AWS::SSM::Parameter::Value<') && given[name] === undefined) {
      // The default names an SSM parameter the simulator cannot read (e.g. CDK's BootstrapVersion); its value stays
      // a recognisable placeholder. Pass `parameters: { Name: value }` to give one.
      values[name] = `{{resolve:ssm:${String(raw)}}}`;
      continue;
    }
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList' || type.startsWith('AWS::SSM::Parameter::Value<List<');
    const list: string[] = Array.isArray(raw) ? raw.map(String) : isList ? String(raw).split(',').map(s => (type === 'CommaDelimitedList' ? s : s.trim())) : [String(raw)];
    for (const item of list) checkValue(name, type, item, decl ?? {});
    values[name] = isList ? list : list[0];
  }
  if (missing.length > 0) throw templateError('Parameters', `Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

function checkValue(name: string, type: string, value: string, decl: Record<string, any>): void {
  if ((type === 'Number' || type === 'List<Number>') && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    throw templateError('Parameters', `Parameter '${name}' must be a number`);
  }
  if (Array.isArray(decl.AllowedValues) && !decl.AllowedValues.map(String).includes(value)) {
    throw templateError('Parameters', `Parameter '${name}' must be one of AllowedValues`);
  }
  if (typeof decl.AllowedPattern === 'string' && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(value)) {
    throw templateError('Parameters', `Parameter '${name}' must match pattern ${decl.AllowedPattern}`);
  }
  if (decl.MinLength !== undefined && value.length < Number(decl.MinLength)) {
    throw templateError('Parameters', `Parameter '${name}' must contain at least ${decl.MinLength} characters`);
  }
  if (decl.MaxLength !== undefined && value.length > Number(decl.MaxLength)) {
    throw templateError('Parameters', `Parameter '${name}' must contain at most ${decl.MaxLength} characters`);
  }
  if (decl.MinValue !== undefined && Number(value) < Number(decl.MinValue)) {
    throw templateError('Parameters', `Parameter '${name}' must be a number not less than ${decl.MinValue}`);
  }
  if (decl.MaxValue !== undefined && Number(value) > Number(decl.MaxValue)) {
    throw templateError('Parameters', `Parameter '${name}' must be a number not greater than ${decl.MaxValue}`);
  }
}
