import type { z } from 'zod';

/** One sentence per problem, naming the field, for config files and API requests alike. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const at = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') {
      const where = at ? `${at}.` : '';
      return i.keys.map((k) => `unknown field "${where}${k}"`).join('; ');
    }
    return `field "${at || '(root)'}": ${i.message}`;
  });
}
