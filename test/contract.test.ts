// The contract's history (scripts/contract.ts, lesson 20): npm test fails when a change to the
// .proto files would break a caller built on the released contract, or when the Go user-service's
// generated code was not made from today's user.proto.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as protobuf from 'protobufjs';
import {
  additions,
  breakingChanges,
  releasedShape,
  shapeOf,
  shapeOfFolder,
  shapeOfGoUserService,
} from '../scripts/contract';
import { run } from '../scripts/walkthrough';
import { ROOT } from '../launcher/services';

const BEFORE = `
syntax = "proto3";
package shop;
service Shop {
  rpc GetItem (GetItemRequest) returns (Item);
  rpc WatchItems (GetItemRequest) returns (stream Item);
}
message GetItemRequest { string id = 1; }
message Item {
  string id = 1;
  string name = 2;
  int32 count = 3;
  repeated string tags = 4;
  Colour colour = 5;
}
enum Colour { COLOUR_UNSPECIFIED = 0; RED = 1; BLUE = 2; }
`;

const shape = (text: string) => shapeOf(protobuf.parse(text, { keepCase: true }).root);
const changed = (from: string, to: string) => breakingChanges(shape(BEFORE), shape(BEFORE.replace(from, to)));

describe('the contract against its last release (npm run contract)', () => {
  it('protos/*.proto breaks no caller of the released contract (protos/released/contract.json)', () => {
    expect(breakingChanges(releasedShape(), shapeOfFolder(path.join(ROOT, 'protos')))).to.deep.equal([]);
  });

  it("the Go user-service was generated from today's user.proto (user-service-go/userpb)", () => {
    const today = shapeOfFolder(path.join(ROOT, 'protos'));
    const go = shapeOfGoUserService();
    const userOnly = (list: string[]) => list.filter((line) => /\buser\./.test(line));
    expect(userOnly(breakingChanges(go, today))).to.deep.equal([]);
    expect(userOnly(additions(go, today))).to.deep.equal([]);
    expect(Object.keys(go.services)).to.deep.equal(['user.UserService']);
  });

  it('adding a field, a message, an enum value or a method breaks nobody, and is listed as added', () => {
    const after = BEFORE.replace('repeated string tags = 4;', 'repeated string tags = 4;\n  string note = 6;')
      .replace('BLUE = 2;', 'BLUE = 2; GREEN = 3;')
      .replace('message GetItemRequest', 'message Empty {}\nmessage GetItemRequest')
      .replace('rpc GetItem ', 'rpc Ping (Empty) returns (Empty);\n  rpc GetItem ');
    expect(breakingChanges(shape(BEFORE), shape(after))).to.deep.equal([]);
    expect(additions(shape(BEFORE), shape(after))).to.deep.equal([
      'message shop.Empty',
      'field shop.Item.note',
      'enum value shop.Colour.GREEN',
      'method shop.Shop/Ping',
    ]);
  });

  it('flags a field renumbered, retyped, renamed, made repeated or single, and says why it breaks', () => {
    expect(changed('int32 count = 3;', 'int32 count = 7;')).to.deep.equal([
      'shop.Item.count was renumbered 3 → 7: a caller with the old contract sends and reads it as field 3',
    ]);
    expect(changed('int32 count = 3;', 'string count = 3;')).to.deep.equal([
      'shop.Item.count changed type int32 → string: a caller with the old contract reads its bytes as int32',
    ]);
    expect(changed('string name = 2;', 'string title = 2;')).to.deep.equal([
      'shop.Item.name was renamed title (number 2): JSON and generated code know it by its name',
    ]);
    expect(changed('repeated string tags = 4;', 'string tags = 4;')).to.deep.equal([
      'shop.Item.tags changed from repeated to singular',
    ]);
  });

  it('a field removed must have its number and name reserved; a reserved number given to a new field is flagged', () => {
    expect(changed('  int32 count = 3;\n', '')).to.deep.equal([
      'shop.Item.count (number 3) was removed without `reserved 3; reserved "count";`: the number could later be given to another field',
    ]);
    expect(changed('  int32 count = 3;\n', '  reserved 3;\n  reserved "count";\n')).to.deep.equal([]);
    const reserved = BEFORE.replace('  int32 count = 3;\n', '  reserved 3;\n  reserved "count";\n');
    expect(breakingChanges(shape(reserved), shape(reserved.replace('reserved 3;', 'int32 amount = 3;')))).to.deep.equal(
      ['shop.Item.amount uses number 3, which was reserved'],
    );
  });

  it('flags an enum value renumbered or removed, and a method removed or changed', () => {
    expect(changed('BLUE = 2;', 'BLUE = 3;')).to.deep.equal(['shop.Colour.BLUE was renumbered 2 → 3']);
    expect(changed('  rpc GetItem (GetItemRequest) returns (Item);\n', '')).to.deep.equal([
      'shop.Shop/GetItem was removed',
    ]);
    expect(changed('returns (stream Item)', 'returns (Item)')).to.deep.equal([
      'shop.Shop/WatchItems changed: (shop.GetItemRequest → stream shop.Item) → (shop.GetItemRequest → shop.Item)',
    ]);
    expect(
      changed(
        'message GetItemRequest { string id = 1; }',
        'message GetItemRequest { string id = 1; }\nmessage Other { string id = 1; }',
      ).length,
    ).to.equal(0);
  });

  it("lesson 20's two versions of user.proto are today's user.proto with exactly the one line the lesson changes", () => {
    const today = fs.readFileSync(path.join(ROOT, 'protos/user.proto'), 'utf8');
    const email = '  string email = 3; // unique among users\n';
    expect(fs.readFileSync(path.join(ROOT, 'tutorial/contract/phone/user.proto'), 'utf8')).to.equal(
      today.replace(
        email,
        `${email}  string phone = 4; // new in this version: a caller that does not know it skips it\n`,
      ),
    );
    expect(fs.readFileSync(path.join(ROOT, 'tutorial/contract/renumbered/user.proto'), 'utf8')).to.equal(
      today.replace(email, '  string email = 5; // renumbered (was 3): a breaking change\n'),
    );
  });

  it('npm run contract -- <folder>: a copy with email renumbered exits 1 naming the change and why it breaks', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
    try {
      for (const file of ['user.proto', 'product.proto', 'order.proto'])
        fs.copyFileSync(path.join(ROOT, 'protos', file), path.join(copy, file));
      fs.writeFileSync(
        path.join(copy, 'user.proto'),
        fs.readFileSync(path.join(copy, 'user.proto'), 'utf8').replace('string email = 3;', 'string email = 5;'),
      );
      const result = await run(`npm run -s contract -- ${copy}`, process.env, 60_000);
      expect(result.status).to.equal(1);
      expect(result.stderr).to.include(
        `✘ 1 breaking change in ${copy} against the released contract:\n  - user.User.email was renumbered 3 → 5`,
      );
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
