/** What is wrong with a request, by field path as the validation pipe names them ("mother.idNumber"). */
export type FieldProblems = Record<string, string[]>;

/** Collects problems as rules find them; `problems` stays empty when none does. */
export function collectProblems(): { problems: FieldProblems; add: (field: string, message: string) => void } {
  const problems: FieldProblems = {};
  return { problems, add: (field, message) => void (problems[field] ??= []).push(message) };
}

export function hasProblems(problems: FieldProblems): boolean {
  return Object.keys(problems).length > 0;
}
