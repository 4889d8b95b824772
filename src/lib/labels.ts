/**
 * User-interface labels and the search's filter keys, shared by the page
 * templates, the search index (src/lib/search/describe.ts) and the search page's
 * script (src/search/). One place, ready for a second language.
 */
import type { Outcome } from './pdf/types.ts';
import type { ProgramType, SpeakerRole } from './schema.ts';

export type PageKind = 'program' | 'deck' | 'speaker';

export const KIND_LABELS: Record<PageKind, string> = { program: 'プログラム', deck: 'スライド', speaker: '講演者' };
export const LANGUAGE_LABELS: Record<string, string> = { ja: '日本語', en: '英語', 'ja-en': '日英' };
export const PRESENCE_LABELS = { yes: 'あり', no: 'なし' } as const;

/** Filter keys, in the order the search page shows them as facets, with their legends. */
export const FILTER_KEYS = ['kind', 'year', 'era', 'type', 'speaker', 'affiliation', 'slides', 'video', 'lang'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const FILTER_LABELS: Record<FilterKey, string> = {
  kind: '種類',
  year: '年',
  era: '年代',
  type: '種別',
  speaker: '講演者',
  affiliation: '所属',
  slides: 'スライド',
  video: '動画',
  lang: '言語',
};

/** Labels of the search page. */
export const SEARCH_LABELS = {
  title: '検索',
  query: 'キーワード',
  placeholder: '例: BGP、サーバー、山田',
  sort: '並び順',
  sortRelevance: '関連度',
  sortNew: '新しい順',
  sortOld: '古い順',
  submit: '検索',
  more: 'さらに表示',
  facets: '絞り込み',
  facetsToggle: '絞り込み',
  results: '検索結果',
  noScript: '検索には JavaScript が必要です。年一覧と講演者一覧からもたどれます。',
  idle: 'キーワードを入力してください。',
  loading: '検索しています…',
  counting: '件数を確認しています…',
  loadError: (message: string) => `検索インデックスを読み込めませんでした（${message}）。`,
  none: (query: string) => `「${query}」に一致する結果はありません。`,
  count: (query: string, count: number) => `「${query}」の検索結果 ${count} 件`,
  partial: (query: string, shown: number) => `「${query}」の検索結果（${shown} 件を表示、件数を確認中）`,
  many: (query: string, candidates: number) => `「${query}」の検索結果（候補 ${candidates} 件。語を足すか絞り込むと件数を数えます）`,
  uncounted: (limit: number) => `結果が ${limit} 件を超えるため件数は表示していません。絞り込むと数えます。`,
  slide: (title: string) => `（${title}）`,
} as const;

/** The frame every page shares (src/layouts/Base.astro): site name, navigation, search box, footer; also the feed's title. */
export const SITE_LABELS = {
  siteName: 'Internet Week アーカイブ',
  feedTitle: '新しいプログラムと講演資料',
  skipToMain: '本文へ移動',
  siteNav: 'サイト',
  nav: { home: '年一覧', speakers: '講演者', videos: '動画', search: '検索', about: 'このアーカイブについて' },
  searchForm: 'サイト内検索',
  searchLabel: 'アーカイブを検索',
  searchPlaceholder: '講演・スライドを検索',
  searchSubmit: '検索',
  breadcrumbs: 'パンくずリスト',
  breadcrumbHome: 'ホーム',
  footerAbout: 'Internet Week は一般社団法人日本ネットワークインフォメーションセンター (JPNIC) が主催する年次カンファレンスです。このサイトはその講演資料のアーカイブです。',
  dataJson: 'データ (JSON)',
  tables: { programs: 'プログラム', speakers: '講演者', materials: '資料', videos: '動画' },
  manifest: 'ファイル一覧と SHA-256',
} as const;

/** What an archive shows for a fact nobody recorded. */
export const UNKNOWN_JA = '不明';

/** Labels of the page components (src/components/). */
export const COMPONENT_LABELS = {
  /** Between names in a list of people. */
  nameSeparator: '、',
  /** A program's number of materials, after its other counts. */
  materialCount: (count: number) => ` · 資料 ${count}`,
  chartTable: '数値（表）',
  cite: {
    heading: '引用',
    download: 'ダウンロード: ',
    rights: '権利',
    rightsUnknown: `${UNKNOWN_JA}（権利表示の記録がありません）`,
    materialRights: (title: string | undefined, rights: string | null | undefined) => `「${title ?? ''}」: ${rights ?? UNKNOWN_JA}`,
  },
  deck: {
    coverAlt: (title: string) => `「${title}」の表紙スライド`,
    noThumbnail: 'サムネイルなし',
    pages: (count: number) => `${count} ページ`,
    openPdf: 'PDF を開く',
    slideText: 'スライドの本文',
  },
  finder: {
    heading: 'コード・タイトル・講演者・年で探す',
    whyNoSearch: 'スライド本文まで探す全文検索は、アーカイブをウェブサーバで開いたときに使えます（ファイルから直接開いた場合は使えません）。',
    howToServe: ['アーカイブのフォルダで ', ' を実行し、表示された URL を開いてください。'],
    whatItFinds: 'ここでは講演コード（例: O1）、タイトル、講演者、年で探せます。',
    query: 'キーワード',
    placeholder: '例: 2024 O1、DNS、山田',
    submit: '探す',
  },
  facts: {
    fee: '参加費',
    capacity: '定員',
    capacityCount: (count: number | string) => `${count} 名`,
    organizer: '主催',
    notes: '備考',
    sources: '出典',
    sourceRead: (date: string) => `（${date} 閲覧）`,
  },
  roomUnknown: `会場${UNKNOWN_JA}`,
  video: {
    play: '動画を再生',
    playNote: '再生すると YouTube（youtube-nocookie.com）から読み込みます',
    external: (host: string) => `この動画は${host}で公開されています（埋め込みなし）。`,
    watchOn: (host: string) => `${host}で見る`,
    published: ' · 公開 ',
    chapters: (count: number) => `チャプター（${count}）`,
  },
} as const;

/** Program types, speaker roles, video series and PDF outcomes as pages name them. */
export const TYPE_LABELS: Record<ProgramType, string> = {
  tutorial: 'チュートリアル',
  seminar: 'セミナー',
  'hands-on': 'ハンズオン',
  bof: 'BoF',
  'lunch-seminar': 'ランチセミナー',
  plenary: 'IP Meeting・全体会合',
  keynote: '基調講演',
  other: 'その他',
};

export const ROLE_LABELS: Record<SpeakerRole, string> = {
  speaker: '講演',
  moderator: 'モデレータ',
  panelist: 'パネリスト',
  chair: '座長',
  organizer: 'コーディネータ',
};

export const SERIES_LABELS: Record<string, string> = {
  'basic-ondemand': 'Internet Week Basic オンデマンド',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: 'テキスト抽出済み',
  partial: '一部のページを読めません',
  encrypted: 'パスワード保護のためテキストを抽出できません',
  empty: '空のファイルです',
  'not-pdf': 'PDFではありません',
  corrupt: '壊れたPDFです',
  'no-text-layer': 'テキスト層がありません（OCRが必要）',
  garbage: '文字化けしたテキスト層です',
  'too-large': '大きすぎるため処理していません',
};
