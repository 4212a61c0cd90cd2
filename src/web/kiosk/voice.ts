// Spoken guidance in the booth: plays the server's espeak-ng audio for a catalogue key, falls back to the browser's
// own voices only when one exists for the language, and never makes a sound while a recording is running.
import i18next from 'i18next';
import type { VoiceInfo } from '../../common/api.js';
import type { Language } from '../../common/statuses.js';
import { spokenText } from '../../common/voice.js';

/** The audio element's part: start playing a URL (rejects if it cannot), and stop whatever plays. */
export interface AudioOutput {
  play(url: string): Promise<void>;
  stop(): void;
}

/** A browser voice as `speechSynthesis.getVoices()` lists it. */
export interface BrowserVoice {
  lang: string;
  name: string;
  localService: boolean;
}

/** The speechSynthesis part: the voices it has (after they load), speaking a text with one of them, cancelling. */
export interface SpeechOutput {
  voices(): Promise<readonly BrowserVoice[]>;
  speak(text: string, voice: BrowserVoice): void;
  cancel(): void;
}

export interface VoiceDeps {
  audio: AudioOutput;
  /** null where the browser has no speechSynthesis at all. */
  speech: SpeechOutput | null;
  /** GET /api/voice; null when the server could not be asked (then the audio is simply tried). */
  status(): Promise<VoiceInfo | null>;
  /** The catalogue text of a key in a language, for the browser's voice to read. */
  text(language: Language, key: string): string;
  /** Where the server's audio for a key is. */
  url(language: Language, key: string): string;
}

/** Pure: whether to ask the server for the audio or go straight to the browser's voice. */
export function serverSpeaks(info: VoiceInfo | null, language: Language): boolean {
  // Not knowing is no reason to stay silent: the audio request itself will tell.
  if (!info) return true;
  return info.available && info.languages.includes(language);
}

/**
 * Pure: the browser voice for a language, or null. Only that language counts (a Russian voice reading Kazakh
 * would mislead more than silence); a voice on the device is preferred to one that needs the network.
 */
export function pickBrowserVoice<V extends BrowserVoice>(voices: readonly V[], language: Language): V | null {
  const matching = voices.filter((voice) => {
    const tag = voice.lang.toLowerCase().replace('_', '-');
    return tag === language || tag.startsWith(`${language}-`);
  });
  return matching.find((voice) => voice.localService) ?? matching[0] ?? null;
}

export function voiceUrl(language: Language, key: string): string {
  return `/api/voice/${language}/${encodeURIComponent(key)}`;
}

/**
 * Speaks one thing at a time. `speak` stops what is playing first; `setMuted(true)` (while recording) stops it and
 * refuses to speak until unmuted; `enabled = false` does the same for a person who turned the voice off.
 * Nothing is remembered between people: create it once per booth and let the screens switch it.
 */
export class VoiceGuide {
  #deps: VoiceDeps;
  #enabled = true;
  #muted = false;
  /** Bumped by every speak and stop, so a late answer from the network never plays over a newer request. */
  #turn = 0;
  #status: Promise<VoiceInfo | null> | null = null;

  /** Without arguments it uses the browser; tests pass their own outputs. */
  constructor(deps: Partial<VoiceDeps> = {}) {
    this.#deps = { ...browserDeps(), ...deps };
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  set enabled(on: boolean) {
    this.#enabled = on;
    if (!on) this.stop();
  }

  get muted(): boolean {
    return this.#muted;
  }

  /** Muted while the camera records: stops any speech now and keeps the booth silent until unmuted. */
  setMuted(muted: boolean): void {
    this.#muted = muted;
    if (muted) this.stop();
  }

  /** Says the catalogue text of `key` (a `kiosk.voice.*` or `kiosk.consent.*` key) in `language`. */
  speak(language: Language, key: string): void {
    this.stop();
    if (!this.#enabled || this.#muted) return;
    void this.#speak(this.#turn, language, key);
  }

  stop(): void {
    this.#turn += 1;
    this.#deps.audio.stop();
    this.#deps.speech?.cancel();
  }

  #current(turn: number): boolean {
    return turn === this.#turn && this.#enabled && !this.#muted;
  }

  async #speak(turn: number, language: Language, key: string): Promise<void> {
    const info = await this.#serverStatus();
    if (!this.#current(turn)) return;
    if (serverSpeaks(info, language)) {
      try {
        await this.#deps.audio.play(this.#deps.url(language, key));
        return;
      } catch {
        // A stop() while loading also lands here; #current tells the two apart.
        if (!this.#current(turn)) return;
      }
    }
    await this.#speakInBrowser(turn, language, key);
  }

  async #speakInBrowser(turn: number, language: Language, key: string): Promise<void> {
    const speech = this.#deps.speech;
    if (!speech) return;
    const voice = pickBrowserVoice(await speech.voices(), language);
    if (!voice || !this.#current(turn)) return;
    const text = spokenText(this.#deps.text(language, key));
    if (text && text !== key) speech.speak(text, voice);
  }

  /** Asked once; a failed request is asked again next time (the server may have been restarting). */
  #serverStatus(): Promise<VoiceInfo | null> {
    this.#status ??= this.#deps.status().then(
      (info) => {
        if (!info) this.#status = null;
        return info;
      },
      () => {
        this.#status = null;
        return null;
      },
    );
    return this.#status;
  }
}

/** The real browser: one audio element, speechSynthesis if there is one, GET /api/voice, i18next's texts. */
function browserDeps(): VoiceDeps {
  let element: HTMLAudioElement | null = null;
  const synthesis = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  return {
    audio: {
      play(url) {
        element ??= new Audio();
        element.src = url;
        return element.play();
      },
      stop() {
        if (!element) return;
        element.pause();
        // Dropping the source also abandons a download still in flight.
        element.removeAttribute('src');
        element.load();
      },
    },
    speech: synthesis && {
      voices: () => loadedVoices(synthesis),
      speak(text, voice) {
        const utterance = new SpeechSynthesisUtterance(text);
        // It is one of the voices listed above, handed back.
        utterance.voice = voice as SpeechSynthesisVoice;
        utterance.lang = voice.lang;
        synthesis.speak(utterance);
      },
      cancel: () => synthesis.cancel(),
    },
    async status() {
      const response = await fetch('/api/voice', { headers: { accept: 'application/json' } });
      return response.ok ? ((await response.json()) as VoiceInfo) : null;
    },
    text: (language, key) => i18next.getFixedT(language)(key),
    url: voiceUrl,
  };
}

/** Chromium fills getVoices() asynchronously: wait briefly for `voiceschanged` if the list is still empty. */
function loadedVoices(synthesis: SpeechSynthesis, waitMs = 500): Promise<SpeechSynthesisVoice[]> {
  const now = synthesis.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synthesis.removeEventListener('voiceschanged', done);
      resolve(synthesis.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    synthesis.addEventListener('voiceschanged', done);
  });
}
