/**
 * Vocabulary of the synthetic archive: realistic Japanese and English slide text
 * about Internet operations (kanji compounds, kana, katakana compounds and ASCII
 * terms such as BGP or RPKI), names, affiliations and program titles.
 * Every character here is in JIS X 0208, so Shift_JIS decks can draw all of it.
 */

export interface Topic {
  /** Short key, used in tags. */
  tag: string;
  /** Japanese name of the topic, used in titles. */
  ja: string;
  en: string;
  /** ASCII terms (protocols, acronyms). */
  ascii: readonly string[];
  /** Kanji compounds. */
  kanji: readonly string[];
  /** Katakana compounds. */
  katakana: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    tag: 'DNS', ja: 'DNS の運用', en: 'DNS Operations',
    ascii: ['DNS', 'DNSSEC', 'KSK', 'ZSK', 'DS レコード', 'EDNS', 'DoH', 'DoT', 'TTL', 'NSEC3', 'BIND', 'Unbound'],
    kanji: ['名前解決', '権威サーバ', '鍵更新', '署名検証', '委任', '逆引き', '応答速度', '水責め攻撃', '登録管理'],
    katakana: ['キャッシュサーバ', 'ゾーンファイル', 'ロールオーバー', 'レジストリ', 'レジストラ', 'リゾルバー', 'フルサービスリゾルバー'],
  },
  {
    tag: 'Routing', ja: '経路制御', en: 'Routing',
    ascii: ['BGP', 'RPKI', 'ROA', 'ROV', 'ASPA', 'AS', 'IRR', 'MANRS', 'BGPsec', 'OSPF', 'IS-IS', 'prefix'],
    kanji: ['経路制御', '経路広告', '経路ハイジャック', '起点検証', '相互接続', '経路フィルタ', '障害対応', '運用管理'],
    katakana: ['ルーティング', 'ルートサーバ', 'トランジット', 'ピアリング', 'フィルタリング', 'コミュニティ'],
  },
  {
    tag: 'IPv6', ja: 'IPv6 の普及', en: 'IPv6 Deployment',
    ascii: ['IPv6', 'IPv4', 'NAT64', 'DNS64', 'IPoE', 'PPPoE', 'MAP-E', 'DS-Lite', 'SLAAC', 'DHCPv6', 'CGN'],
    kanji: ['普及状況', '対応率', '移行技術', '枯渇対策', '共存', '割り振り', '家庭内網'],
    katakana: ['デュアルスタック', 'トンネリング', 'アドレスプール', 'プロバイダ', 'ホームゲートウェイ'],
  },
  {
    tag: 'IX', ja: 'インターネットエクスチェンジ', en: 'Internet Exchange',
    ascii: ['IX', 'JPIX', 'CDN', 'Gbps', 'Tbps', '400GE', 'L2', 'VLAN', 'PNI'],
    kanji: ['相互接続点', '流量', '地域分散', '冗長構成', '帯域', '接続事業者', '通信量'],
    katakana: ['トラフィック', 'インターネットエクスチェンジ', 'データセンター', 'スイッチ', 'キャパシティ', 'ハブ'],
  },
  {
    tag: 'Security', ja: 'セキュリティ', en: 'Security',
    ascii: ['DDoS', 'CSIRT', 'SOC', 'TLS', 'PKI', 'CVE', 'SIEM', 'EDR', 'WAF', 'JPCERT/CC'],
    kanji: ['脆弱性', '攻撃手法', '標的型攻撃', '情報漏洩', '対策', '事故対応', '暗号化', '認証基盤'],
    katakana: ['インシデント', 'マルウェア', 'ランサムウェア', 'フィッシング', 'ボットネット', 'ゼロトラスト', 'サイバー攻撃'],
  },
  {
    tag: 'Transport', ja: 'トランスポート', en: 'Transport Protocols',
    ascii: ['TCP', 'UDP', 'QUIC', 'HTTP/2', 'HTTP/3', 'BBR', 'RTT', 'MTU', 'ECN'],
    kanji: ['輻輳制御', '再送制御', '遅延', '通信品質', '標準化', '実装'],
    katakana: ['プロトコル', 'スループット', 'パケットロス', 'ハンドシェイク', 'コネクション'],
  },
  {
    tag: 'Cloud', ja: 'クラウドと運用自動化', en: 'Cloud and Automation',
    ascii: ['API', 'Kubernetes', 'SDN', 'NFV', 'Ansible', 'gRPC', 'YANG', 'NETCONF', 'CI/CD', 'SRE'],
    kanji: ['運用自動化', '構成管理', '監視基盤', '障害検知', '設計', '可用性', '仮想化'],
    katakana: ['クラウド', 'コンテナ', 'オーケストレーション', 'テレメトリ', 'オブザーバビリティ', 'マイクロサービス'],
  },
  {
    tag: 'Policy', ja: 'インターネットガバナンス', en: 'Internet Governance',
    ascii: ['ICANN', 'IETF', 'APNIC', 'JPNIC', 'IGF', 'RIR', 'gTLD', 'ccTLD', 'WHOIS', 'RFC'],
    kanji: ['資源管理', '政策策定', '多様な利害関係者', '国際会議', '法制度', '個人情報保護', '電気通信事業法'],
    katakana: ['ガバナンス', 'ポリシー', 'コミュニティ', 'ステークホルダー', 'プライバシー'],
  },
  {
    tag: 'Mail', ja: '電子メールと認証', en: 'Email Authentication',
    ascii: ['SMTP', 'SPF', 'DKIM', 'DMARC', 'ARC', 'BIMI', 'MTA-STS', 'IMAP', 'S/MIME'],
    kanji: ['送信ドメイン認証', '迷惑メール対策', '到達率', '配送経路', '導入状況'],
    katakana: ['メールサーバ', 'レピュテーション', 'スパム', 'フィルタ', 'ドメイン'],
  },
  {
    tag: 'Wireless', ja: 'モバイルと無線', en: 'Mobile and Wireless',
    ascii: ['5G', 'LTE', 'Wi-Fi 6', 'IoT', 'LPWA', 'MEC', 'eSIM', 'Open RAN'],
    kanji: ['無線通信', '周波数', '基地局', '低遅延', '多数同時接続', '通信事業者'],
    katakana: ['モバイル', 'ネットワークスライシング', 'センサー', 'デバイス', 'ローミング'],
  },
];

export const ASPECTS = ['現状', '課題', '動向', '基礎', '実践', '設計', '運用', '事例', '対策', '展望', '仕組み', '最新情報', '振り返り', '今後'];
export const VERBS = ['導入する', '運用する', '検証する', '監視する', '設計する', '自動化する', '見直す', '評価する', '共有する', '標準化する'];
export const CONNECT = ['における', 'による', 'のための', 'と', 'を用いた', 'に関する'];

/** Sentence templates: {k} kanji, {c} katakana, {a} ASCII, {v} verb, {p} aspect, {n} number, {y} year. */
export const JA_LINES = [
  '{a} の{k}について',
  '{c}{x}{k}の{p}',
  '{k}を{v}ための{c}',
  '{a} と {a} の違い',
  '{y}年時点で約{n}%の{c}が {a} に対応',
  '{k}と{k}の両立が課題',
  '{c}を{v}際の注意点',
  '{a} による{k}の効果',
  '国内の{c}事業者の{p}',
  '{k}：{a} の設定例',
  '{c}の{p}と{k}',
  '運用者から見た{k}',
  '{a} を使った{k}の手順',
  '{n}件の{c}を分析した結果',
  'なぜ{k}が必要なのか',
  '{c}と{c}の関係',
  '参考：RFC {r}（{a}）',
  '今後の{p}：{k}の{c}',
];

export const JA_TITLES = ['{k}の{p}', '{a} の{p}', '{c}の{p}', '{k}と{a}', '{a} {c}入門', '{c}{x}{k}', 'まとめ', '{k}の事例', 'はじめに', '{a} の仕組み'];

export const EN_LINES = [
  '{a} deployment status in {y}',
  'Why {a} matters for operators',
  'About {n}% of networks support {a}',
  'Lessons learned from {a} and {a}',
  'Operational experience with {a}',
  'Measuring {a} adoption at scale',
  'Configuration example: {a} on the edge',
  'Open issues and next steps for {a}',
  'See RFC {r} for the details',
  'Monitoring {a} with {a}',
];

export const EN_TITLES = ['Introduction', 'Background', '{a} Overview', '{a} in Practice', 'Measurements', 'Operational Issues', 'Case Study: {a}', 'Summary', 'Next Steps', '{a} and {a}'];

export const SURNAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'], ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'], ['吉田', 'yoshida'], ['山田', 'yamada'],
  ['佐々木', 'sasaki'], ['山口', 'yamaguchi'], ['松本', 'matsumoto'], ['井上', 'inoue'], ['木村', 'kimura'], ['林', 'hayashi'],
  ['清水', 'shimizu'], ['山崎', 'yamazaki'], ['森', 'mori'], ['池田', 'ikeda'], ['橋本', 'hashimoto'], ['阿部', 'abe'],
  ['石川', 'ishikawa'], ['前田', 'maeda'], ['藤田', 'fujita'], ['小川', 'ogawa'], ['岡田', 'okada'], ['後藤', 'goto'],
  ['長谷川', 'hasegawa'], ['村上', 'murakami'], ['近藤', 'kondo'], ['石井', 'ishii'], ['坂本', 'sakamoto'], ['遠藤', 'endo'],
  ['青木', 'aoki'], ['藤井', 'fujii'], ['西村', 'nishimura'], ['福田', 'fukuda'], ['太田', 'ota'], ['三浦', 'miura'],
  ['岡本', 'okamoto'], ['松田', 'matsuda'], ['中川', 'nakagawa'], ['原田', 'harada'], ['小野', 'ono'], ['竹内', 'takeuchi'],
];

export const GIVEN_NAMES = ['健一', '直樹', '美穂', '誠', '桜', '浩', '大輔', '亮', '淳子', '雄也', '浩二', '将隆', '隆', '陽子', '剛', '智子', '拓也', '真理', '修', '恵', '和彦', '由美', '哲也', '優子'];

export const EN_NAMES: readonly (readonly [string, string])[] = [
  ['Anna Lindqvist', 'lindqvist'], ['David Miller', 'miller'], ['Priya Raman', 'raman'], ['Lucas Ferreira', 'ferreira'],
  ['Sarah Chen', 'chen'], ['Tom Becker', 'becker'], ['Olivia Smith', 'smith'], ['Kim Minjun', 'kim'],
];

export const AFFILIATIONS = [
  '北辰レジストリ株式会社', '東雲ネットワークス株式会社', '一般社団法人日本ネットワークインフォメーションセンター', '青葉大学',
  '株式会社みなとエクスチェンジ', '白鷺通信株式会社', '国立情報通信研究所（架空）', '株式会社さくら野インターネット',
  '若葉セキュリティ株式会社', '株式会社浜風クラウド', '東都大学', '一般社団法人日本インターネットプロバイダー協会（架空）',
];
export const EN_AFFILIATIONS = ['Example Networks', 'Northwind Labs', 'Asia Pacific Example Registry', 'Contoso University'];

export const VENUES = ['東京ドームホテル（サンプル）', '富士ソフト アキバプラザ（サンプル）', 'ヒューリックホール浅草橋（サンプル）', 'ベルサール飯田橋（サンプル）', 'オンライン（Zoom）'];

export const FOOTERS = ['Copyright © Example Corp. All Rights Reserved.', '©Japan Internet Xing Co., Ltd. All Rights Reserved.', 'Internet Week', 'Confidential'];
