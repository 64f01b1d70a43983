/**
 * The CDN's classic script `paylater-message.iife.js`: `<paylater-message>` registered, self-contained
 * (the texts, the companion's client, the terms and their checks), for product pages that have no
 * checkout. Its "See plans" dialog, with the template library it is drawn with, comes from
 * `paylater-message-dialog.js` (an ES module beside this script) on the first click.
 * `registerLocale` changes or adds texts, as with the other files.
 */
import { PaylaterMessage } from '../components/message/message.js';
import { define } from '../shared/define.js';

export { PaylaterMessage, type MessageDialog } from '../components/message/message.js';
export { registerLocale } from '../shared/registry.js';

// Read while the script runs: `document.currentScript` is this script then only.
const here = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
PaylaterMessage.dialog ??= () => import(/* @vite-ignore */ new URL('paylater-message-dialog.js', here).href);
define('paylater-message', PaylaterMessage);
