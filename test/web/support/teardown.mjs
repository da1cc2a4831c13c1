import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Removes the data folder of the server the browser tests ran against (it is stopped by then). */
export default function teardown() {
  rmSync(join(tmpdir(), `vigie-web-tests-${process.env.VIGIE_PW_RUN}`), { recursive: true, force: true });
}
