/** What `<paylater-checkout>` keeps besides its public properties, and how `channels` is read. */
import type { MessageKey } from '../../shared/i18n.js';

export type Phase = 'idle' | Extract<MessageKey, 'submitting' | 'redirecting'>;
export type FocusTarget = 'notice' | 'continue' | 'retry' | 'first' | 'checked' | 'sort';

/** Internal reactive state (kept out of the Custom Elements Manifest's attributes). */
export const STATE = {
  selected: { state: true },
  tenor: { state: true },
  phase: { state: true },
  chargeError: { state: true },
  notice: { state: true },
};

export const listConverter = (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : undefined);
/** `channels` set as a property may be a list or, like the attribute, a string (React 19 sets properties). */
export const listOf = (value: string | string[]) => (typeof value == 'string' ? listConverter(value)! : value);
/** The same channels again (e.g. a framework setting the same list anew) are no change. */
export const listChanged = (a?: string[], b?: string[]) => String(a) !== String(b);
