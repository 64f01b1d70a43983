/** Browsers' user agents for the form route's choice of page (the in-app ones, with their sources, in test/helpers/user-agents.ts). */
import { IN_APP } from '../helpers/user-agents.js';

export const INSTAGRAM_IOS_UA = IN_APP[0]![0];
export const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const CHROME_ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
