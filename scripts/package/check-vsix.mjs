// Tests the README's desktop route: `npm run package` builds the .vsix, which must hold only what
// runs (no sources, tests, source maps, node_modules, scripts, docs), stay small, and install into
// the real VS Code the other tests use (code-server), which must then list it.
//
//   node scripts/package/check-vsix.mjs     (a stage of scripts/test.sh; ~3 s once code-server is installed)
//
// Where it builds: `npm run package` itself, unchanged, but in a temporary copy of this working
// tree (everything on disk except node_modules, which is linked, and build outputs, .git and
// caches). The production build starts by deleting dist/, and dist/ holds the development build
// (source maps, bundled integration tests) that the webview tests read and that a developer or
// another test run may be using at that very moment: building in place would pull it away from
// under them and leave minified bundles behind. The copy also proves the .vsix builds from a clean
// tree, with no stale bundle of an earlier build in dist/. The repo's dist/ is never touched.
//
// Leaves in test-artifacts/: vsix.tap (one "ok"/"not ok" line per check, ending with "# pass N"
// and "# fail N", which scripts/test.sh counts) and attention-explorer.vsix (the package checked).
// Exits non-zero when any check fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { ensureCodeServer } from '../vscode/install-code-server.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(repo, 'test-artifacts');
/** Where package.json's `package` script writes the .vsix, relative to the tree it runs in. */
const VSIX_PATH = join('dist', 'attention-explorer.vsix');
const MAX_BYTES = 400 * 1024;
/** `npm run package` must stay well inside the 45 s the pre-stop hook gives it. */
const MAX_PACKAGE_SECONDS = 30;
/** Not copied into the temporary tree: rebuilt (dist), linked (node_modules), or never packaged. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'out', '.git', 'test-artifacts', '.cache', '.vscode-test']);

const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const installedFolder = `${extensionId}-${manifest.version}`;

const results = [];
const tapLines = ['TAP version 13'];
const emit = (line) => {
  console.log(line);
  tapLines.push(line);
};
const note = (text) => {
  for (const line of String(text).split('\n')) emit(`# ${line}`);
};

/** One check: `test` returns (or resolves to) nothing or a note to print; it throws when the check fails. */
async function check(name, test) {
  let detail;
  let ok = true;
  try {
    detail = await test();
  } catch (error) {
    ok = false;
    detail = error.message;
  }
  results.push({ name, ok });
  emit(`${ok ? 'ok' : 'not ok'} ${results.length} - ${name}`);
  if (detail) for (const line of String(detail).split('\n')) emit(`  # ${line}`);
  return ok;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { ...result, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd() };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------------------------
// Reading the .vsix (a zip) with nothing but Node: the central directory gives every entry's name,
// sizes and where its data is; stored and deflated entries are all vsce writes.

function readZip(file) {
  const zip = readFileSync(file);
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory record)`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${index}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size, compressedSize, method, localHeader });
    at += 46 + nameLength + extraLength + commentLength;
  }
  const read = (name) => {
    const entry = entries.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`the .vsix has no ${name}`);
    const local = entry.localHeader;
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`${file}: bad local header of ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data);
    throw new Error(`${name}: unsupported compression method ${entry.method}`);
  };
  return { entries, bytes: zip.length, read };
}

/** The names `unzip -l` lists, or undefined when unzip is not installed. */
function unzipList(file) {
  const result = sh('unzip', ['-l', file]);
  if (result.error?.code === 'ENOENT') return undefined;
  if (result.status !== 0) throw new Error(`unzip -l failed (exit ${result.status}):\n${result.output}`);
  const rows = result.stdout.split('\n');
  const first = rows.findIndex((row) => /^-{4,}/.test(row.trim()));
  const last = rows.findIndex((row, index) => index > first && /^-{4,}/.test(row.trim()));
  // "  Length      Date    Time    Name": the name is everything after the time column.
  return rows.slice(first + 1, last).map((row) => row.replace(/^\s*\d+\s+\S+\s+\S+\s+/, ''));
}

// ---------------------------------------------------------------------------------------------

function copyWorkingTree() {
  const tree = mkdtempSync(join(tmpdir(), 'attention-explorer-package-'));
  for (const entry of readdirSync(repo)) {
    if (NOT_COPIED.has(entry) || entry.endsWith('.vsix')) continue;
    cpSync(join(repo, entry), join(tree, entry), { recursive: true, verbatimSymlinks: true });
  }
  // npm puts node_modules/.bin (vsce, esbuild) on the PATH; esbuild resolves packages through it.
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'), 'dir');
  return tree;
}

/** Every file under `dir`, as paths relative to `root` with forward slashes. */
function filesUnder(root, dir = root) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name)).split('\\').join('/')],
  );
}

/** Relative file paths that the manifest names (entry points, icons), which must be in the .vsix. */
function manifestPaths(pkg) {
  const paths = new Set();
  for (const key of ['main', 'browser', 'icon']) if (typeof pkg[key] === 'string') paths.add(pkg[key]);
  const walk = (value, key) => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    // Not codicons ($(eye)), nor a theme colour's defaults (contributes.colors: "dark": "#ff9f4329").
    else if (typeof value === 'string' && /^(icon|light|dark|path|svg)$/.test(key ?? '') && !value.startsWith('$(') && !value.startsWith('#')) paths.add(value);
  };
  walk(pkg.contributes);
  return [...paths].map((path) => path.replace(/^\.\//, ''));
}

async function main() {
  const started = performance.now();
  rmSync(join(artifacts, 'vsix.tap'), { force: true }); // never let scripts/test.sh count an old run
  const temps = [];
  let layout;
  try {
    // (a) The README's command, in a copy of this tree.
    const tree = copyWorkingTree();
    temps.push(tree);
    note(`building in a copy of the working tree: ${tree}`);
    let packageSeconds = 0;
    const packaged = await check('`npm run package` builds the .vsix', () => {
      const begun = performance.now();
      // Under `npm test` the outer npm's variables (npm_config_local_prefix, npm_package_json, …)
      // name this repo: drop them, so that nothing can point the inner npm back at it.
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$)/i.test(key)));
      const result = sh('npm', ['run', 'package'], { cwd: tree, env });
      packageSeconds = (performance.now() - begun) / 1000;
      const output = result.output.split('\n').map((line) => `| ${line}`).join('\n');
      if (result.error) throw new Error(`npm could not start: ${result.error.message}`);
      assert(result.status === 0, `npm run package failed (exit ${result.status ?? result.signal}) after ${packageSeconds.toFixed(1)} s:\n${output}`);
      assert(existsSync(join(tree, VSIX_PATH)), `npm run package succeeded but wrote no ${VSIX_PATH}:\n${output}`);
      return `${packageSeconds.toFixed(1)} s\n${output}`;
    });
    if (!packaged) return;
    await check(`\`npm run package\` takes under ${MAX_PACKAGE_SECONDS} s (the pre-stop hook allows 45 s)`, () => {
      assert(packageSeconds < MAX_PACKAGE_SECONDS, `it took ${packageSeconds.toFixed(1)} s`);
      return `${packageSeconds.toFixed(1)} s`;
    });
    mkdirSync(artifacts, { recursive: true });
    const vsix = join(artifacts, 'attention-explorer.vsix');
    copyFileSync(join(tree, VSIX_PATH), vsix);

    // (b) What it holds.
    let zip;
    const readable = await check('the .vsix is a readable zip', () => {
      zip = readZip(vsix);
      return `${zip.entries.length} entries, ${kb(zip.bytes)}`;
    });
    if (!readable) return;
    const names = zip.entries.map((entry) => entry.name);
    note(`contents of ${relative(repo, vsix)}:`);
    for (const entry of zip.entries) note(`  ${String(entry.size).padStart(8)}  ${entry.name}`);

    await check('unzip -l lists the same entries', () => {
      const listed = unzipList(vsix);
      if (!listed) return 'unzip is not installed: listed with Node only';
      assert(JSON.stringify([...listed].sort()) === JSON.stringify([...names].sort()), `unzip -l lists:\n${listed.join('\n')}`);
    });

    await check('holds nothing outside extension/ but vsce\'s two manifests', () => {
      const outside = names.filter((name) => !name.startsWith('extension/') && !['extension.vsixmanifest', '[Content_Types].xml'].includes(name));
      assert(outside.length === 0, `found: ${outside.join(', ')}`);
    });
    const files = names.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
    const none = (label, matches) =>
      check(`no ${label}`, () => {
        const found = files.filter(matches);
        assert(found.length === 0, `found: ${found.join(', ')}`);
      });
    await none('sources (src/, webview/, *.ts)', (file) => /^(src|webview)\//.test(file) || /\.[cm]?tsx?$/.test(file));
    await none('tests (test/, dist/test/)', (file) => /(^|\/)test\//.test(file) || /\.test\.[cm]?[jt]s$/.test(file));
    await none('source maps (*.map)', (file) => file.endsWith('.map'));
    await none('node_modules', (file) => file.split('/').includes('node_modules'));
    await none('scripts/, docs/, sample-workspace/, out/, test-artifacts/', (file) => /^(scripts|docs|sample-workspace|out|test-artifacts)\//.test(file));
    await none('development files (tsconfig, eslint, lock file, dot files, the CLI)', (file) =>
      /^(tsconfig[^/]*\.json|eslint\.config\.[cm]?js|package-lock\.json|dist\/cli\.js)$/.test(file) || file.split('/').some((part) => part.startsWith('.')),
    );

    const required = [
      'package.json',
      'readme.md',
      'LICENSE.txt',
      'dist/extension.js',
      'dist/attentionWorker.js',
      'dist/web/extension.js',
      'dist/web/attentionWorker.js',
      'dist/webview/main.js',
      'dist/webview/styles.css',
      'dist/webview/reader.js',
      'dist/webview/reader-styles.css',
      'dist/webview/contexts.js',
      'dist/webview/contexts-styles.css',
      'media/chapter.md',
      'package.nls.json',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.zh-cn.json',
    ];
    await check('holds the manifest and its strings in both languages, README, LICENSE, both extension bundles, their workers, the webview bundles and the chapter', () => {
      const missing = required.filter((file) => !files.includes(file));
      assert(missing.length === 0, `missing: ${missing.join(', ')}`);
    });
    await check('holds every bundle the production build wrote (but the CLI)', () => {
      const built = filesUnder(tree, join(tree, 'dist')).filter((file) => /\.(js|css)$/.test(file) && file !== 'dist/cli.js');
      const missing = built.filter((file) => !files.includes(file));
      assert(missing.length === 0, `built but not packaged: ${missing.join(', ')}`);
      return `${built.length} bundles`;
    });
    await check('holds every file package.json names (main, browser, icons)', () => {
      const missing = manifestPaths(manifest).filter((file) => !files.includes(file));
      assert(missing.length === 0, `missing: ${missing.join(', ')}`);
    });
    await check('its package.json is the repo\'s', () => {
      const packed = JSON.parse(zip.read('extension/package.json').toString('utf8'));
      assert(JSON.stringify(packed) === JSON.stringify(manifest), 'extension/package.json differs from package.json');
    });
    await check('its README is the repo\'s, links unchanged (--no-rewrite-relative-links)', () => {
      assert(zip.read('extension/readme.md').equals(readFileSync(join(tree, 'README.md'))), 'extension/readme.md differs from README.md');
    });
    await check(`its size stays under ${kb(MAX_BYTES)}`, () => {
      const unpacked = zip.entries.reduce((sum, entry) => sum + entry.size, 0);
      const summary = `${kb(zip.bytes)} (${zip.bytes} bytes), ${zip.entries.length} entries (${files.length} files of the extension), ${kb(unpacked)} unpacked`;
      assert(zip.bytes <= MAX_BYTES, summary);
      return summary;
    });

    // (c) Installed into the real VS Code the tests use (code-server), in fresh folders.
    const haveCodeServer = await check('code-server (the tests\' VS Code) is installed', async () => {
      // Installs it on first use (3-6 min), as the integration tests would; at once when cached.
      layout = await ensureCodeServer({ quiet: true });
      return `${layout.codeServerEntry} on ${layout.nodeBin}`;
    });
    if (!haveCodeServer) return;
    const home = mkdtempSync(join(tmpdir(), 'attention-explorer-vsix-install-'));
    temps.push(home);
    const extensionsDir = join(home, 'extensions');
    const configFile = join(home, 'config.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n'); // never code-server's default ~/.config one
    const codeServer = (...args) =>
      sh(layout.nodeBin, [layout.codeServerEntry, '--config', configFile, '--user-data-dir', join(home, 'user-data'), '--extensions-dir', extensionsDir, ...args]);

    await check('code-server --install-extension installs it', () => {
      const result = codeServer('--install-extension', vsix);
      assert(result.status === 0, `exit ${result.status ?? result.signal ?? result.error?.message}:\n${result.output}`);
      return result.output;
    });
    const installed = join(extensionsDir, installedFolder);
    await check(`the extensions folder holds ${installedFolder}/package.json, the manifest packaged`, () => {
      const file = join(installed, 'package.json');
      assert(existsSync(file), `no ${file}; the extensions folder holds: ${filesUnder(extensionsDir).join(', ') || 'nothing'}`);
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      for (const key of ['name', 'publisher', 'version', 'main', 'browser']) {
        assert(pkg[key] === manifest[key], `${key} is ${JSON.stringify(pkg[key])}, expected ${JSON.stringify(manifest[key])}`);
      }
      assert(JSON.stringify(pkg.contributes) === JSON.stringify(manifest.contributes), 'its contributes differ from package.json\'s');
    });
    await check('the installed folder holds exactly the files of the .vsix', () => {
      // VS Code keeps the package's extension.vsixmanifest there, as .vsixmanifest.
      const expected = [...files, '.vsixmanifest'].sort();
      const actual = filesUnder(installed).sort();
      assert(JSON.stringify(actual) === JSON.stringify(expected), `installed: ${actual.join(', ')}\npackaged: ${expected.join(', ')}`);
      const entry = join(installed, 'dist', 'extension.js');
      assert(readFileSync(entry).equals(zip.read('extension/dist/extension.js')), `${entry} differs from the packaged one`);
    });
    await check(`code-server --list-extensions lists ${extensionId}@${manifest.version}`, () => {
      const result = codeServer('--list-extensions', '--show-versions');
      assert(result.status === 0, `exit ${result.status ?? result.signal ?? result.error?.message}:\n${result.output}`);
      const lines = result.stdout.split('\n').map((line) => line.trim());
      assert(lines.includes(`${extensionId}@${manifest.version}`), `it lists:\n${result.output}`);
    });
  } catch (error) {
    await check('the check itself ran to the end', () => {
      throw error;
    });
  } finally {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    const failed = results.filter((result) => !result.ok);
    emit(`1..${results.length}`);
    emit(`# tests ${results.length}`);
    emit(`# pass ${results.length - failed.length}`);
    emit(`# fail ${failed.length}`);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'vsix.tap'), `${tapLines.join('\n')}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (failed.length === 0) {
      console.log(`vsix: ok (${results.length} checks in ${seconds} s)`);
    } else {
      console.log(`vsix: FAILED ${failed.length} of ${results.length} checks in ${seconds} s:`);
      for (const result of failed) console.log(`  not ok - ${result.name}`);
      process.exitCode = 1;
    }
  }
}

await main();
