/** Words for a catalogue message from the main process (an engine reason or warning), in English for now. */
import { english, type Message } from '../../../shared/i18n/index.js';

export function say(message: Message): string {
  return english.render(message);
}
