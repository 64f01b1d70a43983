/** The CDN's classic script `paylater-checkout.iife.js`: one self-contained file, both elements registered. */
import './define.js';

export * from '../../elements.js';
