/** The Compare Contexts page's strings, in the display language. */
import { CONTEXTS_STRINGS } from '../../../src/common/l10n/webviewStrings';
import { createTranslator } from '../shared/l10n';

export const t = createTranslator(CONTEXTS_STRINGS);
