// The call cases (call-cases.ts) with the model made in this thread, as `git ai prompt` and a run without a provider
// thread make it.
import { createLanguageModel } from '../../src/providers/provider.js';
import { defineCallTests } from './call-cases.js';

defineCallTests(createLanguageModel);
