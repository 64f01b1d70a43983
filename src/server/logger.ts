/** A logger the merchant can inject (pino, winston and console all fit). Fields never hold secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Default: warnings and errors to the console as one JSON line each. */
export const consoleLogger: Logger = {
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(JSON.stringify({ level: 'warn', message, ...fields }));
  },
  error(message, fields) {
    console.error(JSON.stringify({ level: 'error', message, ...fields }));
  },
};

/** Wraps a logger so no line can carry one of the given secrets, whatever a field holds. */
export function redactingLogger(inner: Partial<Logger>, secrets: string[]): Logger {
  const live = secrets.filter((s) => s.length >= 4);
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return live.reduce((text, secret) => text.split(secret).join('[redacted]'), value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  const level = (name: keyof Logger) => (message: string, fields?: Record<string, unknown>) => {
    const fn = inner[name];
    if (!fn) return;
    fn.call(inner, scrub(message) as string, fields ? (scrub(fields) as Record<string, unknown>) : undefined);
  };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
