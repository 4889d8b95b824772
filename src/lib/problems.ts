/** Everything wrong with the input, collected rather than thrown, so one bad file never stops the build. */
import type { z } from 'astro/zod';

export type ProblemKind =
  | 'front-matter'
  | 'schema'
  | 'duplicate'
  | 'path'
  | 'markup'
  | 'reference'
  | 'pdf'
  | 'video'
  | 'build';

export interface Problem {
  /** Path relative to the project (content/programs/2024/o1.md). */
  file: string;
  /** Dotted field path (materials.0.file), when the problem is in one field. */
  field?: string;
  /** 1-based page of a PDF, when the problem is on one page. */
  page?: number;
  kind: ProblemKind;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = [
    problem.file,
    problem.field === undefined ? '' : ` field "${problem.field}"`,
    problem.page === undefined ? '' : ` page ${problem.page}`,
  ].join('');
  return `${where}: ${problem.message}`;
}

/** How a value looks in an error message: short, and typed when it is not a string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return `a date object (write the date in quotes)`;
  return 'an object';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const EXPECTED_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a group of fields',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** One problem per zod issue: the field, what was expected, what was found. */
export function problemsFromZod(file: string, error: z.ZodError, data: unknown): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        field: field ? `${field}.${key}` : key,
        kind: 'schema',
        message: `unknown field (a typo, or a field this content type does not have); found ${describeValue(valueAt(data, [...issue.path, key]))}`,
      }));
    }
    const found = describeValue(valueAt(data, issue.path));
    // zod's own wording ("Invalid input: expected array, received string") is replaced by ours.
    const expected =
      issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
        ? `expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`
        : issue.message;
    return [{
      file,
      ...(field ? { field } : {}),
      kind: 'schema',
      message: `${expected}; found ${found}`,
    }];
  });
}

const MARKUP = /<\/?[a-z!?][^>]*>/iu;

/** Every string field (and the body) holding HTML markup, as problems; the values stay and are shown escaped. */
export function findMarkup(file: string, data: unknown, body: string, path: string[] = []): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, at: string[]): void => {
    if (typeof value === 'string') {
      const match = MARKUP.exec(value);
      if (match) {
        problems.push({
          file,
          field: at.join('.'),
          kind: 'markup',
          message: `expected plain text without HTML markup; found ${describeValue(match[0])} (shown escaped)`,
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...at, String(index)]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...at, key]);
    }
  };
  visit(data, path);
  visit(body, ['body']);
  return problems;
}
