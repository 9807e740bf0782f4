// Writes {"text", "nfc"} lines: the reference NFC of strings built around code
// points whose normalization matters (read from nfc_probe.jsonl: every 25th,
// plus all those listed on the command line as hex).
const t = require('tokenizers');
const fs = require('fs');
const nfc = t.nfcNormalizer(), nfd = t.nfdNormalizer();
const probe = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map(l => JSON.parse(l).cp);
const extra = process.argv.slice(4).map(h => parseInt(h, 16));
const cps = [...new Set([...probe.filter((_, i) => i % 25 === 0), ...extra])].sort((a, b) => a - b);
const out = [];
for (const cp of cps) {
  const c = String.fromCodePoint(cp);
  for (const s of ['a' + c + '\u0334', 'a\u0334' + c + '\u0301', nfd.normalizeString(c) + '\u0316', 'x' + c + '\u0301\u0316']) {
    out.push(JSON.stringify({ text: s, nfc: nfc.normalizeString(s) }));
  }
}
out.push(JSON.stringify({ text: '\u{11935}\u{11930}', nfc: nfc.normalizeString('\u{11935}\u{11930}') }));
fs.writeFileSync(process.argv[3], out.join('\n') + '\n');
