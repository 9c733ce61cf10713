// Text for generated posts that search can be measured on: words drawn from a vocabulary of 20,000
// made-up words with Zipf's frequencies (the word of rank r about 1/r as often as the commonest),
// 6 to 24 words a post, and one post in 30 carrying a Chinese, Japanese or Thai sentence. Seeded,
// so every generation writes the same text and bench/search.ts knows how common each word is.

export const VOCABULARY_SIZE = 20_000;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'da', 'fu', 'gi', 'ho', 'ju', 'be', 'ce', 'wy', 'xo', 'qa'];
const NO_SPACES = ['我喜欢吃苹果汁', '今天天气很好我们去公园', '東京タワーに行きました', 'สวัสดีครับ ยินดีต้อนรับสู่ตลาดนัด', '新しいカメラを買いました', 'กินข้าวหรือยัง'];

/** The made-up word of rank `r` (0 is the commonest): distinct for every rank, two syllables or more. */
export function word(r: number): string {
  let n = r + SYLLABLES.length;
  let out = '';
  while (n > 0) {
    out = SYLLABLES[n % SYLLABLES.length]! + out;
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

/** A small, fast, seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const cumulative = (() => {
  const c = new Float64Array(VOCABULARY_SIZE);
  let sum = 0;
  for (let r = 0; r < VOCABULARY_SIZE; r++) c[r] = sum += 1 / (r + 1);
  for (let r = 0; r < VOCABULARY_SIZE; r++) c[r]! /= sum;
  return c;
})();

/** The share of words (not of posts) that are the word of rank `r`. */
export const wordShare = (r: number): number => cumulative[r]! - (r === 0 ? 0 : cumulative[r - 1]!);

function rank(u: number): number {
  let lo = 0;
  let hi = VOCABULARY_SIZE - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A generator of post texts. */
export function texts(seed = 42): () => string {
  const random = seeded(seed);
  return () => {
    const count = 6 + Math.floor(random() * 19);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(word(rank(random())));
    if (random() < 1 / 30) words.push(NO_SPACES[Math.floor(random() * NO_SPACES.length)]!);
    return words.join(' ');
  };
}
