// Errors the core raises; each door translates them (HTTP status, ActivityPub response, ...).

export type ValidationCode = 'ERR_BLANK' | 'ERR_INVALID' | 'ERR_TAKEN' | 'ERR_RESERVED' | 'ERR_TOO_LONG' | 'ERR_TOO_SHORT' | 'ERR_ACCEPTED' | 'ERR_INCLUSION';

export interface FieldProblem {
  error: ValidationCode;
  description: string;
}

export type ValidationDetails = Record<string, FieldProblem[]>;

export class CoreError extends Error {
  readonly kind: 'not_found' | 'forbidden' | 'unauthorized' | 'validation' | 'conflict' | 'gone' | 'unavailable' | 'rate_limited';
  constructor(kind: CoreError['kind'], message: string) {
    super(message);
    this.name = 'CoreError';
    this.kind = kind;
  }
}

export class NotFoundError extends CoreError {
  constructor(message = 'Record not found') {
    super('not_found', message);
  }
}

export class ForbiddenError extends CoreError {
  constructor(message = 'This action is not allowed') {
    super('forbidden', message);
  }
}

/** A service the core depends on (a translation service) failed: try again later. */
export class UnavailableError extends CoreError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** Too much of something in too little time (questions to an event): try again later. */
export class RateLimitedError extends CoreError {
  constructor(message: string) {
    super('rate_limited', message);
  }
}

export class ValidationError extends CoreError {
  readonly details: ValidationDetails;
  constructor(details: ValidationDetails) {
    const summary = Object.entries(details)
      .flatMap(([field, problems]) => problems.map((p) => `${humanise(field)} ${p.description}`))
      .join(', ');
    super('validation', `Validation failed: ${summary}`);
    this.details = details;
  }
}

/** A request the rules refuse as a whole (or for one field): 422, ERR_INVALID with the reason. */
export const invalid = (description: string, field = 'base'): ValidationError => new ValidationError({ [field]: [{ error: 'ERR_INVALID', description }] });

/** Collects field problems and throws them together, so a form shows every mistake at once. */
export class Problems {
  readonly details: ValidationDetails = {};
  add(field: string, error: ValidationCode, description: string): void {
    (this.details[field] ??= []).push({ error, description });
  }
  get empty(): boolean {
    return Object.keys(this.details).length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw new ValidationError(this.details);
  }
}

function humanise(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
