// Jest's moduleNameMapper does not apply to globalSetup/globalTeardown: resolve the @vigie/* aliases there too.
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

register({ baseUrl: resolve(__dirname, '../..'), paths: compilerOptions.paths });
