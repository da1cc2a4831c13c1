/**
 * The DTO helpers of the breaches, now those of core's validation module (kept here under their names for the
 * files that import them).
 */
export { IsInstant, OptionalNotNull, toDate, trim, trimAll } from '@vigie/core';
export { Transform } from 'class-transformer';
