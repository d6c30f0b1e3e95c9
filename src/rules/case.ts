// The letter cases commitlint's case rules name, checked and produced as @commitlint/ensure does
// (quoted parts are left out of the check; a text that starts with a digit passes).

const WORDS = /[A-Z]{2,}(?=[A-Z][a-z]+|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|\d+/g;

const words = (text: string): string[] => text.match(WORDS) ?? [];
const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function toCase(text: string, target: string): string {
  switch (target) {
    case 'lower-case':
    case 'lowercase':
    case 'lowerCase':
      return text.toLowerCase();
    case 'upper-case':
    case 'uppercase':
      return text.toUpperCase();
    case 'sentence-case':
    case 'sentencecase':
      return upperFirst(text);
    case 'start-case':
      return words(text).map(upperFirst).join(' ');
    case 'camel-case':
      return words(text)
        .map((word, index) => (index === 0 ? word.toLowerCase() : upperFirst(word.toLowerCase())))
        .join('');
    case 'pascal-case':
      return words(text)
        .map((word) => upperFirst(word.toLowerCase()))
        .join('');
    case 'kebab-case':
      return words(text)
        .map((word) => word.toLowerCase())
        .join('-');
    case 'snake-case':
      return words(text)
        .map((word) => word.toLowerCase())
        .join('_');
    default:
      return text;
  }
}

/** Whether `text` is in the case, as commitlint's ensure-case decides it. */
export function isCase(text: string, target: string): boolean {
  const input = text.replace(/`.*?`|".*?"|'.*?'/g, '').trim();
  const transformed = toCase(input, target);
  return transformed === '' || /^\d/.test(transformed) || transformed === input;
}

/** The first word lower-cased (all of it when it is an acronym or a mixed-case name, which the case rules count as capitalised). */
function lowerFirstWord(text: string): string {
  const match = /^(\S+)(.*)$/s.exec(text);
  if (!match) return text;
  const [, first = '', rest = ''] = match;
  return (/^[A-Z][^A-Z]*$/.test(first) ? first.charAt(0).toLowerCase() + first.slice(1) : first.toLowerCase()) + rest;
}

/** `text` changed as little as it takes to meet the rule; undefined when no change meets it. */
export function fitCase(
  text: string,
  rule: { when: 'always' | 'never'; cases: readonly string[] },
): string | undefined {
  const meets = (candidate: string) =>
    rule.when === 'always'
      ? rule.cases.some((target) => isCase(candidate, target))
      : !rule.cases.some((target) => isCase(candidate, target));
  if (meets(text)) return text;
  const options =
    rule.when === 'always'
      ? rule.cases.map((target) => toCase(text, target))
      : [lowerFirstWord(text), upperFirst(text), text.toLowerCase()];
  return options.find(meets);
}
