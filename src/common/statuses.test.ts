import { describe, expect, it } from 'vitest';
import {
  APPEAL_STATUSES,
  MEDIA_STATES,
  canMoveAppeal,
  canMoveMedia,
  isOpenStatus,
  type AppealStatus,
} from './statuses.js';

const CLOSED: AppealStatus[] = ['answered', 'withdrawn', 'left_without_consideration'];
const OPEN = APPEAL_STATUSES.filter((s) => !CLOSED.includes(s));

describe('appeal statuses', () => {
  it.each(CLOSED)('stops the deadline of a %s appeal', (from) => {
    expect(isOpenStatus(from)).toBe(false);
  });

  it.each(['withdrawn', 'left_without_consideration'] as const)('lets a %s appeal move nowhere', (from) => {
    for (const to of APPEAL_STATUSES) expect(canMoveAppeal(from, to)).toBe(false);
  });

  it('lets an answered appeal only be disputed, and a disputed one be answered again but not withdrawn', () => {
    expect(APPEAL_STATUSES.filter((to) => canMoveAppeal('answered', to))).toEqual(['disputed']);
    expect(canMoveAppeal('disputed', 'answered')).toBe(true);
    expect(canMoveAppeal('disputed', 'withdrawn')).toBe(false);
  });

  it.each(OPEN)('keeps the deadline running while %s', (status) => {
    expect(isOpenStatus(status)).toBe(true);
  });

  it.each(OPEN.filter((s) => s !== 'disputed'))(
    'lets a %s appeal be answered, withdrawn or left without consideration',
    (from) => {
      for (const to of CLOSED) expect(canMoveAppeal(from, to)).toBe(true);
    },
  );

  it('lets a registered appeal be answered at once', () => {
    expect(canMoveAppeal('registered', 'answered')).toBe(true);
  });

  it.each(APPEAL_STATUSES)('never moves a %s appeal back to registered', (from) => {
    expect(canMoveAppeal(from, 'registered')).toBe(false);
  });

  it.each(APPEAL_STATUSES)('does not count staying %s as a move', (status) => {
    expect(canMoveAppeal(status, status)).toBe(false);
  });

  it('lets an appeal under review be redirected or extended', () => {
    expect(canMoveAppeal('under_review', 'redirected')).toBe(true);
    expect(canMoveAppeal('under_review', 'extended')).toBe(true);
  });
});

describe('media processing states', () => {
  it.each([
    ['uploading', 'uploaded'],
    ['uploaded', 'processing'],
    ['processing', 'ready'],
    ['processing', 'failed'],
    ['failed', 'processing'],
    ['ready', 'processing'],
    // An admin's reprocess.
    ['ready', 'uploaded'],
    ['failed', 'uploaded'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canMoveMedia(from, to)).toBe(true);
  });

  it.each([
    ['ready', 'uploading'],
    ['ready', 'failed'],
    ['uploading', 'ready'],
    ['uploading', 'processing'],
    ['uploaded', 'ready'],
    ['failed', 'ready'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canMoveMedia(from, to)).toBe(false);
  });

  it.each(MEDIA_STATES)('never moves %s back to uploading', (from) => {
    expect(canMoveMedia(from, 'uploading')).toBe(false);
  });

  it('walks a recording from upload to ready', () => {
    const path = ['uploading', 'uploaded', 'processing', 'ready'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveMedia(path[i - 1]!, path[i]!)).toBe(true);
  });
});
