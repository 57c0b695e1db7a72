/**
 * Test helper: the real CNCF distribution 2.8.2 (Debian's /usr/bin/docker-registry) on a free
 * loopback port, with a config file written to a temporary directory. No auth, htpasswd Basic
 * auth, or a caller-supplied token auth block (for a Harbor-like token server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import YAML from 'yaml';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  /** PEM bundle of the certificate(s) whose keys sign the tokens. */
  rootcertbundle: string;
}

export interface RegistryOptions {
  /** Basic auth with these users (bcrypt hashed into an htpasswd file). */
  htpasswd?: Record<string, string>;
  /** Bearer token auth against a token server. */
  token?: TokenAuthConfig;
  /** Reuse a storage directory (e.g. to restart on the same data); default: a fresh temp dir. */
  dataDir?: string;
  /** Extra environment for the registry process (e.g. REGISTRY_* overrides). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for `GET /v2/` to answer (default 15 s). */
  startTimeoutMs?: number;
  /** Serve HTTPS with this certificate and key (PEM files); `url` is then https://. */
  tls?: { certFile: string; keyFile: string };
}

export interface TestRegistry {
  /** http://127.0.0.1:PORT (https:// with the tls option) */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  /** The registry process (benchmarks read its CPU time). */
  pid: number | undefined;
  /** Where the registry stores its content. */
  dataDir: string;
  /** The temporary directory with config.yml (and htpasswd). */
  configDir: string;
  /** Everything the registry wrote to stderr/stdout so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function probe(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    // Readiness only: the test's own client checks the certificate.
    const get = url.startsWith('https:')
      ? (cb: (res: http.IncomingMessage) => void) =>
          https.get(url, { agent: false, timeout: 1000, rejectUnauthorized: false }, cb)
      : (cb: (res: http.IncomingMessage) => void) => http.get(url, { agent: false, timeout: 1000 }, cb);
    const req = get((res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(undefined);
    });
    req.on('error', () => {
      resolve(undefined);
    });
  });
}

function writeConfig(dir: string, dataDir: string, port: number, opts: RegistryOptions): string {
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: dataDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${port}`,
      secret: `test-secret-${port}-${process.pid}`,
      ...(opts.tls ? { tls: { certificate: opts.tls.certFile, key: opts.tls.keyFile } } : {}),
    },
  };
  if (opts.htpasswd && opts.token) throw new Error('give either htpasswd or token, not both');
  if (opts.htpasswd) {
    const file = path.join(dir, 'htpasswd');
    const lines = Object.entries(opts.htpasswd).map(([u, p]) => `${u}:${bcrypt.hashSync(p, 5)}`);
    fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
    config.auth = { htpasswd: { realm: 'basic-realm', path: file } };
  } else if (opts.token) {
    config.auth = { token: { ...opts.token } };
  }
  const file = path.join(dir, 'config.yml');
  fs.writeFileSync(file, YAML.stringify(config));
  return file;
}

async function startOnce(opts: RegistryOptions, configDir: string, dataDir: string): Promise<TestRegistry> {
  const port = await freePort();
  const configFile = writeConfig(configDir, dataDir, port, opts);
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env, OTEL_TRACES_EXPORTER: 'none' },
  });
  let out = '';
  const keep = (b: Buffer): void => {
    out += b.toString('utf8');
    if (out.length > 64 * 1024) out = out.slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? -1 : null);
      resolve();
    });
  });
  child.once('error', (e) => {
    out += `spawn error: ${e.message}\n`;
  });
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 15_000);
  for (;;) {
    if (exited !== undefined) {
      const err = new Error(`docker-registry exited (${String(exited)}) on port ${port}:\n${out}`);
      (err as Error & { portInUse?: boolean }).portInUse = /address already in use/i.test(out);
      throw err;
    }
    const status = await probe(`${url}/v2/`);
    if (status === 200 || status === 401) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exit;
      throw new Error(`docker-registry did not answer GET /v2/ on ${url} in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped = false;
  return {
    url,
    host: `127.0.0.1:${port}`,
    port,
    pid: child.pid,
    dataDir,
    configDir,
    output: () => out,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exit;
        clearTimeout(timer);
      }
      fs.rmSync(configDir, { recursive: true, force: true });
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Start docker-registry; retries on a port collision. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<TestRegistry> {
  if (!fs.existsSync(REGISTRY_BIN)) {
    throw new Error(`${REGISTRY_BIN} is missing: sudo apt-get install -y docker-registry`);
  }
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-registry-'));
  const dataDir = opts.dataDir ?? path.join(configDir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startOnce(opts, configDir, dataDir);
    } catch (e) {
      lastError = e;
      if (!(e as { portInUse?: boolean }).portInUse) break;
    }
  }
  fs.rmSync(configDir, { recursive: true, force: true });
  throw lastError;
}
