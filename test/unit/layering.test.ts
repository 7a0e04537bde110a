/** The lint rule that keeps each side of the extension to what it may import fires where it should. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'house/layering').map((m) => m.message);
}

describe('the layering lint rule', () => {
  const cases: [string, string, boolean][] = [
    ['src/common/attention/x.ts', "import * as vscode from 'vscode';", false],
    ['src/common/attention/x.ts', "import { readFileSync } from 'node:fs';", false],
    ['src/common/attention/x.ts', "import { AttentionPanel } from '../../attention/attentionPanel';", false],
    ['src/common/attention/x.ts', "import { tokenize } from './tokenizer';", true],
    ['src/worker/x.ts', "import { SETTINGS } from '../host/settings';", false],
    ['src/worker/x.ts', "import { analyse } from '../common/attention/analysis';", true],
    ['webview/src/attention/x.ts', "import { SETTINGS } from '../../../src/host/settings';", false],
    ['webview/src/attention/x.ts', "import * as vscode from 'vscode';", false],
    ['webview/src/attention/x.ts', "import { parseHostMessage } from '../../../src/common/protocol/attentionPanel';", true],
    ['src/attention/x.ts', "import { t } from '../../webview/src/attention/l10n';", false],
    ['src/attention/x.ts', "import { answer } from '../worker/answer';", false],
    ['src/attention/x.ts', "import * as vscode from 'vscode';", true],
    ['src/cli/x.ts', "import * as vscode from 'vscode';", false],
  ];
  for (const [file, code, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} ${code} in ${file}`, async () => {
      const errors = await layeringErrors(file, `${code}\nexport {};\n`);
      assert.equal(errors.length === 0, allowed, errors.join('; '));
    });
  }
});
