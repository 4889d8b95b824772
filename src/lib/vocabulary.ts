/**
 * The words organisers wrote for roles and program types, mapped to the archive's
 * normalised values. A word not listed maps to nothing: the written form is kept
 * (roleAsWritten, typeAsWritten) and the normalised value stays unknown.
 */
import type { ProgramType, SpeakerRole } from './schema.ts';

/** Lower-cased, NFKC, without spaces and ・: so ＢｏＦ, Bo F and bof are one word. */
function wordKey(written: string): string {
  return written.normalize('NFKC').toLowerCase().replace(/[\s・･_-]+/gu, '');
}

const ROLE_WORDS: Record<string, SpeakerRole> = {
  speaker: 'speaker',
  講師: 'speaker',
  講演: 'speaker',
  講演者: 'speaker',
  発表: 'speaker',
  発表者: 'speaker',
  スピーカー: 'speaker',
  スピーカ: 'speaker',
  moderator: 'moderator',
  モデレータ: 'moderator',
  モデレーター: 'moderator',
  panelist: 'panelist',
  パネリスト: 'panelist',
  パネラー: 'panelist',
  chair: 'chair',
  座長: 'chair',
  司会: 'chair',
  議長: 'chair',
  organizer: 'organizer',
  organiser: 'organizer',
  コーディネータ: 'organizer',
  コーディネーター: 'organizer',
  オーガナイザ: 'organizer',
  オーガナイザー: 'organizer',
};

const TYPE_WORDS: Record<string, ProgramType> = {
  tutorial: 'tutorial',
  チュートリアル: 'tutorial',
  seminar: 'seminar',
  セミナー: 'seminar',
  セミナ: 'seminar',
  handson: 'hands-on',
  ハンズオン: 'hands-on',
  bof: 'bof',
  lunchseminar: 'lunch-seminar',
  ランチセミナー: 'lunch-seminar',
  ランチセッション: 'lunch-seminar',
  plenary: 'plenary',
  ipmeeting: 'plenary',
  全体会合: 'plenary',
  keynote: 'keynote',
  基調講演: 'keynote',
  other: 'other',
  その他: 'other',
};

/** 講師 → speaker, モデレータ → moderator; ハンズオンの説明 → undefined (kept as written by the caller). */
export function normaliseRole(written: string): SpeakerRole | undefined {
  return ROLE_WORDS[wordKey(written)];
}

/** チュートリアル → tutorial, IP Meeting → plenary, BoF → bof; an unknown word → undefined. */
export function normaliseType(written: string): ProgramType | undefined {
  return TYPE_WORDS[wordKey(written)];
}
