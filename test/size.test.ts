// The bounds that keep the diagram's code small enough to read: the contract package holds the
// contract and what it takes to speak it, and nothing else (protos/README.md).
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

describe('the contract package stays the contract', () => {
  it('protos/src holds at most about 550 lines (of code and comments; blank lines aside)', () => {
    const folder = path.join(ROOT, 'protos', 'src');
    const lines = fs
      .readdirSync(folder)
      .flatMap((file) => fs.readFileSync(path.join(folder, file), 'utf8').split('\n'));
    expect(lines.filter((line) => line.trim() !== '').length).to.be.at.most(560);
  });
});
