// Structured logs with a module name; callers log ids and counts, never secrets or whole AWS responses.
import pino from "pino";

let root = pino({ level: "info", redact: ["*.secretAccessKey", "*.sessionToken", "*.password", "*.url"] });

export function configureLogger(level: string): void {
  root = pino({ level, redact: ["*.secretAccessKey", "*.sessionToken", "*.password", "*.url"] });
}

export function logger(module: string): pino.Logger {
  return root.child({ module });
}
