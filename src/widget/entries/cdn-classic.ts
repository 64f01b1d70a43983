/** The CDN's classic script `paylater-checkout.iife.js`: one self-contained file, both elements registered. */
import './define.js';
// A classic script is one file: the rarely shown texts are in it.
import '../shared/error-texts.js';

export * from '../../elements.js';
