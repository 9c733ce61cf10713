// Status entities as JSON text, behind one interface: the plain way (JSON.stringify of
// serializeStatus) is the reference, and the spliced way serves pages. Most of an entity is the same
// for every reader and changes only when its status row, account or extras do; the core hands those
// out as shared objects (cached rows), so that part is rendered and encoded once per object and kept
// beside it, with a slot for each viewer part (entities/viewer-parts) and for the reblogged status.
// Per request, each slot gets the reader's bytes. Stringifying whole pages was the largest cost of
// a warm home timeline.
import { randomBytes } from 'node:crypto';
import type { AccountView } from '../../../core/accounts/views.ts';
import type { FilterMatch } from '../../../core/filters/service.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import { pollExpired } from '../../../core/statuses/poll-input.ts';
import type { UrlContext } from './account.ts';
import { serializeStatus, sharedStatus, type StatusExtra } from './status.ts';
import { VIEWER_PARTS, objectAt, type PartInput, type ViewerPart } from './viewer-parts.ts';

export interface StatusJson {
  /** One status entity, with the request's extras, as UTF-8. */
  one(view: StatusView, ctx: UrlContext, extra?: StatusExtra): Buffer<ArrayBuffer>;
  /** A page of statuses as a JSON array in UTF-8; `filteredOf`: each one's matched filters, when the page lists them. */
  page(views: readonly StatusView[], ctx: UrlContext, filteredOf?: (id: string) => FilterMatch[]): Buffer<ArrayBuffer>;
}

/** The reference: each entity built whole for its reader and stringified. */
export function plainStatusJson(parts: readonly ViewerPart[] = VIEWER_PARTS): StatusJson {
  return {
    one: (view, ctx, extra = {}) => Buffer.from(JSON.stringify(serializeStatus(view, ctx, extra, parts))),
    page: (views, ctx, filteredOf) => Buffer.from(JSON.stringify(views.map((v) => serializeStatus(v, ctx, filteredOf ? { filtered: filteredOf(v.status.id) } : {}, parts)))),
  };
}

/** Consecutive 'append' parts writing into the same object: one slot, its bytes kept per shape. */
interface Run {
  parts: ViewerPart[];
  at: readonly string[];
  /** the last run on the status itself: its bytes end with the entity's closing brace */
  closes: boolean;
  /** how many shapes the run has (the product of its parts') */
  shapes: number;
  encoded: Map<number, Buffer>;
}

/** A replaced value: the shared bytes, and this status's bytes of each other shape once encoded. */
interface ValueSlot {
  kind: 'value';
  part: ViewerPart;
  key: string;
  shared: Buffer;
  encoded: Map<number, Buffer>;
}

type Slot = { kind: 'reblog' } | { kind: 'run'; run: Run } | ValueSlot;

interface Layout {
  account: AccountView;
  mentions: AccountView[];
  tags: StatusView['tags'];
  app: StatusView['app'];
  media: StatusView['media'];
  poll: StatusView['poll'];
  versions: StatusView['versions'];
  /** whether it quotes a status (most do not: no slot for the quote then) */
  quoted: boolean;
  /** whether the poll showed as ended (it ends by the clock, before its row says so) */
  pollExpired: boolean;
  reblog: boolean;
  /** the shared bytes between the slots: one more than the slots (views of one buffer) */
  pieces: Buffer[];
  slots: Slot[];
  /**
   * The whole entity's bytes per combination of its slots' shapes (see wholeKey), for a status that
   * reblogs nothing: most readers of a page get one of a few, and a page is then a copy of one
   * buffer per status instead of four or more.
   */
  whole: Map<number, Buffer> | undefined;
}

function runsOf(parts: readonly ViewerPart[]): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.mode !== 'append') continue;
    const last = runs.at(-1);
    if (last && last.parts.at(-1) === parts[i - 1] && last.at.join('\0') === part.at.join('\0')) last.parts.push(part);
    else runs.push({ parts: [part], at: part.at, closes: false, shapes: 1, encoded: new Map() });
  }
  for (const run of runs) run.shapes = run.parts.reduce((n, part) => n * part.shapes, 1);
  const top = runs.findLast((r) => r.at.length === 0);
  if (top) top.closes = true;
  return runs;
}

const expiredPoll = (view: StatusView): boolean => view.poll !== null && pollExpired(view.poll);

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What every layout of one splicedStatusJson is cut along: its viewer parts, and the secret its slots are marked with. */
interface Cutting {
  parts: readonly ViewerPart[];
  runs: Run[];
  replacing: ViewerPart[];
  secret: string;
}

/** The shared entity of a status as JSON, cut at its slots into shared pieces. */
function buildLayout(view: StatusView, ctx: UrlContext, cutting: Cutting): Layout {
  const entity = sharedStatus({ ...view, reblog: null }, ctx, cutting.parts);
  // Each slot's mark, and the text it makes in the JSON: `:"mark"` for a value, `,"mark":0` for a run's key.
  const marks: [string, Slot][] = [];
  const mark = (slot: Slot, asKey: boolean) => {
    const m = `${cutting.secret}${marks.length}`;
    marks.push([asKey ? `,${JSON.stringify(m)}:0` : `:${JSON.stringify(m)}`, slot]);
    return m;
  };
  if (view.reblog) entity.reblog = mark({ kind: 'reblog' }, false);
  for (const part of cutting.replacing) {
    if (part.applies && !part.applies(view)) continue;
    const into = objectAt(entity, part.at);
    for (const key of into ? part.keys : []) into![key] = mark({ kind: 'value', part, key, shared: Buffer.from(JSON.stringify(into![key])), encoded: new Map() }, false);
  }
  for (const run of cutting.runs) {
    const into = objectAt(entity, run.at);
    // A run adds keys after others: the object it writes into is never empty.
    if (into) into[mark({ kind: 'run', run }, true)] = 0;
  }
  const { pieces, slots } = cutAtMarks(JSON.stringify(entity), marks);
  return {
    account: view.account,
    mentions: view.mentions,
    tags: view.tags,
    app: view.app,
    media: view.media,
    poll: view.poll,
    versions: view.versions,
    quoted: view.quote !== null,
    pollExpired: expiredPoll(view),
    reblog: view.reblog !== null,
    pieces,
    slots,
    whole: undefined,
  };
}

/** The JSON's text between its marks, as views of one buffer, and the slots the marks stood for, in order. */
function cutAtMarks(json: string, marks: [string, Slot][]): { pieces: Buffer[]; slots: Slot[] } {
  const found = marks.map(([text, slot]) => {
    const at = json.indexOf(text);
    if (at < 0) throw new Error('a viewer part slot is missing from the shared status');
    // A value's slot starts after its colon; a run's at its comma.
    return { from: text[0] === ':' ? at + 1 : at, to: at + text.length, slot };
  });
  found.sort((a, b) => a.from - b.from);
  const texts: string[] = [];
  let from = 0;
  for (const f of found) {
    texts.push(json.slice(from, f.from));
    from = f.to;
  }
  const rest = json.slice(from);
  const closing = found.at(-1)?.slot.kind === 'run' && (found.at(-1)!.slot as { run: Run }).run.closes;
  if (closing && rest !== '}') throw new Error('the closing run is not at the end of the status');
  texts.push(closing ? '' : rest);
  // One buffer, and views of it: a status that reblogs nothing is one piece of its page.
  const whole = Buffer.from(texts.join(''));
  let offset = 0;
  const pieces = texts.map((t) => whole.subarray(offset, (offset += Buffer.byteLength(t))));
  return { pieces, slots: found.map((f) => f.slot) };
}

/** A run's bytes for this input: kept per shape, encoded afresh when a part's text is this input's own. */
function runBytes(run: Run, input: PartInput): Buffer {
  const shape = runShape(run, input);
  if (shape < 0) return encodeRun(run, input);
  let known = run.encoded.get(shape);
  if (!known) run.encoded.set(shape, (known = encodeRun(run, input)));
  return known;
}

/** The run's shape for this input (below run.shapes), or -1 when a part's text is this input's own. */
function runShape(run: Run, input: PartInput): number {
  let shape = 0;
  let scale = 1;
  for (const part of run.parts) {
    const s = part.shape(input);
    if (s < 0) return -1;
    shape += s * scale;
    scale *= part.shapes;
  }
  return shape;
}

/**
 * Which combination of its slots' shapes this input gets, as one number (each slot a digit of its
 * own base), or -1 when a slot's bytes are this input's own or the status reblogs one.
 */
function wholeKey(slots: readonly Slot[], input: PartInput): number {
  let key = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (slot.kind === 'reblog') return -1;
    const shape = slot.kind === 'run' ? runShape(slot.run, input) : slot.part.shape(input);
    if (shape < 0) return -1;
    key = key * (slot.kind === 'run' ? slot.run.shapes : slot.part.shapes) + shape;
  }
  return key;
}

function encodeRun(run: Run, input: PartInput): Buffer {
  const into: Record<string, unknown> = {};
  for (const part of run.parts) part.write(into, input);
  const json = JSON.stringify(into);
  const keys = json.length > 2 ? `,${json.slice(1, -1)}` : '';
  return Buffer.from(run.closes ? `${keys}}` : keys);
}

function valueBytes(slot: ValueSlot, input: PartInput): Buffer {
  const shape = slot.part.shape(input);
  if (shape === 0) return slot.shared;
  if (shape < 0) return encodeValue(slot, input);
  let known = slot.encoded.get(shape);
  if (!known) slot.encoded.set(shape, (known = encodeValue(slot, input)));
  return known;
}

function encodeValue(slot: ValueSlot, input: PartInput): Buffer {
  const into: Record<string, unknown> = {};
  slot.part.write(into, input);
  return into[slot.key] === undefined ? slot.shared : Buffer.from(JSON.stringify(into[slot.key]));
}

/** Whether a kept layout still renders the view: the row is the same, and so must be what it was built from. */
function layoutHolds(known: Layout, view: StatusView): boolean {
  return (
    known.account === view.account &&
    known.tags === view.tags &&
    known.app === view.app &&
    known.media === view.media &&
    known.poll === view.poll &&
    known.versions === view.versions &&
    known.quoted === (view.quote !== null) &&
    known.pollExpired === expiredPoll(view) &&
    known.reblog === (view.reblog !== null) &&
    sameList(known.mentions, view.mentions)
  );
}

/** The fast way: shared parts rendered once per status row and kept, the reader's parts spliced in. */
export function splicedStatusJson(parts: readonly ViewerPart[] = VIEWER_PARTS): StatusJson {
  // Slots are marked with strings no status can hold: this process's secret (keys and values are
  // found by their quote, which is escaped wherever it is inside a string).
  const secret = `\u0000${randomBytes(8).toString('hex')}`;
  const cutting: Cutting = { parts, runs: runsOf(parts), replacing: parts.filter((p) => p.mode === 'replace'), secret };
  const layouts = new WeakMap<StatusView['status'], Layout>();
  const bytes = { open: Buffer.from('['), close: Buffer.from(']'), comma: Buffer.from(','), null: Buffer.from('null') };

  function layoutOf(view: StatusView, ctx: UrlContext): Layout {
    const known = layouts.get(view.status);
    if (known && layoutHolds(known, view)) return known;
    const fresh = buildLayout(view, ctx, cutting);
    layouts.set(view.status, fresh);
    return fresh;
  }

  // The inputs of a status and of the status it reblogs, filled in per status (not allocated).
  const inputs: PartInput[] = [0, 1].map(() => ({ view: undefined as never, ctx: undefined as never, text: undefined, filtered: undefined, languages: undefined }));

  function push(out: Buffer[], view: StatusView, ctx: UrlContext, depth: number, extra: StatusExtra): void {
    const layout = layoutOf(view, ctx);
    const input = inputs[depth]!;
    input.view = view;
    input.ctx = ctx;
    input.text = extra.text;
    input.filtered = extra.filtered;
    input.languages = ctx.languages;
    const key = layout.reblog ? -1 : wholeKey(layout.slots, input);
    if (key < 0) {
      splice(out, layout, view, ctx, depth, input);
      return;
    }
    let whole = layout.whole?.get(key);
    if (!whole) {
      const own: Buffer[] = [];
      splice(own, layout, view, ctx, depth, input);
      whole = Buffer.concat(own);
      // A few combinations serve nearly every reader; past that, the rest are spliced each time.
      if ((layout.whole ??= new Map()).size < MOST_WHOLES) layout.whole.set(key, whole);
    }
    out.push(whole);
  }

  /** The status's shared pieces with this input's bytes in its slots (and the reblogged status in its own). */
  function splice(out: Buffer[], { pieces, slots }: Layout, view: StatusView, ctx: UrlContext, depth: number, input: PartInput): void {
    out.push(pieces[0]!);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.kind === 'run') out.push(runBytes(slot.run, input));
      else if (slot.kind === 'value') out.push(valueBytes(slot, input));
      else if (view.reblog) push(out, view.reblog, ctx, depth + 1, NO_EXTRA);
      else out.push(bytes.null);
      if (pieces[i + 1]!.length > 0) out.push(pieces[i + 1]!);
    }
  }

  const extra: StatusExtra = {};
  return {
    one(view, ctx, given = NO_EXTRA) {
      const out: Buffer[] = [];
      push(out, view, ctx, 0, given);
      return Buffer.concat(out) as Buffer<ArrayBuffer>;
    },
    page(views, ctx, filteredOf) {
      const out: Buffer[] = [bytes.open];
      for (let i = 0; i < views.length; i++) {
        if (i > 0) out.push(bytes.comma);
        extra.filtered = filteredOf?.(views[i]!.status.id);
        push(out, views[i]!, ctx, 0, extra);
      }
      out.push(bytes.close);
      // Buffer.concat allocates a buffer of its own, never a shared one.
      return Buffer.concat(out) as Buffer<ArrayBuffer>;
    },
  };
}

const NO_EXTRA: StatusExtra = {};
/**
 * Whole entities kept per status, one per combination of the reader's flags, up to this many (each
 * is a copy of the entity, ~2 KB: most readers of a status share one or two combinations).
 */
const MOST_WHOLES = 2;

const spliced = splicedStatusJson();
/**
 * A page of statuses as a JSON array, in UTF-8: the shared parts are encoded once per row, so a
 * page costs a copy of its bytes rather than encoding (and measuring) a 35 KB string each time.
 */
export const statusesJson = spliced.page;
