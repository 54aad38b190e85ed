// @ts-check
// npm start on a Node older than package.json's "engines" stops at once with one line that says
// which version is needed, instead of failing later somewhere inside a service. Written so that an
// old Node can still parse it.
var engines = require('../package.json').engines.node; // ">=20.19"

/**
 * Undefined when `version` (e.g. "20.20.2") is new enough; otherwise the line to print.
 * @param {string} version
 */
function tooOld(version) {
  var needed = /(\d+)\.(\d+)/.exec(engines);
  var have = /^v?(\d+)\.(\d+)/.exec(version);
  if (!needed || !have) return undefined;
  var newer = Number(have[1]) > Number(needed[1]) || (have[1] === needed[1] && Number(have[2]) >= Number(needed[2]));
  if (newer) return undefined;
  return (
    'The sandbox needs Node ' +
    needed[1] +
    '.' +
    needed[2] +
    ' or newer; this is Node ' +
    version.replace(/^v/, '') +
    ' (see https://nodejs.org).'
  );
}

module.exports = { tooOld };
