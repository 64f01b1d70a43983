/** Adds the rarely shown texts (`error.messages.ts`) to the table: what `texts.load` loads. */
import { ERROR_MESSAGES } from './error.messages.js';
import { addMessages } from './i18n.js';

addMessages(ERROR_MESSAGES);
