/**
 * The sound of an AUDIO alarm (RFC 5545 §3.6.6) in the web host: a short two-tone chime made with the Web Audio API.
 * Built in, so nothing is fetched: an alarm's ATTACH (a URL the invitation's sender chose) is never loaded. The
 * desktop shell rings through the system notification's own sound instead (electron/main/reminderNotifications.ts).
 *
 * Browsers let a page start audio only after the person has used it (Chrome's autoplay policy): the first click or
 * key press on the page prepares the audio context, so a reminder later rings even while the page sits untouched.
 */
type AudioContextClass = new () => AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

function resume(ctx: AudioContext): void {
  if (ctx.state !== 'suspended') return;
  ctx.resume().catch(() => undefined);
}

/** Prepares the sound at the page's first click or key press; returns a function that stops waiting for it. */
export function prepareReminderSound(): () => void {
  const stop = (): void => {
    window.removeEventListener('pointerdown', prepare, true);
    window.removeEventListener('keydown', prepare, true);
  };
  function prepare(): void {
    stop();
    const ctx = audioContext();
    if (ctx) resume(ctx);
  }
  window.addEventListener('pointerdown', prepare, true);
  window.addEventListener('keydown', prepare, true);
  return stop;
}

/** Two tones (A5, then E6), half a second in all, at a quarter of full volume. False when the page cannot play. */
export function playReminderSound(): boolean {
  const ctx = audioContext();
  if (!ctx) return false;
  try {
    resume(ctx);
    const out = ctx.createGain();
    out.gain.value = 0.25;
    out.connect(ctx.destination);
    const at = ctx.currentTime + 0.02;
    [880, 1318.5].forEach((frequency, i) => {
      const tone = ctx.createOscillator();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      const envelope = ctx.createGain();
      const start = at + i * 0.18;
      // Ramps, not steps: a tone switched on or off at once clicks.
      envelope.gain.setValueAtTime(0.0001, start);
      envelope.gain.exponentialRampToValueAtTime(1, start + 0.02);
      envelope.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
      tone.connect(envelope);
      envelope.connect(out);
      tone.start(start);
      tone.stop(start + 0.34);
    });
    return true;
  } catch {
    return false;
  }
}
