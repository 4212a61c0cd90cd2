// Spoken guidance in the booth: which catalogue texts may be read aloud and how a text is turned into speech.
// Shared by the server (which renders the audio) and the kiosk (which plays it, or falls back to the browser).

/** One short spoken instruction per kiosk screen, at `kiosk.voice.<screen>` in every catalogue. */
export const VOICE_SCREENS = [
  'attract',
  'language',
  'consent',
  'phone',
  'code',
  'iin',
  'topic',
  'reference',
  'addressee',
  'camera',
  'record',
  'review',
  'sending',
  'receipt',
  'idle',
] as const;
export type VoiceScreen = (typeof VOICE_SCREENS)[number];

/**
 * Only guidance and the consent text may be spoken: the server renders what it is asked for, so an open list
 * would let anyone make it render (and store) audio of any catalogue string.
 */
export const SPEAKABLE_PREFIXES = ['kiosk.voice.', 'kiosk.consent.'] as const;

export function isSpeakableKey(key: string): boolean {
  return SPEAKABLE_PREFIXES.some((prefix) => key.startsWith(prefix) && key.length > prefix.length);
}

/**
 * A catalogue text as it should be said: markup (`<1>…</1>`, `<strong>`) goes, placeholders are filled from
 * `values` or dropped, and leftover braces, emphasis marks and runs of spaces are tidied away.
 */
export function spokenText(template: string, values: Record<string, string | number> = {}): string {
  return template
    .replace(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g, (_, name: string) => String(values[name] ?? ''))
    .replace(/<\/?[A-Za-z0-9]+(?:\s[^<>]*)?\/?>/g, '')
    .replace(/[{}*_]/g, '')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
