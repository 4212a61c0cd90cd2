// Spoken guidance for the booth: catalogue text → espeak-ng (WAV) → ffmpeg (Ogg/Opus), cached on disk by a hash
// of what is said and how, so each sentence is rendered once per server and then served as a file.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '../../../common/statuses.js';
import { isSpeakableKey, spokenText } from '../../../common/voice.js';
import { Problem } from '../../errors.js';
import { translate } from '../../i18n.js';
import type { MediaTools } from '../../media/tools.js';

/** espeak-ng's voice for each language, and how fast it speaks (words per minute; its default of 175 rushes). */
const VOICES: Record<Language, string> = { kk: 'kk', ru: 'ru', en: 'en-gb' };
const WORDS_PER_MINUTE = 150;
/** Low bitrate is plenty for one synthetic voice; 24 kHz is an Opus rate close to espeak-ng's 22.05 kHz. */
const OPUS_ARGS = ['-ac', '1', '-ar', '24000', '-c:a', 'libopus', '-b:a', '24k', '-application', 'voip'];
/** Part of the cache key: change it when the rendering (voice settings, encoder arguments) changes. */
const RENDERING = `espeak-ng s${WORDS_PER_MINUTE} opus24k`;

export interface VoiceStatus {
  available: boolean;
  languages: Language[];
}

export interface Speech {
  file: string;
  /** sha256 of language, voice and text: the file's name and its ETag. */
  hash: string;
  size: number;
}

export interface VoiceService {
  status(): Promise<VoiceStatus>;
  /** The audio file of a speakable catalogue key, rendered on first use. */
  speech(language: Language, key: string): Promise<Speech>;
}

export interface VoiceOptions {
  /** ESPEAK_PATH; empty = espeak-ng on PATH. */
  espeakPath: string;
  cacheDir: string;
  media: MediaTools;
  /** Values for {{placeholders}} a spoken text may carry (e.g. the retention period on the consent screen). */
  values?: Record<string, string | number>;
}

/** Pure: the cache key of one rendering, hex sha256 of language, voice and text. */
export function speechHash(language: Language, voice: string, text: string): string {
  return crypto.createHash('sha256').update(`${language}\n${voice}\n${text}`).digest('hex');
}

/** Pure: the languages of kk/ru/en whose espeak-ng voice appears in `espeak-ng --voices`. */
export function languagesInVoiceList(list: string): Language[] {
  const listed = new Set(
    list
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[1])
      .filter((name): name is string => Boolean(name)),
  );
  return LANGUAGES.filter((language) => listed.has(VOICES[language]));
}

/** The catalogue's text for a key in a language (English if that language lacks it), plural forms by `count`. */
function catalogueText(
  language: Language,
  key: string,
  values: Record<string, string | number>,
): string | null {
  const candidates = [key];
  if (typeof values.count === 'number') {
    candidates.push(`${key}_${new Intl.PluralRules(language).select(values.count)}`);
  }
  candidates.push(`${key}_other`);
  for (const candidate of candidates) {
    const text = translate(language, candidate, values);
    // translate() answers with the key itself when no catalogue has it.
    if (text !== candidate) return text;
  }
  return null;
}

function run(
  command: string,
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-64 * 1024);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

export function createVoiceService(options: VoiceOptions): VoiceService {
  const espeak = options.espeakPath || 'espeak-ng';
  const pending = new Map<string, Promise<Speech>>();
  let detected: Promise<VoiceStatus> | null = null;

  function status(): Promise<VoiceStatus> {
    // Once per process: a missing binary stays missing until the operator installs it and restarts.
    detected ??= run(espeak, ['--voices'])
      .then(({ code, stdout }) => {
        const languages = code === 0 ? languagesInVoiceList(stdout) : [];
        return { available: languages.length > 0, languages };
      })
      .catch(() => ({ available: false, languages: [] }));
    return detected;
  }

  async function render(language: Language, text: string, hash: string, file: string): Promise<Speech> {
    await fs.promises.mkdir(options.cacheDir, { recursive: true });
    const stem = path.join(
      options.cacheDir,
      `${hash}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`,
    );
    const wav = `${stem}.wav`;
    const temp = `${stem}.ogg.tmp`;
    try {
      // The text goes in on stdin, so a sentence that starts with "-" is never read as an option. espeak-ng
      // renders a sentence in milliseconds; the encoding is the part worth running under nice (MediaTools does).
      const args = ['-v', VOICES[language], '-s', String(WORDS_PER_MINUTE), '-b', '1', '--stdin', '-w', wav];
      const spoken = await run(espeak, args, text);
      if (spoken.code !== 0) throw new Error(`espeak-ng exited ${spoken.code}: ${spoken.stderr.trim()}`);
      await options.media.ffmpeg([
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-i',
        wav,
        ...OPUS_ARGS,
        '-f',
        'ogg',
        temp,
      ]);
      // A reader never sees a half-written file: the name appears only when the bytes are all there.
      await fs.promises.rename(temp, file);
    } finally {
      await fs.promises.rm(wav, { force: true });
      await fs.promises.rm(temp, { force: true });
    }
    const { size } = await fs.promises.stat(file);
    return { file, hash, size };
  }

  async function speech(language: Language, key: string): Promise<Speech> {
    if (!isSpeakableKey(key)) throw new Problem('not-found');
    const template = catalogueText(language, key, options.values ?? {});
    const text = template === null ? '' : spokenText(template, options.values);
    if (!text) throw new Problem('not-found');

    const { languages } = await status();
    if (!languages.includes(language)) throw new Problem('voice-unavailable');

    const hash = speechHash(language, `${VOICES[language]} ${RENDERING}`, text);
    const file = path.join(options.cacheDir, `${hash}.ogg`);
    try {
      const { size } = await fs.promises.stat(file);
      return { file, hash, size };
    } catch {
      // Not rendered yet.
    }
    // Two screens asking for the same sentence at once share one rendering.
    let job = pending.get(hash);
    if (!job) {
      job = render(language, text, hash, file).finally(() => pending.delete(hash));
      pending.set(hash, job);
    }
    return job;
  }

  return { status, speech };
}
