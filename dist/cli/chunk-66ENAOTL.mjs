import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);

// src/errors.ts
var EXIT_BY_KIND = { input: 2, infra: 3, verify: 1 };
var GateError = class extends Error {
  code;
  remedy;
  kind;
  details;
  constructor(init) {
    super(init.message, init.cause === void 0 ? void 0 : { cause: init.cause });
    this.name = "GateError";
    this.code = init.code;
    this.remedy = init.remedy;
    this.kind = init.kind;
    this.details = init.details ?? {};
  }
  get exitCode() {
    return EXIT_BY_KIND[this.kind];
  }
  toJSON() {
    return { code: this.code, message: this.message, remedy: this.remedy, exitCode: this.exitCode };
  }
};
function inputError(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "input", cause });
}
function infraError(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "infra", cause });
}
function isGateError(e) {
  return e instanceof GateError;
}
function describe(e) {
  if (e instanceof Error) {
    const code = e.code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
function toGateError(e) {
  if (isGateError(e)) return e;
  return new GateError({
    code: "INTERNAL",
    message: `unexpected error: ${describe(e)}`,
    remedy: "Run again with --debug and report the output at the project issue tracker.",
    kind: "infra",
    cause: e
  });
}

export {
  GateError,
  inputError,
  infraError,
  isGateError,
  describe,
  toGateError
};
