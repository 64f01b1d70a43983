/**
 * The CDN's ES module `paylater-message.js`: registers `<paylater-message>`, importing the shared
 * code (texts, money, the companion's client and the contract's checks) from `paylater-checkout.js`
 * beside it: for a page that loads the checkout's file anyway. A product page without the checkout
 * loads `paylater-message.iife.js` instead. Both get the "See plans" dialog from
 * `paylater-message-dialog.js`, beside them, on the first click.
 */
// The checkout entry first: the build then keeps everything both files use in `paylater-checkout.js`.
import './cdn.js';
import { PaylaterMessage } from '../components/message/message.js';
import { define } from '../shared/define.js';

export { PaylaterMessage, type MessageDialog } from '../components/message/message.js';

// `import.meta.url` read into a variable, so that the build leaves the URL to the browser.
const here = import.meta.url;
PaylaterMessage.dialog ??= () => import(/* @vite-ignore */ new URL('paylater-message-dialog.js', here).href);
define('paylater-message', PaylaterMessage);
