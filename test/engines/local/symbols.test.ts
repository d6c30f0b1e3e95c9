import { describe, expect, it } from 'vitest';
import { extractSymbol, symbolOfSection } from '../../../src/engines/local/symbols.js';

describe('extractSymbol', () => {
  it.each([
    // TypeScript / JavaScript
    [
      'src/a.ts',
      'export function parseConfig(text: string) {',
      { name: 'parseConfig', kind: 'function', exported: true },
    ],
    [
      'src/a.ts',
      'export default async function loadDefaults() {',
      { name: 'loadDefaults', kind: 'function', exported: true },
    ],
    ['src/a.js', 'function helper(a, b) {', { name: 'helper', kind: 'function', exported: false }],
    ['src/a.ts', 'export class ConfigLoader extends Base {', { name: 'ConfigLoader', kind: 'class', exported: true }],
    ['src/a.ts', 'export interface CommitMessage {', { name: 'CommitMessage', kind: 'type', exported: true }],
    ['src/a.ts', 'type Options = { a: string }', { name: 'Options', kind: 'type', exported: false }],
    ['src/a.ts', 'export enum Flags {', { name: 'Flags', kind: 'type', exported: true }],
    ['src/a.ts', 'export const useFoo = (x: number) => x + 1', { name: 'useFoo', kind: 'function', exported: true }],
    ['src/a.tsx', 'const render = async function () {', { name: 'render', kind: 'function', exported: false }],
    ['src/a.ts', 'export const DEFAULT_LIMIT = 72', { name: 'DEFAULT_LIMIT', kind: 'const', exported: true }],
    [
      'src/a.ts',
      '  private async renderSlot(name: string): Promise<void> {',
      { name: 'renderSlot', kind: 'method', exported: false },
    ],
    [
      'src/a.vue',
      '  toHaveBeenWarned(received: string) {',
      { name: 'toHaveBeenWarned', kind: 'method', exported: false },
    ],
    // Python
    ['pkg/mod.py', 'def load_config(path):', { name: 'load_config', kind: 'function', exported: true }],
    ['pkg/mod.py', 'async def _fetch(url):', { name: '_fetch', kind: 'function', exported: false }],
    ['pkg/mod.py', '    def method(self):', { name: 'method', kind: 'function', exported: false }],
    ['pkg/mod.py', 'class Parser(Base):', { name: 'Parser', kind: 'class', exported: true }],
    ['pkg/mod.py', 'MAX_SIZE = 10', { name: 'MAX_SIZE', kind: 'const', exported: true }],
    // Go
    [
      'cmd/main.go',
      'func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {',
      { name: 'ServeHTTP', kind: 'method', exported: true },
    ],
    ['cmd/main.go', 'func parseFlags() error {', { name: 'parseFlags', kind: 'function', exported: false }],
    ['cmd/main.go', 'type Config struct {', { name: 'Config', kind: 'type', exported: true }],
    // Rust
    [
      'src/lib.rs',
      'pub fn parse_diff(input: &str) -> Vec<FileDiff> {',
      { name: 'parse_diff', kind: 'function', exported: true },
    ],
    ['src/lib.rs', '    async fn fetch(&self) -> Result<()> {', { name: 'fetch', kind: 'function', exported: false }],
    ['src/lib.rs', 'pub(crate) struct Hunk {', { name: 'Hunk', kind: 'type', exported: true }],
    ['src/lib.rs', 'enum State {', { name: 'State', kind: 'type', exported: false }],
    // Java / Kotlin
    ['src/Main.java', 'public class DiffParser {', { name: 'DiffParser', kind: 'class', exported: true }],
    [
      'src/Main.java',
      '    public static List<String> splitLines(String text) {',
      { name: 'splitLines', kind: 'method', exported: true },
    ],
    [
      'src/Main.kt',
      'fun formatHeader(message: Message): String {',
      { name: 'formatHeader', kind: 'function', exported: false },
    ],
    // C / C++
    [
      'src/diff.c',
      'static int parse_hunk(const char *line) {',
      { name: 'parse_hunk', kind: 'function', exported: false },
    ],
    ['src/diff.cpp', 'std::string Parser::readLine(int fd)', { name: 'readLine', kind: 'function', exported: true }],
    ['src/diff.h', '#define MAX_LINE 4096', { name: 'MAX_LINE', kind: 'const', exported: true }],
    ['src/diff.h', 'struct hunk {', { name: 'hunk', kind: 'type', exported: true }],
    // Ruby, PHP, shell, Swift
    ['lib/a.rb', '  def self.parse(text)', { name: 'parse', kind: 'method', exported: true }],
    ['src/a.php', 'public function handle($request)', { name: 'handle', kind: 'function', exported: true }],
    ['bin/run.sh', 'build_all() {', { name: 'build_all', kind: 'function', exported: true }],
    ['Sources/A.swift', 'public func render() -> View {', { name: 'render', kind: 'function', exported: true }],
  ])('%s: %s', (path, line, expected) => {
    expect(extractSymbol(line, path)).toEqual(expected);
  });

  it.each([
    ['src/a.ts', '  if (value === undefined) {'],
    ['src/a.ts', '  return render(slot)'],
    ['src/a.ts', '// function commented(out) {'],
    ['src/a.ts', '  } else if (x) {'],
    ['pkg/mod.py', '# def not_code():'],
    ['src/Main.java', '        return compute(x);'],
    ['README.md', 'function inDocs() {'],
  ])('%s: no symbol in %j', (path, line) => {
    expect(extractSymbol(line, path)).toBeUndefined();
  });
});

describe('symbolOfSection', () => {
  it.each([
    ['export function renderSlot(', 'src/a.ts', 'renderSlot'],
    ['def load_config(path):', 'pkg/mod.py', 'load_config'],
    ['func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {', 'main.go', 'ServeHTTP'],
    ['static void usage(void)', 'x.unknown', 'usage'],
    ['', 'src/a.ts', undefined],
  ])('%j in %s names %s', (section, path, expected) => {
    expect(symbolOfSection(section, path)).toBe(expected);
  });
});
