/**
 * User-interface labels and the search's filter keys, shared by the page
 * templates, the search index (src/lib/search/describe.ts) and the search page's
 * script (src/search/). One place, ready for a second language.
 */
import type { Outcome, PageFlag } from './pdf/types.ts';
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

/**
 * Labels of the pages (src/pages/), one group per page. Sentences with a value
 * inside are functions of the value; where a sentence wraps markup (a <code>
 * example, a link), the parts around the markup are listed in order.
 */
export const PAGE_LABELS = {
  /** Between the items of a list written out in a sentence. */
  listSeparator: '、',
  /** A remark after a value, in parentheses. */
  aside: (text: string | number) => `（${text}）`,
  home: {
    description: 'JPNIC の年次カンファレンス Internet Week の全講演・スライドを検索できるアーカイブ',
    summary: (years: number, programs: number, decks: number) => `${years} 年分、${programs} プログラム、${decks} 件の講演資料。スライドの本文まで検索できます。`,
    searchLabel: '講演・スライド・講演者を検索',
    searchPlaceholder: '例: RPKI、DNSSEC、サーバー運用',
    searchSubmit: '検索',
    years: '開催年',
    yearCounts: (programs: number, decks: number) => `${programs} プログラム · 資料 ${decks} 件`,
    officialCount: (programs: number) => ` (公式発表 ${programs} プログラム)`,
    shape: 'アーカイブの姿',
  },
  year: {
    description: (eventName: string) => `${eventName} のプログラムと講演資料`,
    theme: 'テーマ: ',
    period: '会期',
    venue: '会場',
    organiser: '主催',
    programs: 'プログラム',
    programCount: (count: number) => `${count} 件`,
    officialCount: (count: number) => `（公式発表 ${count} 件）`,
    overview: '概要',
    rights: '講演資料の権利: ',
    timetable: 'タイムテーブル',
    noPrograms: 'この年のプログラムはまだアーカイブにありません。',
    addToCalendar: 'カレンダー (iCalendar) に追加',
    undatedLeftOut: (count: number) => `（日付不明の ${count} 件は含まれません）`,
    untimed: '時刻不明',
    undated: '日付不明',
  },
  program: {
    date: '日時',
    dateAsWritten: (written: string) => `（記載: ${written}）`,
    type: '種別',
    room: '会場',
    speakers: '講演者',
    id: 'ID',
    otherYears: '他の年',
    subTalks: '講演',
    abstract: '概要',
    materials: '講演資料',
    noMaterials: 'このプログラムの資料はアーカイブにありません。',
    externalSite: '外部サイト',
    videos: '動画',
    noVideos: 'このプログラムの動画はありません。',
  },
  deck: {
    title: (deckTitle: string, programLabel: string) => `${deckTitle}（${programLabel}）`,
    description: (year: number, programLabel: string, deckTitle: string) => `${year} ${programLabel} の講演資料「${deckTitle}」のスライド本文`,
    program: 'プログラム',
    speakers: '講演者',
    file: 'ファイル',
    fileDetails: (pageCount: number | undefined, size: string) => `（${pageCount === undefined ? '' : `${pageCount} ページ、`}${size}）`,
    source: '出典',
    rights: '権利',
    notExtracted: 'このファイルのテキストはまだ抽出されていません。',
    flags: { 'no-text': 'テキストなし', garbage: '文字化け', failed: '読み込み失敗', 'needs-ocr': '要OCR', ocr: 'OCR' } satisfies Record<PageFlag, string>,
    slide: (page: number) => `スライド ${page}`,
    thumbAlt: (page: number, enlargeable: boolean) => `スライド ${page} の縮小画像${enlargeable ? '（拡大画像を開く）' : ''}`,
    permalink: (page: number) => `スライド ${page} へのリンク`,
    ocrNote: (confidence: number | undefined) =>
      `このスライドの文字は画像から OCR で読み取ったもので、誤りを含むことがあります${confidence === undefined ? '' : `（信頼度 ${Math.round(confidence * 100)}%）`}。`,
    noText: '（このスライドにテキストはありません）',
    openPage: 'PDF のこのページを開く',
    enlarge: (page: number) => `スライド ${page} を大きく表示`,
  },
  speakers: {
    title: '講演者一覧',
    summary: (count: number) => `${count} 名。名前の表記ゆれ（空白の有無、ローマ字表記）は同一人物としてまとめています。`,
    affiliationsNote: '（組織ごとに、誰がいつ登壇したか）',
    caption: '講演者と登壇年',
    columns: { speaker: '講演者', count: '登壇数', years: '登壇年' },
  },
  speaker: {
    description: (name: string, count: number) => `${name} の Internet Week での講演 ${count} 件`,
    reading: '読み: ',
    spellings: '別表記: ',
    appearances: (count: number) => `講演（${count} 件）`,
    caption: (name: string) => `${name} の講演と当時の所属`,
    columns: { year: '年', program: 'プログラム', affiliation: '当時の所属', role: '役割' },
    noAffiliation: '—',
  },
  affiliations: {
    title: '所属組織の索引',
    description: '講演者の所属組織と、その組織から誰がいつ登壇したか',
    summary: (count: number) => `プログラムに書かれた当時の所属ごとに、その年の講演者を示します（${count} 組織）。所属の書かれていない講演者は含みません。`,
  },
  videos: {
    title: '動画',
    description: 'Internet Week の講演動画とオンデマンド配信',
    summary: (count: number) => `${count} 本。プログラムに結びついた動画はプログラムのページで再生できます（再生ボタンを押すまで YouTube から何も読み込みません）。`,
    chapterLinks: 'チャプターのリンクは YouTube の該当時刻を開きます。',
    yearHeading: (year: number) => `Internet Week ${year}`,
    otherVideos: 'その他の動画',
    sections: '動画の年とシリーズ',
  },
  codes: {
    title: 'プログラムコードの意味と時代',
    description: 'Internet Week のプログラムコードの文字が各年に何を意味したか、アーカイブの内容から',
    intro: 'コードの文字の意味は年によって変わりました（たとえば H は 2008–2009 年は半日セッション、2018 年以降はハンズオン）。下の表はこのアーカイブに収録されたプログラムから作ったもので、収録のない年については何も述べません。',
    caption: '文字ごとの使われ方（収録プログラムの種別から）',
    columns: { letter: '文字', years: '年', types: '種別', examples: '例' },
    /** Between the example programs of a letter. */
    examplesSeparator: '、 ',
    yearsWithPrograms: (years: string) => `（収録のある年: ${years}）`,
    typeSeparator: '・',
    series: '毎年のプログラム',
    seriesIntro: '複数の年に同じ名前で開かれたプログラムです（タイトルから）。',
  },
  oldLinks: {
    title: '旧 URL からページを探す',
    /** Around an example of an old URL. */
    intro: ['以前公開されていた講演資料の URL（例: ', '）や各年のページの URL を貼り付けると、このアーカイブでの対応するページを表示します。'],
    url: '旧 URL',
    submit: '探す',
    /** Around the mirror's file name of the table. */
    noScript: ['この検索には JavaScript が必要です。対応表はミラーの ', ' にもあります。'],
  },
  notFound: {
    title: 'ページが見つかりません',
    message: 'お探しのページはこのアーカイブにありません。URL を確認するか、上の検索欄から講演やスライドを探してください。',
    /** The form of a program's URL, then an example of one. */
    urlForm: ['プログラムの URL は ', '（例: ', '）の形です。'],
    urlPattern: '/年/コード/',
  },
  about: {
    title: 'このアーカイブについて',
    citing: '引用と識別子',
    data: '機械可読データ',
    archiveJson: ': 全年・全プログラム・講演者・資料の一覧',
    bibtex: ': 全プログラムの BibTeX',
    mirror: 'オフラインミラー',
  },
};

/** What a second language supplies for the pages: the same keys, its own text. */
export type PageLabels = typeof PAGE_LABELS;
