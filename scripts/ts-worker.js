/**
 * Entry of the heavy-work worker threads when the application runs from its TypeScript sources (Jest, the
 * benchmarks, `node -r ./scripts/ts-register.js`): a worker thread starts without the parent's module hooks, so
 * it registers SWC and the @vigie/* aliases first, then loads the same dispatcher as the built application.
 */
require('./ts-register.js');
module.exports = require('../libs/core/src/jobs/heavy-worker.ts');
