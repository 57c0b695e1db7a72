#!/usr/bin/env node
const __import_meta_url = require('url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/ms/index.js
var require_ms = __commonJS({
  "node_modules/ms/index.js"(exports2, module2) {
    var s = 1e3;
    var m = s * 60;
    var h = m * 60;
    var d = h * 24;
    var w = d * 7;
    var y = d * 365.25;
    module2.exports = function(val, options) {
      options = options || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse(val);
      } else if (type === "number" && isFinite(val)) {
        return options.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse(str) {
      str = String(str);
      if (str.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y;
        case "weeks":
        case "week":
        case "w":
          return n * w;
        case "days":
        case "day":
        case "d":
          return n * d;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return Math.round(ms / d) + "d";
      }
      if (msAbs >= h) {
        return Math.round(ms / h) + "h";
      }
      if (msAbs >= m) {
        return Math.round(ms / m) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms / s) + "s";
      }
      return ms + "ms";
    }
    function fmtLong(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return plural(ms, msAbs, d, "day");
      }
      if (msAbs >= h) {
        return plural(ms, msAbs, h, "hour");
      }
      if (msAbs >= m) {
        return plural(ms, msAbs, m, "minute");
      }
      if (msAbs >= s) {
        return plural(ms, msAbs, s, "second");
      }
      return ms + " ms";
    }
    function plural(ms, msAbs, n, name) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms / n) + " " + name + (isPlural ? "s" : "");
    }
  }
});

// node_modules/debug/src/common.js
var require_common = __commonJS({
  "node_modules/debug/src/common.js"(exports2, module2) {
    function setup(env) {
      createDebug4.debug = createDebug4;
      createDebug4.default = createDebug4;
      createDebug4.coerce = coerce;
      createDebug4.disable = disable;
      createDebug4.enable = enable;
      createDebug4.enabled = enabled;
      createDebug4.humanize = require_ms();
      createDebug4.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug4[key] = env[key];
      });
      createDebug4.names = [];
      createDebug4.skips = [];
      createDebug4.formatters = {};
      function selectColor(namespace) {
        let hash = 0;
        for (let i = 0; i < namespace.length; i++) {
          hash = (hash << 5) - hash + namespace.charCodeAt(i);
          hash |= 0;
        }
        return createDebug4.colors[Math.abs(hash) % createDebug4.colors.length];
      }
      createDebug4.selectColor = selectColor;
      function createDebug4(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug4(...args) {
          if (!debug4.enabled) {
            return;
          }
          const self = debug4;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms = curr - (prevTime || curr);
          self.diff = ms;
          self.prev = prevTime;
          self.curr = curr;
          prevTime = curr;
          args[0] = createDebug4.coerce(args[0]);
          if (typeof args[0] !== "string") {
            args.unshift("%O");
          }
          let index = 0;
          args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug4.formatters[format];
            if (typeof formatter === "function") {
              const val = args[index];
              match = formatter.call(self, val);
              args.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug4.formatArgs.call(self, args);
          const logFn = self.log || createDebug4.log;
          logFn.apply(self, args);
        }
        debug4.namespace = namespace;
        debug4.useColors = createDebug4.useColors();
        debug4.color = createDebug4.selectColor(namespace);
        debug4.extend = extend;
        debug4.destroy = createDebug4.destroy;
        Object.defineProperty(debug4, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug4.namespaces) {
              namespacesCache = createDebug4.namespaces;
              enabledCache = createDebug4.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v) => {
            enableOverride = v;
          }
        });
        if (typeof createDebug4.init === "function") {
          createDebug4.init(debug4);
        }
        return debug4;
      }
      function extend(namespace, delimiter) {
        const newDebug = createDebug4(this.namespace + (typeof delimiter === "undefined" ? ":" : delimiter) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug4.save(namespaces);
        createDebug4.namespaces = namespaces;
        createDebug4.names = [];
        createDebug4.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns of split) {
          if (ns[0] === "-") {
            createDebug4.skips.push(ns.slice(1));
          } else {
            createDebug4.names.push(ns);
          }
        }
      }
      function matchesTemplate(search, template) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === "*")) {
            if (template[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template.length && template[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug4.names,
          ...createDebug4.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug4.enable("");
        return namespaces;
      }
      function enabled(name) {
        for (const skip of createDebug4.skips) {
          if (matchesTemplate(name, skip)) {
            return false;
          }
        }
        for (const ns of createDebug4.names) {
          if (matchesTemplate(name, ns)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug4.enable(createDebug4.load());
      return createDebug4;
    }
    module2.exports = setup;
  }
});

// node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "node_modules/debug/src/browser.js"(exports2, module2) {
    exports2.formatArgs = formatArgs;
    exports2.save = save;
    exports2.load = load;
    exports2.useColors = useColors;
    exports2.storage = localstorage();
    exports2.destroy = /* @__PURE__ */ (() => {
      let warned = false;
      return () => {
        if (!warned) {
          warned = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports2.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args) {
      args[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args[0] + (this.useColors ? "%c " : " ") + "+" + module2.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c = "color: " + this.color;
      args.splice(1, 0, c, "color: inherit");
      let index = 0;
      let lastC = 0;
      args[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args.splice(lastC, 0, c);
    }
    exports2.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports2.storage.setItem("debug", namespaces);
        } else {
          exports2.storage.removeItem("debug");
        }
      } catch (error) {
      }
    }
    function load() {
      let r;
      try {
        r = exports2.storage.getItem("debug") || exports2.storage.getItem("DEBUG");
      } catch (error) {
      }
      if (!r && typeof process !== "undefined" && "env" in process) {
        r = process.env.DEBUG;
      }
      return r;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error) {
      }
    }
    module2.exports = require_common()(exports2);
    var { formatters } = module2.exports;
    formatters.j = function(v) {
      try {
        return JSON.stringify(v);
      } catch (error) {
        return "[UnexpectedJSONParseError]: " + error.message;
      }
    };
  }
});

// node_modules/debug/src/node.js
var require_node = __commonJS({
  "node_modules/debug/src/node.js"(exports2, module2) {
    var tty = require("tty");
    var util = require("util");
    exports2.init = init;
    exports2.log = log;
    exports2.formatArgs = formatArgs;
    exports2.save = save;
    exports2.load = load;
    exports2.useColors = useColors;
    exports2.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports2.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = require("supports-color");
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports2.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error) {
    }
    exports2.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_, k) => {
        return k.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports2.inspectOpts ? Boolean(exports2.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args) {
      const { namespace: name, useColors: useColors2 } = this;
      if (useColors2) {
        const c = this.color;
        const colorCode = "\x1B[3" + (c < 8 ? c : "8;5;" + c);
        const prefix = `  ${colorCode};1m${name} \x1B[0m`;
        args[0] = prefix + args[0].split("\n").join("\n" + prefix);
        args.push(colorCode + "m+" + module2.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args[0] = getDate() + name + " " + args[0];
      }
    }
    function getDate() {
      if (exports2.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log(...args) {
      return process.stderr.write(util.formatWithOptions(exports2.inspectOpts, ...args) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init(debug4) {
      debug4.inspectOpts = {};
      const keys = Object.keys(exports2.inspectOpts);
      for (let i = 0; i < keys.length; i++) {
        debug4.inspectOpts[keys[i]] = exports2.inspectOpts[keys[i]];
      }
    }
    module2.exports = require_common()(exports2);
    var { formatters } = module2.exports;
    formatters.o = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts).split("\n").map((str) => str.trim()).join(" ");
    };
    formatters.O = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts);
    };
  }
});

// node_modules/debug/src/index.js
var require_src = __commonJS({
  "node_modules/debug/src/index.js"(exports2, module2) {
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module2.exports = require_browser();
    } else {
      module2.exports = require_node();
    }
  }
});

// src/cli/main.ts
var import_node_util = require("node:util");

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

// src/logger.ts
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  add(secret) {
    if (secret && secret.length >= 4) {
      this.secrets.add(secret);
      this.secrets.add(Buffer.from(secret).toString("base64"));
    }
  }
  redact(text) {
    let out = text;
    for (const s of this.secrets) {
      if (out.includes(s)) out = out.split(s).join("***");
    }
    return out;
  }
};
function redactingLogger(inner, redactor) {
  return {
    debug: (m) => {
      inner.debug(redactor.redact(m));
    },
    info: (m) => {
      inner.info(redactor.redact(m));
    },
    warn: (m) => {
      inner.warn(redactor.redact(m));
    },
    error: (m) => {
      inner.error(redactor.redact(m));
    }
  };
}
function streamLogger(opts) {
  const write = opts.write ?? ((line) => process.stderr.write(line + "\n"));
  return {
    debug: (m) => {
      if (opts.debug) write(`debug: ${m}`);
    },
    info: (m) => {
      write(m);
    },
    warn: (m) => {
      write(`warning: ${m}`);
    },
    error: (m) => {
      write(`error: ${m}`);
    }
  };
}

// node_modules/https-proxy-agent/dist/index.js
var net2 = __toESM(require("net"), 1);
var tls = __toESM(require("tls"), 1);
var import_assert = __toESM(require("assert"), 1);
var import_debug2 = __toESM(require_src(), 1);

// node_modules/agent-base/dist/index.js
var net = __toESM(require("net"), 1);
var http = __toESM(require("http"), 1);
var import_https = require("https");
var INTERNAL = /* @__PURE__ */ Symbol("AgentBaseInternalState");
var Agent2 = class extends http.Agent {
  constructor(opts) {
    super(opts);
    this[INTERNAL] = {};
  }
  /**
   * Determine whether this is an `http` or `https` request.
   */
  isSecureEndpoint(options) {
    if (options) {
      if (typeof options.secureEndpoint === "boolean") {
        return options.secureEndpoint;
      }
      if (typeof options.protocol === "string") {
        return options.protocol === "https:";
      }
    }
    const { stack } = new Error();
    if (typeof stack !== "string")
      return false;
    return stack.split("\n").some((l) => l.indexOf("(https.js:") !== -1 || l.indexOf("node:https:") !== -1);
  }
  // In order to support async signatures in `connect()` and Node's native
  // connection pooling in `http.Agent`, the array of sockets for each origin
  // has to be updated synchronously. This is so the length of the array is
  // accurate when `addRequest()` is next called. We achieve this by creating a
  // fake socket and adding it to `sockets[origin]` and incrementing
  // `totalSocketCount`.
  incrementSockets(name) {
    if (this.maxSockets === Infinity && this.maxTotalSockets === Infinity) {
      return null;
    }
    if (!this.sockets[name]) {
      this.sockets[name] = [];
    }
    const fakeSocket = new net.Socket({ writable: false });
    this.sockets[name].push(fakeSocket);
    this.totalSocketCount++;
    return fakeSocket;
  }
  decrementSockets(name, socket) {
    if (!this.sockets[name] || socket === null) {
      return;
    }
    const sockets = this.sockets[name];
    const index = sockets.indexOf(socket);
    if (index !== -1) {
      sockets.splice(index, 1);
      this.totalSocketCount--;
      if (sockets.length === 0) {
        delete this.sockets[name];
      }
    }
  }
  // In order to properly update the socket pool, we need to call `getName()` on
  // the core `https.Agent` if it is a secureEndpoint.
  getName(options) {
    const secureEndpoint = this.isSecureEndpoint(options);
    if (secureEndpoint) {
      return import_https.Agent.prototype.getName.call(this, options);
    }
    return super.getName(options);
  }
  createSocket(req, options, cb) {
    const connectOpts = {
      ...options,
      secureEndpoint: this.isSecureEndpoint(options)
    };
    const name = this.getName(connectOpts);
    const fakeSocket = this.incrementSockets(name);
    Promise.resolve().then(() => this.connect(req, connectOpts)).then((socket) => {
      this.decrementSockets(name, fakeSocket);
      if (typeof socket.addRequest === "function") {
        try {
          return socket.addRequest(req, connectOpts);
        } catch (err) {
          return cb(err);
        }
      }
      this[INTERNAL].currentSocket = socket;
      super.createSocket(req, options, cb);
    }, (err) => {
      this.decrementSockets(name, fakeSocket);
      cb(err);
    });
  }
  createConnection() {
    const socket = this[INTERNAL].currentSocket;
    this[INTERNAL].currentSocket = void 0;
    if (!socket) {
      throw new Error("No socket was returned in the `connect()` function");
    }
    return socket;
  }
  get defaultPort() {
    return this[INTERNAL].defaultPort ?? (this.protocol === "https:" ? 443 : 80);
  }
  set defaultPort(v) {
    if (this[INTERNAL]) {
      this[INTERNAL].defaultPort = v;
    }
  }
  get protocol() {
    return this[INTERNAL].protocol ?? (this.isSecureEndpoint() ? "https:" : "http:");
  }
  set protocol(v) {
    if (this[INTERNAL]) {
      this[INTERNAL].protocol = v;
    }
  }
};

// node_modules/https-proxy-agent/dist/index.js
var import_url = require("url");

// node_modules/https-proxy-agent/dist/parse-proxy-response.js
var import_debug = __toESM(require_src(), 1);
var debug = (0, import_debug.default)("https-proxy-agent:parse-proxy-response");
function parseProxyResponse(socket) {
  return new Promise((resolve, reject) => {
    let buffersLength = 0;
    const buffers = [];
    function read() {
      const b = socket.read();
      if (b)
        ondata(b);
      else
        socket.once("readable", read);
    }
    function cleanup() {
      socket.removeListener("end", onend);
      socket.removeListener("error", onerror);
      socket.removeListener("readable", read);
    }
    function onend() {
      cleanup();
      debug("onend");
      reject(new Error("Proxy connection ended before receiving CONNECT response"));
    }
    function onerror(err) {
      cleanup();
      debug("onerror %o", err);
      reject(err);
    }
    function ondata(b) {
      buffers.push(b);
      buffersLength += b.length;
      const buffered = Buffer.concat(buffers, buffersLength);
      const endOfHeaders = buffered.indexOf("\r\n\r\n");
      if (endOfHeaders === -1) {
        debug("have not received end of HTTP headers yet...");
        read();
        return;
      }
      const headerParts = buffered.slice(0, endOfHeaders).toString("ascii").split("\r\n");
      const firstLine = headerParts.shift();
      if (!firstLine) {
        socket.destroy();
        return reject(new Error("No header received from proxy CONNECT response"));
      }
      const firstLineParts = firstLine.split(" ");
      const statusCode = +firstLineParts[1];
      const statusText = firstLineParts.slice(2).join(" ");
      const headers = {};
      for (const header of headerParts) {
        if (!header)
          continue;
        const firstColon = header.indexOf(":");
        if (firstColon === -1) {
          socket.destroy();
          return reject(new Error(`Invalid header from proxy CONNECT response: "${header}"`));
        }
        const key = header.slice(0, firstColon).toLowerCase();
        const value = header.slice(firstColon + 1).trimStart();
        const current = headers[key];
        if (typeof current === "string") {
          headers[key] = [current, value];
        } else if (Array.isArray(current)) {
          current.push(value);
        } else {
          headers[key] = value;
        }
      }
      debug("got proxy server response: %o %o", firstLine, headers);
      cleanup();
      resolve({
        connect: {
          statusCode,
          statusText,
          headers
        },
        buffered
      });
    }
    socket.on("error", onerror);
    socket.on("end", onend);
    read();
  });
}

// node_modules/proxy-agent-negotiate/dist/index.js
function createNegotiateAuth() {
  return async ({ response, scheme }) => {
    if (scheme.toLowerCase() !== "negotiate") {
      throw new Error(`Expected Negotiate scheme but got "${scheme}"`);
    }
    let kerberos;
    try {
      kerberos = await import("kerberos");
    } catch {
      throw new Error('The "kerberos" package is required for Negotiate proxy authentication. Install it with: npm install kerberos');
    }
    const proxyAuthenticate = response.headers["proxy-authenticate"] || "";
    const challengeHeader = Array.isArray(proxyAuthenticate) ? proxyAuthenticate[0] : proxyAuthenticate;
    const serverToken = typeof challengeHeader === "string" && challengeHeader.includes(" ") ? challengeHeader.split(" ").slice(1).join(" ") : void 0;
    const client = await kerberos.initializeClient("HTTP@proxy", {
      mechOID: kerberos.GSS_MECH_OID_SPNEGO
    });
    const token = await client.step(serverToken || "");
    if (!token) {
      throw new Error("Kerberos client.step() returned no token");
    }
    return {
      headers: {
        "Proxy-Authorization": `Negotiate ${token}`
      }
    };
  };
}

// node_modules/https-proxy-agent/dist/index.js
var debug2 = (0, import_debug2.default)("https-proxy-agent");
var setServernameFromNonIpHost = (options) => {
  if (options.servername === void 0 && options.host && !net2.isIP(options.host)) {
    return {
      ...options,
      servername: options.host
    };
  }
  return options;
};
var HttpsProxyAgent = class extends Agent2 {
  constructor(proxy, opts) {
    super(opts);
    this.options = { path: void 0 };
    this.proxy = typeof proxy === "string" ? new import_url.URL(proxy) : proxy;
    this.proxyHeaders = opts?.headers ?? {};
    debug2("Creating new HttpsProxyAgent instance: %o", this.proxy.href);
    if (opts?.negotiate) {
      this.onProxyAuth = createNegotiateAuth();
    } else if (opts?.onProxyAuth) {
      this.onProxyAuth = opts.onProxyAuth;
    }
    const host = (this.proxy.hostname || this.proxy.host).replace(/^\[|\]$/g, "");
    const port = this.proxy.port ? parseInt(this.proxy.port, 10) : this.proxy.protocol === "https:" ? 443 : 80;
    this.connectOpts = {
      // Attempt to negotiate http/1.1 for proxy servers that support http/2
      ALPNProtocols: ["http/1.1"],
      ...opts ? omit(opts, "headers", "onProxyAuth", "negotiate") : null,
      host,
      port
    };
  }
  /**
   * Called when the node-core HTTP client library is creating a
   * new HTTP request.
   */
  async connect(req, opts) {
    const { proxy } = this;
    if (!opts.host) {
      throw new TypeError('No "host" provided');
    }
    let socket;
    if (proxy.protocol === "https:") {
      debug2("Creating `tls.Socket`: %o", this.connectOpts);
      socket = tls.connect(setServernameFromNonIpHost(this.connectOpts));
    } else {
      debug2("Creating `net.Socket`: %o", this.connectOpts);
      socket = net2.connect(this.connectOpts);
    }
    const headers = typeof this.proxyHeaders === "function" ? this.proxyHeaders() : { ...this.proxyHeaders };
    const host = net2.isIPv6(opts.host) ? `[${opts.host}]` : opts.host;
    let payload = `CONNECT ${host}:${opts.port} HTTP/1.1\r
`;
    if (proxy.username || proxy.password) {
      const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      headers["Proxy-Authorization"] = `Basic ${Buffer.from(auth).toString("base64")}`;
    }
    headers.Host = `${host}:${opts.port}`;
    if (!headers["Proxy-Connection"]) {
      headers["Proxy-Connection"] = this.keepAlive ? "Keep-Alive" : "close";
    }
    for (const name of Object.keys(headers)) {
      payload += `${name}: ${headers[name]}\r
`;
    }
    const proxyResponsePromise = parseProxyResponse(socket);
    socket.write(`${payload}\r
`);
    const { connect: connect5, buffered } = await proxyResponsePromise;
    req.emit("proxyConnect", connect5);
    this.emit("proxyConnect", connect5, req);
    req.emit("proxy", { proxy: this.proxy.href, socket });
    if (connect5.statusCode === 200) {
      req.once("socket", resume);
      if (opts.secureEndpoint) {
        debug2("Upgrading socket connection to TLS");
        return tls.connect({
          ...omit(setServernameFromNonIpHost(opts), "host", "path", "port"),
          socket
        });
      }
      return socket;
    }
    if (connect5.statusCode === 407 && this.onProxyAuth) {
      debug2("Got 407 response, invoking onProxyAuth callback");
      socket.destroy();
      const proxyAuthenticate = connect5.headers["proxy-authenticate"] || "";
      const scheme = Array.isArray(proxyAuthenticate) ? proxyAuthenticate[0].split(/\s/)[0] : proxyAuthenticate.split(/\s/)[0];
      const authResponse = await this.onProxyAuth({
        response: connect5,
        scheme
      });
      return this._connectWithAuth(req, opts, authResponse.headers);
    }
    socket.destroy();
    const fakeSocket = new net2.Socket({ writable: false });
    fakeSocket.readable = true;
    req.once("socket", (s) => {
      debug2("Replaying proxy buffer for failed request");
      (0, import_assert.default)(s.listenerCount("data") > 0);
      s.push(buffered);
      s.push(null);
    });
    return fakeSocket;
  }
  /**
   * Retry a CONNECT request with additional auth headers.
   */
  async _connectWithAuth(req, opts, authHeaders) {
    const { proxy } = this;
    let socket;
    if (proxy.protocol === "https:") {
      socket = tls.connect(setServernameFromNonIpHost(this.connectOpts));
    } else {
      socket = net2.connect(this.connectOpts);
    }
    const headers = typeof this.proxyHeaders === "function" ? this.proxyHeaders() : { ...this.proxyHeaders };
    const host = net2.isIPv6(opts.host) ? `[${opts.host}]` : opts.host;
    let payload = `CONNECT ${host}:${opts.port} HTTP/1.1\r
`;
    if (proxy.username || proxy.password) {
      const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      headers["Proxy-Authorization"] = `Basic ${Buffer.from(auth).toString("base64")}`;
    }
    Object.assign(headers, authHeaders);
    headers.Host = `${host}:${opts.port}`;
    if (!headers["Proxy-Connection"]) {
      headers["Proxy-Connection"] = this.keepAlive ? "Keep-Alive" : "close";
    }
    for (const name of Object.keys(headers)) {
      payload += `${name}: ${headers[name]}\r
`;
    }
    const proxyResponsePromise = parseProxyResponse(socket);
    socket.write(`${payload}\r
`);
    const { connect: connect5 } = await proxyResponsePromise;
    req.emit("proxyConnect", connect5);
    this.emit("proxyConnect", connect5, req);
    if (connect5.statusCode === 200) {
      req.once("socket", resume);
      if (opts.secureEndpoint) {
        debug2("Upgrading socket connection to TLS");
        return tls.connect({
          ...omit(setServernameFromNonIpHost(opts), "host", "path", "port"),
          socket
        });
      }
      return socket;
    }
    socket.destroy();
    throw new Error(`Proxy authentication failed with status ${connect5.statusCode} after retry`);
  }
};
HttpsProxyAgent.protocols = ["http", "https"];
function resume(socket) {
  setImmediate(() => {
    socket.resume();
  });
}
function omit(obj, ...keys) {
  const ret = {};
  let key;
  for (key in obj) {
    if (!keys.includes(key)) {
      ret[key] = obj[key];
    }
  }
  return ret;
}

// node_modules/http-proxy-agent/dist/index.js
var net3 = __toESM(require("net"), 1);
var tls2 = __toESM(require("tls"), 1);
var import_debug3 = __toESM(require_src(), 1);
var import_events = require("events");
var import_url2 = require("url");
var debug3 = (0, import_debug3.default)("http-proxy-agent");
var HttpProxyAgent = class extends Agent2 {
  constructor(proxy, opts) {
    super(opts);
    this.proxy = typeof proxy === "string" ? new import_url2.URL(proxy) : proxy;
    this.proxyHeaders = opts?.headers ?? {};
    debug3("Creating new HttpProxyAgent instance: %o", this.proxy.href);
    if (opts?.negotiate) {
      this.onProxyAuth = createNegotiateAuth();
    } else if (opts?.onProxyAuth) {
      this.onProxyAuth = opts.onProxyAuth;
    }
    const host = (this.proxy.hostname || this.proxy.host).replace(/^\[|\]$/g, "");
    const port = this.proxy.port ? parseInt(this.proxy.port, 10) : this.proxy.protocol === "https:" ? 443 : 80;
    this.connectOpts = {
      ...opts ? omit2(opts, "headers", "onProxyAuth", "negotiate") : null,
      host,
      port
    };
  }
  addRequest(req, opts) {
    req._header = null;
    this.setRequestProps(req, opts);
    super.addRequest(req, opts);
  }
  setRequestProps(req, opts) {
    const { proxy } = this;
    const protocol = opts.secureEndpoint ? "https:" : "http:";
    const hostname = req.getHeader("host") || "localhost";
    const base = `${protocol}//${hostname}`;
    const url = new import_url2.URL(req.path, base);
    if (opts.port !== 80) {
      url.port = String(opts.port);
    }
    req.path = String(url);
    const headers = typeof this.proxyHeaders === "function" ? this.proxyHeaders() : { ...this.proxyHeaders };
    if (proxy.username || proxy.password) {
      const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      headers["Proxy-Authorization"] = `Basic ${Buffer.from(auth).toString("base64")}`;
    }
    if (!headers["Proxy-Connection"]) {
      headers["Proxy-Connection"] = this.keepAlive ? "Keep-Alive" : "close";
    }
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value) {
        req.setHeader(name, value);
      }
    }
  }
  async connect(req, opts) {
    req._header = null;
    if (!req.path.includes("://")) {
      this.setRequestProps(req, opts);
    }
    let first;
    let endOfHeaders;
    debug3("Regenerating stored HTTP header string for request");
    req._implicitHeader();
    if (req.outputData && req.outputData.length > 0) {
      debug3("Patching connection write() output buffer with updated header");
      first = req.outputData[0].data;
      endOfHeaders = first.indexOf("\r\n\r\n") + 4;
      req.outputData[0].data = req._header + first.substring(endOfHeaders);
      debug3("Output buffer: %o", req.outputData[0].data);
    }
    let socket;
    if (this.proxy.protocol === "https:") {
      debug3("Creating `tls.Socket`: %o", this.connectOpts);
      socket = tls2.connect(this.connectOpts);
    } else {
      debug3("Creating `net.Socket`: %o", this.connectOpts);
      socket = net3.connect(this.connectOpts);
    }
    await (0, import_events.once)(socket, "connect");
    const connect5 = { socket };
    req.emit("proxyConnect", connect5);
    this.emit("proxyConnect", connect5, req);
    req.emit("proxy", { proxy: this.proxy.href, socket });
    return socket;
  }
};
HttpProxyAgent.protocols = ["http", "https"];
function omit2(obj, ...keys) {
  const ret = {};
  let key;
  for (key in obj) {
    if (!keys.includes(key)) {
      ret[key] = obj[key];
    }
  }
  return ret;
}

// src/http/client.ts
var DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
var VERSION = "0.1.0";
var EMPTY = Buffer.alloc(0);

// src/cli/commands/index.ts
var COMMANDS = [];

// src/cli/flags.ts
var FLAGS = {
  image: { type: "string", value: "REF", description: "host[:port]/project/repo[:tag][@digest]" },
  source: {
    type: "string",
    value: "SRC",
    description: "oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF], docker-daemon:NAME:TAG"
  },
  tag: { type: "multi", value: "T", description: "extra tag (repeatable)" },
  "mount-from": { type: "string", value: "REPO", description: "try cross-repository blob mounts from REPO" },
  username: { type: "string", value: "U", description: "registry / Harbor user (robot account)" },
  "password-stdin": { type: "boolean", description: "read the password from standard input", noEnv: true },
  "plain-http": { type: "boolean", description: "allow HTTP for a non-loopback registry" },
  "ca-file": { type: "string", value: "FILE", description: "extra trusted CA certificates (PEM)" },
  sbom: { type: "string", value: "FILE", description: "SPDX or CycloneDX JSON" },
  attest: { type: "boolean", description: "also attach the SBOM as a signed in-toto attestation" },
  "signing-key": { type: "string", value: "FILE", description: "cosign key file or PKCS#8 PEM; absent: keyless" },
  "signature-format": { type: "string", value: "F", description: "bundle (default), legacy, both" },
  "identity-token": { type: "string", value: "T", description: "OIDC token for keyless signing" },
  "fulcio-url": { type: "string", value: "URL", description: "private Fulcio" },
  "rekor-url": { type: "string", value: "URL", description: "private Rekor" },
  "tsa-url": { type: "string", value: "URL", description: "timestamp authority" },
  "tlog-upload": { type: "boolean", description: "upload key-based signatures to the transparency log" },
  recursive: { type: "boolean", description: "also sign each platform manifest of an index" },
  key: { type: "string", value: "FILE", description: "public key (PEM) to verify with" },
  "certificate-identity": { type: "string", value: "ID", description: "expected keyless identity" },
  "certificate-identity-regexp": { type: "string", value: "RE", description: "expected identity (anchored regexp)" },
  "certificate-oidc-issuer": { type: "string", value: "URL", description: "expected OIDC issuer" },
  "trusted-root": { type: "string", value: "FILE", description: "Sigstore trusted root JSON (offline)" },
  "require-sbom": { type: "boolean", description: "fail when no SBOM referrer exists" },
  "harbor-url": { type: "string", value: "URL", description: "Harbor's base URL (default: the image's registry)" },
  "scan-timeout": { type: "string", value: "DUR", description: "e.g. 90s, 10m (default 10m)" },
  "generate-sbom": { type: "boolean", description: "have Harbor generate the SBOM (Harbor 2.11+)" },
  policy: { type: "string", value: "FILE", description: "policy file (YAML or JSON)" },
  "fail-on": { type: "string", value: "SEV", description: "critical, high (default), medium, low, none" },
  "ignore-unfixed": { type: "boolean", description: "findings without a fixed version do not fail" },
  "cvss-threshold": { type: "string", value: "N", description: "fail at or above this CVSS score" },
  allowlist: { type: "string", value: "FILE", description: "allowlist file" },
  "use-harbor-allowlist": { type: "boolean", description: "also waive what Harbor's allowlists list" },
  "on-scan-error": { type: "string", value: "E", description: "fail (default) or warn" },
  sarif: { type: "string", value: "FILE", description: "write a SARIF 2.1.0 report" },
  "gitlab-report": { type: "string", value: "FILE", description: "write a GitLab container scanning report" },
  junit: { type: "string", value: "FILE", description: "write a JUnit XML report" },
  html: { type: "string", value: "FILE", description: "write a self-contained HTML report" },
  "json-report": { type: "string", value: "FILE", description: "write the whole result as JSON" },
  summary: { type: "string", value: "FILE", description: "write the Markdown summary" },
  "attest-scan": { type: "boolean", description: "attach the scan result as a signed vuln attestation" },
  "no-sign": { type: "boolean", description: "skip signing" },
  "no-scan": { type: "boolean", description: "skip the scan" },
  "out-dir": { type: "string", value: "DIR", description: "where the demo writes its reports" },
  json: { type: "boolean", description: "print the command's result as one JSON object on stdout" },
  debug: { type: "boolean", description: "verbose logs on stderr (never secrets)" },
  help: { type: "boolean", description: "show help", noEnv: true }
};
var COMMON_FLAGS = [
  "image",
  "username",
  "password-stdin",
  "plain-http",
  "ca-file",
  "json",
  "debug",
  "help"
];
function envName(flag) {
  return "HARBOR_GATE_" + flag.toUpperCase().replace(/-/g, "_");
}

// src/cli/main.ts
function defaultIO() {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks = [];
      for await (const c of process.stdin) chunks.push(c);
      return Buffer.concat(chunks).toString("utf8");
    },
    isTTY: process.stderr.isTTY,
    cwd: process.cwd()
  };
}
var BOOL_TRUE = /* @__PURE__ */ new Set(["1", "true", "yes", "on"]);
var BOOL_FALSE = /* @__PURE__ */ new Set(["0", "false", "no", "off", ""]);
function parseFlags(command, argv, env) {
  const allowed = [.../* @__PURE__ */ new Set([...COMMON_FLAGS, ...command.flags])];
  const options = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    options[name] = spec.type === "boolean" ? { type: "boolean" } : { type: "string", multiple: spec.type === "multi" };
  }
  let parsed;
  try {
    parsed = (0, import_node_util.parseArgs)({ args: argv, options, strict: true, allowPositionals: false });
  } catch (e) {
    const msg = e.message.replace(/\. To specify.*$/s, "");
    throw inputError(
      "CLI_BAD_FLAG",
      `${command.name}: ${msg}`,
      `Run 'harbor-gate ${command.name} --help' for the flags it takes.`,
      e
    );
  }
  const values = {};
  for (const name of allowed) {
    const spec = FLAGS[name];
    const given = parsed.values[name];
    if (given !== void 0) {
      values[name] = given;
      continue;
    }
    if (spec.noEnv) continue;
    const fromEnv = env[envName(name)];
    if (fromEnv === void 0) continue;
    if (spec.type === "boolean") {
      const v = fromEnv.trim().toLowerCase();
      if (BOOL_TRUE.has(v)) values[name] = true;
      else if (BOOL_FALSE.has(v)) values[name] = false;
      else {
        throw inputError(
          "CLI_BAD_ENV",
          `${envName(name)}=${JSON.stringify(fromEnv)} is not a boolean`,
          `Set ${envName(name)} to true or false.`
        );
      }
    } else if (spec.type === "multi") {
      values[name] = fromEnv.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    } else {
      values[name] = fromEnv;
    }
  }
  return values;
}
function helpText(command) {
  if (!command) {
    const lines = [
      `harbor-gate ${VERSION}: push, sign, attach SBOMs, scan with Harbor and gate container images`,
      "",
      "Usage: harbor-gate <command> [flags]",
      "",
      "Commands:",
      ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
      "",
      "Run 'harbor-gate <command> --help' for a command's flags and examples.",
      "Every flag --some-flag can also be set as HARBOR_GATE_SOME_FLAG; the password comes from",
      "HARBOR_GATE_PASSWORD or --password-stdin.",
      "",
      "Exit codes: 0 passed, 1 policy breached / verification failed, 2 bad input, 3 infrastructure error."
    ];
    return lines.join("\n") + "\n";
  }
  const names = [.../* @__PURE__ */ new Set([...command.flags, ...COMMON_FLAGS])];
  const flagLines = names.map((n) => {
    const spec = FLAGS[n];
    const left = `--${n}${spec.value ? " " + spec.value : ""}`;
    return `  ${left.padEnd(34)} ${spec.description}`;
  });
  return [
    `harbor-gate ${command.name}: ${command.summary}`,
    "",
    `Usage: harbor-gate ${command.name} [flags]`,
    "",
    "Flags:",
    ...flagLines,
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`)
  ].join("\n") + "\n";
}
async function main(argv, env = process.env, io = defaultIO()) {
  const redactor = new Redactor();
  for (const name2 of ["HARBOR_GATE_PASSWORD", "CI_REGISTRY_PASSWORD", "HARBOR_PASSWORD", "HARBOR_GATE_KEY_PASSWORD", "COSIGN_PASSWORD", "SIGSTORE_ID_TOKEN", "HARBOR_GATE_IDENTITY_TOKEN"]) {
    redactor.add(env[name2]);
  }
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout(helpText());
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`${VERSION}
`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const wantsJson = rest.includes("--json") || BOOL_TRUE.has((env.HARBOR_GATE_JSON ?? "").toLowerCase());
  const wantsDebug = rest.includes("--debug") || BOOL_TRUE.has((env.HARBOR_GATE_DEBUG ?? "").toLowerCase());
  const logger = redactingLogger(
    streamLogger({ debug: wantsDebug, write: (line) => io.stderr(line + "\n") }),
    redactor
  );
  try {
    if (!command) {
      throw inputError(
        "CLI_UNKNOWN_COMMAND",
        `unknown command '${name}'`,
        `Use one of: ${COMMANDS.map((c) => c.name).join(", ")}. Run 'harbor-gate --help'.`
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(helpText(command));
      return 0;
    }
    const flags = parseFlags(command, rest, env);
    const ctx = {
      flags,
      env,
      logger,
      redactor,
      readStdin: io.readStdin,
      stdout: (t) => {
        io.stdout(redactor.redact(t));
      },
      stderr: (t) => {
        io.stderr(redactor.redact(t));
      },
      isTTY: io.isTTY,
      cwd: io.cwd
    };
    const result = await command.run(ctx);
    if (wantsJson) io.stdout(redactor.redact(JSON.stringify(result.json)) + "\n");
    else if (result.text) io.stdout(redactor.redact(result.text.endsWith("\n") ? result.text : result.text + "\n"));
    return result.exitCode;
  } catch (e) {
    const err = toGateError(e);
    const message = redactor.redact(err.message);
    const remedy = redactor.redact(err.remedy);
    io.stderr(`error [${err.code}]: ${message}
  remedy: ${remedy}
`);
    if (wantsDebug) {
      let cause = err.cause ?? (err.code === "INTERNAL" ? err : void 0);
      for (let depth = 0; cause !== void 0 && depth < 5; depth++) {
        io.stderr(redactor.redact(`  cause: ${cause instanceof Error ? cause.stack ?? cause.message : String(cause)}`) + "\n");
        cause = cause instanceof Error ? cause.cause : void 0;
      }
    }
    if (wantsJson) {
      io.stdout(JSON.stringify({ error: { code: err.code, message, remedy, exitCode: err.exitCode } }) + "\n");
    }
    return err.exitCode;
  }
}

// src/cli/bin.ts
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`harbor-gate: ${String(e)}
`);
    process.exitCode = 3;
  }
);
