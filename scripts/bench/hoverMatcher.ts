/**
 * Hover benchmark: the glossary matcher on a 10,000-line document of chapter lines mixed with English
 * ones, at random positions. Prints build time and microseconds per match; asserts nothing.
 * Run: node --import tsx scripts/bench/hoverMatcher.ts [lines] [matches]
 */
import { readFileSync } from 'node:fs';
import { GLOSSARY } from '../../src/common/glossary/glossaryData';
import { createGlossaryMatcher } from '../../src/common/glossary/glossaryMatcher';

const [lineCount = 10_000, matchCount = 100_000] = process.argv.slice(2).map(Number);

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same positions.
let seed = 0x9e3779b9;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

const chapterLines = readFileSync(new URL('../../media/chapter.md', import.meta.url), 'utf8').split('\n').filter((l) => l.trim());
const english = ['Self-attention lets every token attend to every other token', 'GANs and VAEs are generative models', 'The attentional blink is not attention', 'LLMs such as GPT-4 and ChatGPT hallucinate'];
const lines = Array.from({ length: lineCount }, (_, i) => {
  const chapterLine = chapterLines[i % chapterLines.length];
  // Every third line mixes scripts the way notes about the chapter do.
  return i % 3 === 2 ? `${english[i % english.length]}: ${chapterLine}` : chapterLine;
});
const characters = lines.reduce((sum, line) => sum + line.length, 0);

const buildStarted = performance.now();
const matcher = createGlossaryMatcher(GLOSSARY);
const buildMs = performance.now() - buildStarted;

const positions = Array.from({ length: matchCount }, () => {
  const line = lines[Math.floor(random() * lines.length)];
  return { line, character: Math.floor(random() * (line.length + 1)) };
});
for (const { line, character } of positions.slice(0, 10_000)) matcher.match(line, character); // warm-up

const micros = new Float64Array(matchCount);
let hits = 0;
const started = performance.now();
positions.forEach(({ line, character }, i) => {
  const t0 = process.hrtime.bigint();
  if (matcher.match(line, character)) hits++;
  micros[i] = Number(process.hrtime.bigint() - t0) / 1000;
});
const totalMs = performance.now() - started;
micros.sort();
const quantile = (q: number) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))];

console.log(`document: ${lines.length} lines, ${characters} characters; glossary: ${GLOSSARY.length} entries; Node ${process.version}`);
console.log(`build: ${buildMs.toFixed(2)} ms`);
console.log(`${matchCount} matches at random positions, ${((100 * hits) / matchCount).toFixed(1)} % on a term`);
console.log(`µs per match: median ${quantile(0.5).toFixed(2)}, p99 ${quantile(0.99).toFixed(2)}, max ${micros[micros.length - 1].toFixed(1)}; mean incl. timer ${((1000 * totalMs) / matchCount).toFixed(2)}`);
