/**
 * Python handlers, run by the machine's `python3` in a child process per invocation (so every invocation is a cold
 * start: module top-level code runs each time). A small bootstrap imports the handler module (or runs inline source as
 * `index`), calls `handler(event, context)` and writes the JSON result (or the error Lambda's Python runtime reports)
 * to file descriptor 3; stdout and stderr lines are the function's log. boto3 reaches the simulator through
 * `AWS_ENDPOINT_URL` (a loopback server) with the execution role's credentials in the environment.
 */
import { spawn, spawnSync } from 'child_process';
import type { Readable } from 'stream';
import { FunctionCode } from './locate';
import { runtimeError } from './runtime-errors';
import type { LambdaContext } from '../context';

const BOOTSTRAP = `
import sys, json, os, time, types, importlib, traceback
req = json.loads(sys.stdin.read())
out = os.fdopen(3, 'w')
def reply(value):
    out.write(json.dumps(value)); out.flush(); sys.exit(0)
def fail(error_type, message, trace):
    reply({'error': {'errorType': error_type, 'errorMessage': message, 'stackTrace': trace}})
class Context:
    def __init__(self, c):
        self.function_name = c['functionName']; self.function_version = c['functionVersion']
        self.invoked_function_arn = c['invokedFunctionArn']; self.memory_limit_in_mb = c['memoryLimitInMB']
        self.aws_request_id = c['awsRequestId']; self.log_group_name = c['logGroupName']; self.log_stream_name = c['logStreamName']
        self._deadline = time.time() * 1000 + c['remainingMs']
    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - time.time() * 1000))
module_name = req['module']
try:
    if req.get('source') is not None:
        module = types.ModuleType('index')
        module.__file__ = '/var/task/index.py'
        exec(compile(req['source'], '/var/task/index.py', 'exec'), module.__dict__)
    else:
        sys.path.insert(0, req['root'])
        module = importlib.import_module(module_name.replace('/', '.'))
except SyntaxError as e:
    fail('Runtime.UserCodeSyntaxError', "Syntax error in module '%s': %s" % (module_name, e), [])
except ImportError as e:
    fail('Runtime.ImportModuleError', "Unable to import module '%s': %s" % (module_name, e), [])
handler = getattr(module, req['function'], None)
if handler is None:
    fail('Runtime.HandlerNotFound', "Handler '%s' missing on module '%s'" % (req['function'], module_name), [])
try:
    result = handler(req['event'], Context(req['context']))
except Exception as e:
    fail(type(e).__name__, str(e), traceback.format_list(traceback.extract_tb(e.__traceback__)))
try:
    reply({'result': result})
except TypeError as e:
    fail('Runtime.MarshalError', 'Unable to marshal response: %s' % e, [])
`;

/** Why Python handlers cannot run on this machine (no python3, no boto3), or undefined when they can. */
export function pythonUnavailableReason(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 10_000 });
  if (probe.error) return 'python3 is not installed: Python handlers are not run';
  if (probe.status !== 0) return 'boto3 is not installed for python3 (Debian: python3-boto3): Python handlers are not run';
  return undefined;
}

export class PythonEnvironment {
  constructor(private readonly code: FunctionCode, private readonly log: (requestId: string | undefined, level: string, message: string) => void) {}

  public invoke(event: unknown, context: LambdaContext, env: Record<string, string>, timeoutMs: number, timeoutMessage: string): Promise<unknown> {
    const handler = this.code.handler ?? '';
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) return Promise.reject(runtimeError('Runtime.MalformedHandlerName', `Bad handler '${handler}': not enough values to unpack (expected 2, got 1)`));
    const location = this.code.location;
    const request = {
      module: handler.slice(0, dot),
      function: handler.slice(dot + 1),
      root: location.kind === 'directory' ? location.dir : undefined,
      source: location.kind === 'inline' ? location.source : undefined,
      event,
      context: {
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn,
        memoryLimitInMB: context.memoryLimitInMB,
        awsRequestId: context.awsRequestId,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        remainingMs: context.getRemainingTimeInMillis(),
      },
    };
    if (request.root === undefined && request.source === undefined) return Promise.reject(runtimeError('Simulator.CodeNotAvailable', 'no code'));
    return new Promise((resolve, reject) => {
      const child = spawn('python3', ['-c', BOOTSTRAP], {
        // The machine's PATH, not Lambda's, so the python3 (and boto3) the load-time check found is the one that runs.
        cwd: request.root ?? process.cwd(), env: { ...env, PATH: process.env.PATH ?? env.PATH, PYTHONUNBUFFERED: '1' }, stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      });
      const requestId = context.awsRequestId;
      this.lines(child.stdout!, requestId);
      this.lines(child.stderr!, requestId);
      const chunks: Buffer[] = [];
      (child.stdio[3] as Readable).on('data', (c: Buffer) => chunks.push(c));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(runtimeError('Sandbox.Timedout', timeoutMessage));
      }, timeoutMs);
      child.on('error', err => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', status => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        if (!text) {
          reject(runtimeError('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited with error: exit status ${status}`));
          return;
        }
        const reply = JSON.parse(text) as { result?: unknown; error?: { errorType: string; errorMessage: string; stackTrace: string[] } };
        if (reply.error) {
          const err = runtimeError(reply.error.errorType, reply.error.errorMessage);
          err.stack = [`${reply.error.errorType}: ${reply.error.errorMessage}`, ...reply.error.stackTrace].join('\n');
          reject(err);
        } else {
          resolve(reply.result);
        }
      });
      child.stdin!.end(JSON.stringify(request));
    });
  }

  private lines(stream: Readable, requestId: string): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) this.log(requestId, 'INFO', line);
    });
    stream.on('end', () => {
      if (pending) this.log(requestId, 'INFO', pending);
    });
  }
}
