/** Errors services throw; the error handler maps each to a GOV.UK page without leaking detail. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  readonly statusCode = 403;
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly statusCode = 404;
}

/** A rule of the service was broken by otherwise well-formed input; shown against a field. */
export class RuleError extends Error {
  override name = 'RuleError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
