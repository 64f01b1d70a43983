/**
 * `paylater-checkout/message`: registers `<paylater-message>` (the product page's "from Rp 58.167 a
 * month"), on its own, without the checkout, with its "See plans" dialog. The only module of it with
 * that side effect (listed in package.json `sideEffects`); registering again, or when another copy
 * took the tag, does nothing.
 */
import * as dialog from '../components/message/message.dialog.js';
import { PaylaterMessage } from '../components/message/message.js';
import { define } from '../shared/define.js';

export { PaylaterMessage, type MessageDialog } from '../components/message/message.js';

// The dialog at once (the CDN files load theirs on the first "See plans"); set first, it is kept.
PaylaterMessage.dialog ??= dialog;
define('paylater-message', PaylaterMessage);
