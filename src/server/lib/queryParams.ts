import { z } from 'zod';
import { says } from '../../shared/validation/issues.js';

/** An optional whole-number query parameter; an empty one (`?page=`) means "not given", as SPEC §5 writes them. */
export const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number(says('zod.int')).int(says('zod.int')).min(min).max(max).optional(),
  );
