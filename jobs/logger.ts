// Structured logs with a module name; callers log ids and counts, never secrets or whole AWS responses.
// Redaction is the safety net for a secret that reaches a log object anyway: passwords, tokens,
// cookies, authorization headers, AWS keys and webhook URLs, at the top level or nested two deep.
import pino from "pino";

const SECRET_KEYS = ["password", "passwordHash", "token", "tokenHash", "csrfToken", "authorization", "cookie", "secret", "secretAccessKey", "sessionToken", "url", "slackWebhookUrl", "jsonWebhookUrl"];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.headers["${key}"]`]);

const options = (level: string): pino.LoggerOptions => ({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } });
let root = pino(options("info"));

/** `destination` is for tests that read what would be logged. */
export function configureLogger(level: string, destination?: pino.DestinationStream): void {
  root = destination ? pino(options(level), destination) : pino(options(level));
}

export function logger(module: string): pino.Logger {
  return root.child({ module });
}
