import { z } from 'zod';

/** An optional whole-number query parameter; an empty one (`?page=`) means "not given", as SPEC §5 writes them. */
export const optionalInt = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ message: `${what}应为整数` })
      .int(`${what}应为整数`)
      .min(min, `${what}至少为 ${min}`)
      .max(max, `${what}不能超过 ${max}`)
      .optional(),
  );
