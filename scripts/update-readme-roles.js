/** Rewrites the role table of README.md from libs/authz (run: npm run docs:roles). */
require('./ts-register');
const { readFileSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { renderRoleTableMarkdown } = require('../libs/authz/src/role-table.markdown');

const readme = resolve(__dirname, '../README.md');
const text = readFileSync(readme, 'utf8');
const updated = text.replace(
  /(<!-- role-table:start -->)[\s\S]*?(<!-- role-table:end -->)/,
  `$1\n${renderRoleTableMarkdown()}\n$2`,
);
writeFileSync(readme, updated);
console.log(updated === text ? 'README role table already up to date' : 'README role table updated');
