/**
 * Test helper: checks responses against Harbor's published OpenAPI 2.0 spec
 * (test/fixtures/harbor/swagger.yaml, from goharbor/harbor; see its SOURCE), so the Harbor-compatible server cannot drift from
 * Harbor's contract. Swagger 2.0 schemas are close to JSON Schema draft-04: `$ref`s to
 * definitions are resolved by ajv, `x-nullable: true` becomes "or null", other x- keys and
 * formats are ignored. `validatingHttp` wraps an HttpClient and records every violation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import YAML from 'yaml';
import {
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from '../../src/http/client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SWAGGER_PATH = path.resolve(here, '../fixtures/harbor/swagger.yaml');

type Schema = Record<string, unknown>;

interface Operation {
  responses: Record<string, Schema>;
}

interface Spec {
  basePath: string;
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
  responses: Record<string, Schema>;
}

/** Swagger 2.0 schema -> JSON Schema: x-nullable, definition refs into the 'harbor' schema. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k.startsWith('x-') || k === 'example') continue;
    if (k === '$ref' && typeof v === 'string')
      out.$ref = v.replace(/^#\/definitions\//, 'harbor#/definitions/');
    else if (k === 'properties' && typeof v === 'object' && v !== null) {
      out.properties = Object.fromEntries(Object.entries(v as Schema).map(([pk, pv]) => [pk, convert(pv)]));
    } else out[k] = convert(v);
  }
  if ((node as Schema)['x-nullable'] === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/**
 * Statuses Harbor really returns although its swagger does not list them (see
 * docs/errors.md, HARBOR_NO_SCANNER): the scan trigger's 409 (a scan is already running) and
 * 412 (no or deactivated scanner). Their bodies are still checked against `Errors`.
 */
const KNOWN_UNDOCUMENTED: Record<string, number[]> = {
  'post /projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan': [409, 412],
};

export interface Violation {
  method: string;
  path: string;
  status: number;
  problem: string;
}

export class SwaggerValidator {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly routes: { re: RegExp; template: string; literals: number }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file = SWAGGER_PATH) {
    this.spec = YAML.parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Spec;
    this.ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    this.ajv.addSchema({ $id: 'harbor', definitions: convert(this.spec.definitions) });
    this.routes = Object.keys(this.spec.paths).map((t) => ({
      template: t,
      re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
      literals: t.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
    }));
  }

  /** The path template for a request path under basePath (the most literal match wins). */
  route(apiPath: string): string | undefined {
    return this.routes.filter((r) => r.re.test(apiPath)).sort((a, b) => b.literals - a.literals)[0]?.template;
  }

  /** Problems with one response; [] when it matches the spec. */
  check(method: string, url: string, status: number, body: Buffer): string[] {
    const u = new URL(url);
    if (!u.pathname.startsWith(this.spec.basePath + '/')) return [];
    const apiPath = u.pathname.slice(this.spec.basePath.length);
    const template = this.route(apiPath);
    if (!template) return [`no path in the spec matches ${apiPath}`];
    const op = this.spec.paths[template]?.[method.toLowerCase()];
    if (!op) return [`${method} is not an operation of ${template}`];
    let resp = op.responses[String(status)] ?? op.responses.default;
    if (!resp && KNOWN_UNDOCUMENTED[`${method.toLowerCase()} ${template}`]?.includes(status)) {
      resp = { schema: { $ref: '#/definitions/Errors' } };
    }
    if (!resp) return [`status ${String(status)} is not documented for ${method} ${template}`];
    const ref = resp.$ref;
    if (typeof ref === 'string') resp = this.spec.responses[ref.replace('#/responses/', '')] ?? {};
    const schema = resp.schema as Schema | undefined;
    if (!schema) {
      return body.length > 0 && status < 300
        ? [`${method} ${template} ${String(status)} has no body in the spec`]
        : [];
    }
    // type: string bodies (logs, additions) are raw text or raw JSON by design.
    if (schema.type === 'string') return [];
    // An empty 200 (e.g. no project scanner) is how go-swagger writes a nil payload.
    if (body.length === 0) return [];
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return [`${method} ${template} ${String(status)}: the body is not JSON`];
    }
    const key = `${method} ${template} ${String(status)}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(convert(schema) as Schema);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(root)'} ${e.message ?? ''}`);
  }
}

/** An HttpClient that checks every /api/v2.0 response against the spec and records violations. */
export class ValidatingHttpClient extends HttpClient {
  readonly violations: Violation[] = [];
  readonly seen: { method: string; path: string; status: number }[] = [];

  constructor(
    private readonly validator: SwaggerValidator,
    opts: HttpClientOptions = {},
  ) {
    super(opts);
  }

  override async request(req: HttpRequest): Promise<HttpResponse> {
    const res = await super.request(req);
    const u = new URL(req.url);
    if (u.pathname.startsWith('/api/v2.0/') && req.response !== 'stream') {
      this.seen.push({ method: req.method, path: u.pathname, status: res.status });
      for (const problem of this.validator.check(req.method, req.url, res.status, res.body)) {
        this.violations.push({ method: req.method, path: u.pathname, status: res.status, problem });
      }
    }
    return res;
  }
}
