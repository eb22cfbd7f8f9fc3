import { HttpStatus, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

import { ApiError } from './api-error';

/** Maximum length, in characters of JSON, of a value that an error body echoes back. */
export const MAX_ECHOED_VALUE_LENGTH = 300;

/** Returns the value when its JSON form is short enough to echo back, else undefined. */
function echoable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.length > MAX_ECHOED_VALUE_LENGTH ? undefined : value;
  }

  const json = JSON.stringify(value) as string | undefined;

  return json !== undefined && json.length <= MAX_ECHOED_VALUE_LENGTH ? value : undefined;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;

  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }

  return current;
}

/**
 * Parses a request body, query or parameter with a zod schema. The first issue becomes the
 * error's field, value and message, and all issues are listed in `details`. A value longer than
 * `MAX_ECHOED_VALUE_LENGTH` characters of JSON, such as a whole body of the wrong shape, is left
 * out.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<
  unknown,
  z.infer<Schema>
> {
  constructor(private readonly schema: Schema) {}

  transform(input: unknown): z.infer<Schema> {
    const parsed = this.schema.safeParse(input);

    if (parsed.success) return parsed.data;

    const issues = parsed.error.issues.map((issue) => {
      // An unknown key is reported on its parent object; name the key itself as the field.
      const path = [...issue.path, ...('keys' in issue ? issue.keys.slice(0, 1) : [])];

      return {
        field: path.join('.'),
        message: issue.message,
        value: echoable(valueAt(input, path)),
      };
    });
    const first = issues[0];

    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      `invalid ${first?.field || 'input'}: ${first?.message}`,
      {
        field: first?.field,
        hint: 'correct the listed fields and send the request again',
        value: first?.value,
        ...({ issues } as object),
      },
    );
  }
}
