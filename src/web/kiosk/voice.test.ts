// The booth's voice without a browser: which voice speaks, the fallback, and silence while recording.
import { describe, expect, it } from 'vitest';
import type { VoiceInfo } from '../../common/api.js';
import type { Language } from '../../common/statuses.js';
import {
  VoiceGuide,
  pickBrowserVoice,
  serverSpeaks,
  voiceUrl,
  type BrowserVoice,
  type VoiceDeps,
} from './voice.js';

const ALL: VoiceInfo = { available: true, languages: ['kk', 'ru', 'en'] };
const NONE: VoiceInfo = { available: false, languages: [] };

const voice = (lang: string, name = lang, localService = true): BrowserVoice => ({
  lang,
  name,
  localService,
});

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A booth whose outputs write down what they were told to do. */
function booth(
  options: {
    status?: () => Promise<VoiceInfo | null>;
    play?: (url: string) => Promise<void>;
    voices?: BrowserVoice[];
    noSpeech?: boolean;
  } = {},
) {
  const log: string[] = [];
  let statusCalls = 0;
  const deps: VoiceDeps = {
    audio: {
      play: (url) => {
        log.push(`play ${url}`);
        return options.play ? options.play(url) : Promise.resolve();
      },
      stop: () => log.push('audio stop'),
    },
    speech: options.noSpeech
      ? null
      : {
          voices: () => Promise.resolve(options.voices ?? []),
          speak: (text, v) => log.push(`say(${v.lang}) ${text}`),
          cancel: () => log.push('speech cancel'),
        },
    status: () => {
      statusCalls += 1;
      return options.status ? options.status() : Promise.resolve(ALL);
    },
    text: (language: Language, key: string) =>
      key === 'kiosk.voice.phone' ? `<strong>${language}</strong> phone {{x}}` : key,
    url: voiceUrl,
  };
  const guide = new VoiceGuide(deps);
  const said = () => log.filter((line) => !line.endsWith('stop') && !line.endsWith('cancel'));
  return { guide, log, said, statusCalls: () => statusCalls };
}

describe('choosing who speaks', () => {
  it.each<[VoiceInfo | null, Language, boolean]>([
    [ALL, 'kk', true],
    [{ available: true, languages: ['ru', 'en'] }, 'kk', false],
    [NONE, 'ru', false],
    [null, 'en', true],
  ])('with the server saying %j, asks it for %s: %s', (info, language, expected) => {
    expect(serverSpeaks(info, language)).toBe(expected);
  });

  it('takes a browser voice of the language only, preferring one on the device', () => {
    const voices = [voice('ru-RU', 'net', false), voice('ru-RU', 'local'), voice('en-US'), voice('kk')];
    expect(pickBrowserVoice(voices, 'ru')?.name).toBe('local');
    expect(pickBrowserVoice(voices, 'kk')?.name).toBe('kk');
    expect(pickBrowserVoice([voice('ru_RU')], 'ru')?.lang).toBe('ru_RU');
    expect(pickBrowserVoice([voice('ru-RU'), voice('en-GB')], 'kk')).toBeNull();
    expect(pickBrowserVoice([voice('kn-IN')], 'kk')).toBeNull();
    expect(pickBrowserVoice([], 'en')).toBeNull();
  });

  it('asks the server for the key in the language', () => {
    expect(voiceUrl('kk', 'kiosk.voice.phone')).toBe('/api/voice/kk/kiosk.voice.phone');
  });
});

describe('the voice guide', () => {
  it("plays the server's audio when the server speaks the language", async () => {
    const { guide, said } = booth({ voices: [voice('ru-RU')] });
    guide.speak('ru', 'kiosk.voice.phone');
    await settle();
    expect(said()).toEqual(['play /api/voice/ru/kiosk.voice.phone']);
  });

  it("reads the text with the browser's voice when the server cannot speak", async () => {
    const { guide, said } = booth({ status: () => Promise.resolve(NONE), voices: [voice('ru-RU')] });
    guide.speak('ru', 'kiosk.voice.phone');
    await settle();
    expect(said()).toEqual(['say(ru-RU) ru phone']);
  });

  it("falls back to the browser's voice when the audio does not play", async () => {
    const { guide, said } = booth({
      play: () => Promise.reject(new Error('503')),
      voices: [voice('en-US')],
    });
    guide.speak('en', 'kiosk.voice.phone');
    await settle();
    expect(said()).toEqual(['play /api/voice/en/kiosk.voice.phone', 'say(en-US) en phone']);
  });

  it('stays silent when neither the server nor the browser has the language', async () => {
    const { guide, said } = booth({ status: () => Promise.resolve(NONE), voices: [voice('ru-RU')] });
    guide.speak('kk', 'kiosk.voice.phone');
    await settle();
    expect(said()).toEqual([]);
  });

  it('stays silent where the browser has no speech synthesis at all', async () => {
    const { guide, said } = booth({ play: () => Promise.reject(new Error('offline')), noSpeech: true });
    guide.speak('kk', 'kiosk.voice.phone');
    await settle();
    expect(said()).toEqual(['play /api/voice/kk/kiosk.voice.phone']);
  });

  it('tries the audio when the server could not be asked, and asks again next time', async () => {
    const { guide, said, statusCalls } = booth({ status: () => Promise.reject(new Error('network')) });
    guide.speak('ru', 'kiosk.voice.idle');
    await settle();
    expect(said()).toEqual(['play /api/voice/ru/kiosk.voice.idle']);
    guide.speak('ru', 'kiosk.voice.idle');
    await settle();
    expect(statusCalls()).toBe(2);
  });

  it('asks the server what it can say only once when it answers', async () => {
    const { guide, statusCalls } = booth();
    guide.speak('ru', 'kiosk.voice.idle');
    guide.speak('kk', 'kiosk.voice.idle');
    await settle();
    guide.speak('en', 'kiosk.voice.idle');
    await settle();
    expect(statusCalls()).toBe(1);
  });

  it('stops what is playing before it speaks again, and only the last request plays', async () => {
    const { guide, log, said } = booth();
    guide.speak('ru', 'kiosk.voice.phone');
    guide.speak('ru', 'kiosk.voice.code');
    await settle();
    expect(said()).toEqual(['play /api/voice/ru/kiosk.voice.code']);
    guide.speak('ru', 'kiosk.voice.iin');
    expect(log.at(-2)).toBe('audio stop');
    expect(log.at(-1)).toBe('speech cancel');
  });

  it('goes silent when muted for recording and refuses to speak until unmuted', async () => {
    const { guide, log, said } = booth();
    guide.speak('ru', 'kiosk.voice.camera');
    await settle();
    guide.setMuted(true);
    expect(log.slice(-2)).toEqual(['audio stop', 'speech cancel']);
    guide.speak('ru', 'kiosk.voice.record');
    await settle();
    expect(said()).toEqual(['play /api/voice/ru/kiosk.voice.camera']);
    guide.setMuted(false);
    guide.speak('ru', 'kiosk.voice.review');
    await settle();
    expect(said().at(-1)).toBe('play /api/voice/ru/kiosk.voice.review');
  });

  it('never starts speaking after muting, even when the request was already under way', async () => {
    let answer: (info: VoiceInfo) => void = () => undefined;
    const { guide, said } = booth({
      status: () => new Promise((resolve) => (answer = resolve)),
      voices: [voice('ru-RU')],
    });
    guide.speak('ru', 'kiosk.voice.record');
    guide.setMuted(true);
    answer(ALL);
    await settle();
    expect(said()).toEqual([]);
  });

  it('does not fall back to the browser when the audio was stopped while loading', async () => {
    let fail: (error: Error) => void = () => undefined;
    const { guide, said } = booth({
      play: () => new Promise((_resolve, reject) => (fail = reject)),
      voices: [voice('ru-RU')],
    });
    guide.speak('ru', 'kiosk.voice.camera');
    await settle();
    guide.setMuted(true);
    fail(new Error('The play() request was interrupted by a call to pause()'));
    await settle();
    expect(said()).toEqual(['play /api/voice/ru/kiosk.voice.camera']);
  });

  it('keeps quiet while turned off, and stops at once when turned off', async () => {
    const { guide, log, said } = booth();
    expect(guide.enabled).toBe(true);
    guide.speak('kk', 'kiosk.voice.phone');
    await settle();
    guide.enabled = false;
    expect(log.slice(-2)).toEqual(['audio stop', 'speech cancel']);
    guide.speak('kk', 'kiosk.voice.code');
    await settle();
    expect(said()).toEqual(['play /api/voice/kk/kiosk.voice.phone']);
    guide.enabled = true;
    guide.speak('kk', 'kiosk.voice.code');
    await settle();
    expect(said().at(-1)).toBe('play /api/voice/kk/kiosk.voice.code');
  });

  it('does not read a key aloud when the catalogue has no text for it', async () => {
    const { guide, said } = booth({ status: () => Promise.resolve(NONE), voices: [voice('ru-RU')] });
    guide.speak('ru', 'kiosk.voice.missing');
    await settle();
    expect(said()).toEqual([]);
  });
});
