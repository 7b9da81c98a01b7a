// Type declarations of the securebase ES module (bindings/js). Result documents follow
// docs/result-schema.json; the types below name the members most apps read.

/** A securebase error: stable code (docs/errors.md), location, and an actionable sentence. */
export class SecurebaseError extends Error {
  readonly code: number;
  readonly where: string;
  readonly detail: string;
}

export interface InstrumentSummary {
  id: string;
  title: string;
  shortTitle: string;
  version: string;
  items: number;
  /** Languages in which the instrument ships item wording (none for published instruments). */
  languages: string[];
}

export interface InstrumentInfo extends InstrumentSummary {
  licence: string;
  /** The language of the wording below, or null when the instrument has none in it. */
  language: string | null;
  displayName: string | null;
  responseScale: { min: number; max: number; labels: string[] };
  /** Items in canonical order; text is null when no wording ships in that language. */
  itemList: { id: string; number: number; text: string | null }[];
  scales: { id: string; name: string; items: string[] }[];
  normSets: { id: string; name: string }[];
}

export interface LanguageOption {
  /** Feedback language: "en" (default) or "es". */
  lang?: string;
}

export interface ScoreOptions extends LanguageOption {
  /** Instrument id; default "securebase-core". */
  instrument?: string;
  /** Norm set id for z, T and percentiles; default none. */
  norms?: string;
  /** Draw the plane's lines at this norm set's medians instead of the scale midpoints. */
  boundaryNorms?: string;
  /** When the answers were completed (a Date, or "2026-12-07T05:20:47Z"): recorded in the
   *  result's administration, with the items in canonical order, as `securebase take` does. */
  completed?: Date | string;
}

export interface FeedbackBlock {
  id: string;
  title: string;
  paragraphs: string[];
  numbers: Record<string, unknown>[];
}

export interface ScaleResult {
  id: string;
  /** Null when too few items were answered. */
  value: number | null;
  status: 'ok' | 'insufficient';
  /** SEM and the 95% interval [lower, upper], when a reliability and an SD exist. */
  measurement_error: { level: number; sem: number; lower: number; upper: number;
                       reliability: number; sd: number; provisional: boolean; basis: string } | null;
  /** z, T and percentile against the chosen norm set. */
  norm: Record<string, unknown> | null;
  [member: string]: unknown;
}

/** A result document (docs/result-schema.json) with its profile and feedback. */
export interface Result {
  schema: 'securebase-result';
  schema_version: number;
  library_version: string;
  instrument: { id: string; version: string; title: string; key_fingerprint: string };
  norm_set: string | null;
  answers: { item: string; number: number; value: number | null }[];
  scales: ScaleResult[];
  profile: Record<string, unknown>;
  feedback: { language: string; blocks: FeedbackBlock[]; [member: string]: unknown };
  [member: string]: unknown;
}

export interface ScaleChange {
  scale: string;
  before: number;
  after: number;
  difference: number;
  seDifference: number | null;
  rci: number | null;
  verdict: 'within_noise' | 'reliable_increase' | 'reliable_decrease' | 'unknown';
  provisional: boolean;
}

export interface Comparison {
  change: { before: string; after: string; scales: ScaleChange[]; notCompared: string[] };
  /** The later result, its feedback holding a "change" block. */
  result: Result;
}

/** Answers by item id or number (null = missing), in canonical order, or "1=5 2=3" text. */
export type Answers = Record<string, number | null> | (number | null)[] | string;

export function version(): string;
export function instruments(): InstrumentSummary[];
export function instrument(id: string, options?: LanguageOption): InstrumentInfo;
export function score(answers: Answers, options?: ScoreOptions): Result;
export function explain(result: Result | string, options?: LanguageOption): Result;
export function renderHtml(result: Result | string, options?: LanguageOption): string;
export function compare(before: Result | string, after: Result | string,
                        options?: LanguageOption): Comparison;

declare const securebase: {
  SecurebaseError: typeof SecurebaseError;
  version: typeof version;
  instruments: typeof instruments;
  instrument: typeof instrument;
  score: typeof score;
  explain: typeof explain;
  renderHtml: typeof renderHtml;
  compare: typeof compare;
};
export default securebase;
