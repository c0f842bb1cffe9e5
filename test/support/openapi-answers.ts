// Real answers checked against the served OpenAPI document: each response is matched to its
// operation (method + path template), its status must be one the operation lists (or the Error
// shape for any other), and its JSON body must validate with ajv against the answer's schema.
// `uncalled()` names the operations no test has called, so the contract test can insist on all.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";

type Json = Record<string, any>;

interface Operation {
  key: string;
  method: string;
  template: string;
  pattern: RegExp;
  literals: number;
  operation: Json;
}

/** The formats zod writes into the schemas, checked the way zod checks them (roughly). */
const FORMATS = {
  "date-time": (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v),
  date: /^\d{4}-\d\d-\d\d$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: (v: string) => URL.canParse(v),
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  binary: () => true,
};

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Json).flatMap(([template, item]) =>
    Object.entries(item as Json).map(([method, operation]) => {
      const parts = template.split("/");
      const pattern = new RegExp(`^${parts.map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}$`);
      return { key: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), template, pattern, literals: parts.filter((p) => !p.startsWith("{")).length, operation: operation as Json };
    }),
  );
}

export interface CheckedAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export function openApiAnswers(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: FORMATS });
  const operations = operationsOf(document);
  const validators = new Map<string, ValidateFunction>();
  const called = new Set<string>();

  const validatorOf = (key: string, schema: Json) => {
    let validator = validators.get(key);
    if (!validator) validators.set(key, (validator = ajv.compile({ ...schema, components: document.components })));
    return validator;
  };

  /** The operation a request reaches: a literal segment beats a parameter (/reviews/preview over /reviews/{id}). */
  function operationOf(method: string, path: string): Operation {
    const matches = operations.filter((op) => (op.method === method || (method === "HEAD" && op.method === "GET")) && op.pattern.test(path));
    const best = matches.sort((a, b) => b.literals - a.literals)[0];
    if (!best) throw new Error(`${method} ${path}: no operation of the OpenAPI document matches`);
    return best;
  }

  return {
    /** Reads the response and throws unless its status and body are what the document says. */
    async check(method: string, url: string, response: Response): Promise<CheckedAnswer> {
      const path = new URL(url, "http://localhost").pathname;
      const op = operationOf(method, path);
      called.add(op.key);
      const type = response.headers.get("content-type") ?? "";
      const text = await response.text();
      const body = type.includes("application/json") ? JSON.parse(text) : text;
      const declared = op.operation.responses[String(response.status)] as Json | undefined;
      const answer = declared ?? (document.components.responses.Error as Json);
      if (!declared && response.status < 400) throw new Error(`${op.key} answered ${response.status}, which the document does not list`);
      const content = answer.content as Json;
      const mediaType = Object.keys(content).find((declaredType) => type.split(";")[0]!.trim() === declaredType);
      if (!mediaType) throw new Error(`${op.key} answered ${response.status} as "${type}", the document says ${Object.keys(content).join(" or ")}`);
      if (mediaType === "application/json") {
        const validate = validatorOf(`${op.key} ${response.status}`, content[mediaType].schema);
        if (!validate(body)) {
          const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`);
          throw new Error(`${op.key} answered ${response.status} with a body the document does not allow:\n  ${errors.join("\n  ")}`);
        }
      }
      return { status: response.status, body, headers: response.headers };
    },
    matches: (method: string, path: string) => operations.some((op) => op.method === method && op.pattern.test(new URL(path, "http://localhost").pathname)),
    uncalled: () => operations.map((op) => op.key).filter((key) => !called.has(key)),
  };
}

type RequestingApp = { request(path: string, init?: RequestInit): Response | Promise<Response> };
const contracts = new WeakMap<object, Promise<ReturnType<typeof openApiAnswers>>>();

/**
 * `app.request` with every answer checked against the document the same app serves, for tests that
 * call the API anyway (access-harness.ts). A path no operation matches may only answer the Error shape.
 */
export async function requestChecked(app: RequestingApp, path: string, init: RequestInit = {}): Promise<Response> {
  // The request first: fetching the document must not delay it (a test may race a session's expiry).
  const response = await app.request(path, init);
  let contract = contracts.get(app);
  if (!contract) {
    contract = Promise.resolve(app.request("/api/openapi.json")).then(async (served) => openApiAnswers((await served.json()) as Json));
    contracts.set(app, contract);
  }
  const method = (init.method ?? "GET").toUpperCase();
  const checker = await contract;
  if (checker.matches(method, path)) await checker.check(method, path, response.clone());
  else if (response.status !== 404 && response.status !== 405) throw new Error(`${method} ${path}: no operation of the OpenAPI document matches, yet it answered ${response.status}`);
  return response;
}
