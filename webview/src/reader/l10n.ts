/** The reader's strings, in the display language: `t('tryIt')`, `t('cannotShow', message)`. */
import { READER_STRINGS } from '../../../src/common/l10n/webviewStrings';
import { createTranslator } from '../shared/l10n';

export const t = createTranslator(READER_STRINGS);
