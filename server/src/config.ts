// Every setting of the server, typed, read once from the environment with a
// default, and validated at start-up so a typo stops the server with a clear
// message instead of surfacing later. Documented in docs/configuration.md.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ClamdConfig } from './storage/clamd.ts';

export interface Config {
  host: string;
  port: number;
  publicUrl: URL;
  dataDir: string;
  logLevel: string;
  /** Fastify trustProxy: false, a hop count, or the proxies' addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** Owner connection (migrations, role provisioning). Unset: embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Connection of the unprivileged application role. Derived from databaseUrl when unset. */
  databaseAppUrl: string | undefined;
  databaseAppRole: string;
  databaseAppPassword: string | undefined;
  databasePoolSize: number;
  embeddedPgPort: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  session: { idleTimeoutMs: number; absoluteTimeoutMs: number };
  invitationTtlMs: number;
  passwordResetTtlMs: number;
  bodyLimitBytes: number;
  serveWeb: boolean;
  /** With subdomain routing, <slug>.<instanceDomain> opens that instance. */
  instanceDomain: string | undefined;
  /** Event bus and presence across nodes; unset: in-process (one node). */
  redisUrl: string | undefined;
  /** Prefix of Redis channels and keys, so that environments sharing a Redis do not hear each other. */
  redisPrefix: string;
  realtime: RealtimeConfig;
  storage: StorageConfig;
  drive: DriveConfig;
  /** Uploads are scanned by clamd when set; unset: no antivirus. */
  antivirus: ClamdConfig | null;
  search: SearchConfig;
}

/** Searches take turns (modules/search/turns.ts, decision 0010). */
export interface SearchConfig {
  /** Searches run at once by this process. */
  concurrency: number;
  /** Searches of one instance waiting their turn; one more is answered 503 search_busy. */
  queuePerInstance: number;
}

/** Where file bytes go: DATA_DIR/files, or an S3-compatible bucket when S3_BUCKET is set. */
export type StorageConfig =
  | { kind: 'fs'; dir: string }
  | { kind: 's3'; s3: S3Config };

export interface S3Config {
  /** Unset: AWS's own endpoint for the region. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Unset: the SDK's default credential chain (environment, instance profile…). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** MinIO and most self-hosted stores want path-style URLs (http://host/bucket/key). */
  forcePathStyle: boolean;
  /** Keys are written under this prefix, so that environments can share a bucket. */
  prefix: string;
}

export interface DriveConfig {
  maxFileBytes: number;
  /** 0: no quota. Counts every version a person uploaded, trash included. */
  userQuotaBytes: number;
  /** 0: no quota. Counts the instance's stored content once per distinct file. */
  instanceQuotaBytes: number;
  /** Trashed items are deleted for good after this many days. */
  trashDays: number;
}

export interface RealtimeConfig {
  maxFrameBytes: number;
  maxSubscriptions: number;
  maxFramesPer10s: number;
  /** Events kept for reconnecting clients (hours), and the most a client is sent before being told to reload. */
  recoveryHours: number;
  recoveryLimit: number;
  heartbeatSeconds: number;
  /** How often a connection's session or token is checked again. */
  reauthSeconds: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, fallback: string): URL {
  const raw = env[name] || fallback;
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
}

function postgresUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must be a postgres:// URL, got protocol "${parsed.protocol}"`);
  }
  return raw;
}

// `true` would believe any X-Forwarded-For a client sends (spoofed IPs defeat
// sign-in throttling), so only a hop count or the proxies' own addresses are accepted.
function trustProxy(env: Env, name: string): false | number | string[] {
  const raw = env[name]?.trim();
  if (!raw || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((item) => item.trim()).filter(Boolean);
  if (list.length > 0 && list.every((item) => /^[0-9a-f:.]+(\/\d{1,3})?$/i.test(item))) return list;
  throw new ConfigError(`${name} must be the number of proxies in front of Ruche (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.5,10.1.0.0/16), got "${raw}"`);
}

function redisUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  if (!/^rediss?:\/\//.test(raw)) throw new ConfigError(`${name} must be a redis:// or rediss:// URL`);
  return raw;
}

function storage(env: Env, dataDir: string): StorageConfig {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return { kind: 'fs', dir: path.join(dataDir, 'files') };
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError(`S3_BUCKET must be a bucket name (lowercase letters, digits, dots, hyphens), got "${bucket}"`);
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint) url(env, 'S3_ENDPOINT', endpoint);
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither');
  const prefix = env.S3_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/.test(prefix)) throw new ConfigError(`S3_PREFIX must be letters, digits, '-', '_' separated by '/', got "${prefix}"`);
  return {
    kind: 's3',
    s3: {
      endpoint, region: env.S3_REGION || 'us-east-1', bucket, accessKeyId, secretAccessKey,
      forcePathStyle: boolean(env, 'S3_FORCE_PATH_STYLE', false), prefix,
    },
  };
}

function antivirus(env: Env): ClamdConfig | null {
  const socket = env.CLAMAV_SOCKET?.trim() || undefined;
  const host = env.CLAMAV_HOST?.trim() || undefined;
  if (!socket && !host) return null;
  if (socket && host) throw new ConfigError('Set CLAMAV_SOCKET (a Unix socket) or CLAMAV_HOST (TCP), not both');
  return { socket, host, port: integer(env, 'CLAMAV_PORT', 3310, 1, 65535), timeoutMs: integer(env, 'CLAMAV_TIMEOUT_SECONDS', 60, 1, 3600) * 1000 };
}

function domain(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(raw)) throw new ConfigError(`${name} must be a domain name such as ruche.example.org, got "${raw}"`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const appRole = env.DATABASE_APP_ROLE || 'ruche_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) {
    throw new ConfigError('DATABASE_APP_ROLE must be a lowercase SQL identifier');
  }
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const poolSize = integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500);
  return {
    host: env.HOST || 'localhost',
    port,
    publicUrl: url(env, 'PUBLIC_URL', `http://localhost:${port}`),
    dataDir,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    databaseUrl: postgresUrl(env, 'DATABASE_URL'),
    databaseAppUrl: postgresUrl(env, 'DATABASE_APP_URL'),
    databaseAppRole: appRole,
    databaseAppPassword: env.DATABASE_APP_PASSWORD || undefined,
    databasePoolSize: poolSize,
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Ruche <no-reply@localhost>',
    session: {
      idleTimeoutMs: integer(env, 'SESSION_IDLE_TIMEOUT_MINUTES', 60, 1, 7 * 24 * 60) * 60_000,
      absoluteTimeoutMs: integer(env, 'SESSION_ABSOLUTE_TIMEOUT_HOURS', 12, 1, 30 * 24) * 3_600_000,
    },
    invitationTtlMs: integer(env, 'INVITATION_TTL_HOURS', 7 * 24, 1, 90 * 24) * 3_600_000,
    passwordResetTtlMs: integer(env, 'PASSWORD_RESET_TTL_MINUTES', 30, 5, 24 * 60) * 60_000,
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    serveWeb: boolean(env, 'SERVE_WEB', true),
    instanceDomain: domain(env, 'INSTANCE_DOMAIN'),
    redisUrl: redisUrl(env, 'REDIS_URL'),
    redisPrefix: env.REDIS_PREFIX || 'ruche',
    realtime: {
      maxFrameBytes: integer(env, 'REALTIME_MAX_FRAME_BYTES', 16_384, 1024, 1_048_576),
      maxSubscriptions: integer(env, 'REALTIME_MAX_SUBSCRIPTIONS', 200, 1, 10_000),
      maxFramesPer10s: integer(env, 'REALTIME_MAX_FRAMES_PER_10S', 100, 5, 100_000),
      recoveryHours: integer(env, 'REALTIME_RECOVERY_HOURS', 24, 1, 24 * 30),
      recoveryLimit: integer(env, 'REALTIME_RECOVERY_LIMIT', 500, 10, 100_000),
      heartbeatSeconds: integer(env, 'REALTIME_HEARTBEAT_SECONDS', 25, 1, 300),
      reauthSeconds: integer(env, 'REALTIME_REAUTH_SECONDS', 60, 1, 3600),
    },
    storage: storage(env, dataDir),
    drive: {
      maxFileBytes: integer(env, 'DRIVE_MAX_FILE_BYTES', 1024 ** 3, 1, 5 * 1024 ** 4),
      userQuotaBytes: integer(env, 'DRIVE_USER_QUOTA_BYTES', 10 * 1024 ** 3, 0, Number.MAX_SAFE_INTEGER),
      instanceQuotaBytes: integer(env, 'DRIVE_INSTANCE_QUOTA_BYTES', 0, 0, Number.MAX_SAFE_INTEGER),
      trashDays: integer(env, 'DRIVE_TRASH_DAYS', 30, 1, 3650),
    },
    antivirus: antivirus(env),
    search: {
      // One more than the cores: a search keeps a core busy but for its round trips and the Node side, which
      // the extra one fills. Fewer than the pool's connections, so that searches never hold them all.
      concurrency: integer(env, 'SEARCH_CONCURRENCY', Math.max(1, Math.min(availableParallelism() + 1, poolSize - 1)), 1, 500),
      queuePerInstance: integer(env, 'SEARCH_QUEUE_PER_INSTANCE', 50, 1, 10_000),
    },
  };
}
