/**
 * Errors a client can cause, with their HTTP status. The error handler (app.ts) turns them into
 * `{ error: { code, message }, errors?: [{ field, message }] }`.
 */
import { type FieldError, fieldError } from '../../shared/filing/completeness.js';
import { type IssueCode, type IssueParams, issue } from '../../shared/validation/issues.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, errors?: FieldError[]) => new AppError(400, 'bad_request', message, errors);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '无权访问该资源') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到该资源') => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (message: string, errors: FieldError[]) =>
  new AppError(422, 'validation_failed', message, errors);

export { toFieldPath as fieldPath } from '../../shared/fieldPath.js';

/** A field error by its validation catalog code: the Chinese `message`, with the code and parameters beside it. */
export const said = (field: string, code: IssueCode, params?: IssueParams): FieldError =>
  fieldError(field, issue(code, params));
