/**
 * The npm entries' way to the rarely shown texts: a chunk of the merchant's bundle, loaded the first
 * time one is shown (`texts.load`).
 */
import { texts } from '../shared/i18n.js';

texts.load ??= () => import('../shared/error-texts.js');
