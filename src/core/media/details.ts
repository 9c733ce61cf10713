// What the uploader says of a file: its description (alt text) and focal point.
import { Problems } from '../errors.ts';

/** Mastodon's limit on a description. */
export const MAX_DESCRIPTION = 1500;

export interface MediaDetails {
  description?: string | null | undefined;
  /** "x,y", each from -1 to 1 (Mastodon's focal point) */
  focus?: string | undefined;
}

export function parseFocus(focus: string, problems: Problems): { focusX: number; focusY: number } | undefined {
  const parts = focus.split(',').map((p) => Number(p.trim()));
  const [x, y] = parts;
  if (parts.length !== 2 || x === undefined || y === undefined || !(x >= -1 && x <= 1 && y >= -1 && y <= 1)) {
    problems.add('focus', 'ERR_INVALID', 'must be two numbers from -1.0 to 1.0, as "x,y"');
    return undefined;
  }
  return { focusX: x, focusY: y };
}

/** The columns these details set; every problem at once. */
export function checkDetails(input: MediaDetails): { description?: string | null; focusX?: number; focusY?: number } {
  const problems = new Problems();
  const out: { description?: string | null; focusX?: number; focusY?: number } = {};
  if (input.description !== undefined) {
    const d = input.description?.trim() ?? '';
    if ([...d].length > MAX_DESCRIPTION) problems.add('description', 'ERR_TOO_LONG', `is too long (at most ${MAX_DESCRIPTION} characters)`);
    out.description = d === '' ? null : d;
  }
  if (input.focus !== undefined) Object.assign(out, parseFocus(input.focus, problems));
  problems.throwIfAny();
  return out;
}
