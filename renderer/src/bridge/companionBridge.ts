/**
 * Entry of build/renderer/companion-bridge.js (see vite.config.ts): gives the page `window.api` over the web host's
 * HTTP API. Only the web host loads it; the Electron window gets `window.api` from its preload instead.
 */
import { MAIN_API_METHODS, MAIN_EVENT_NAMES } from '../../../shared/ipc/contract.js';
import { installBridge, type BridgeGlobal } from './installBridge';

installBridge(window as unknown as BridgeGlobal, MAIN_API_METHODS, MAIN_EVENT_NAMES);
