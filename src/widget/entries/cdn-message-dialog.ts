/**
 * The CDN's `paylater-message-dialog.js` (an ES module, self-contained, lit-html included): the
 * "See plans" dialog of `<paylater-message>`, which `paylater-message.iife.js` and
 * `paylater-message.js` load from beside them on the first "See plans".
 */
export { renderDialog } from '../components/message/message.dialog.js';
