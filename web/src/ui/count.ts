// The character count of a post as the server counts it (src/core/text/entities.ts weightedLength):
// user-perceived characters, a link as 23 of them, a mention as its username only.
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;

function graphemes(text: string): number {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

const URL_LENGTH = 23;

export function weightedLength(text: string, spoiler: string): number {
  const counted = text.replace(/https?:\/\/[^\s<>"]+/g, 'x'.repeat(URL_LENGTH)).replace(/@(\w+)@[\w.-]+\w/g, '@$1');
  return graphemes(counted) + graphemes(spoiler);
}
