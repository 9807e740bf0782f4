const t = require('tokenizers');
const nfc = t.nfcNormalizer(), nfd = t.nfdNormalizer();
const refs = [0x0334, 0x0316, 0x0301, 0x0345].map(c => String.fromCodePoint(c));
const out = [];
for (let cp = 0; cp <= 0x10FFFF; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue;
  const c = String.fromCodePoint(cp);
  const rec = { cp };
  let interesting = false;
  const a = nfc.normalizeString(c), b = nfd.normalizeString(c);
  if (a !== c) { rec.nfc = a; interesting = true; }
  if (b !== c) { rec.nfd = b; interesting = true; }
  if (b !== c && [...b].length > 1) { const r = nfc.normalizeString(b); if (r !== c) { rec.re = r; } interesting = true; }
  refs.forEach((r, i) => {
    const s1 = 'a' + c + r, s2 = 'a' + r + c;
    const n1 = nfd.normalizeString(s1), n2 = nfd.normalizeString(s2);
    if (n1 !== s1) { rec['x' + i] = n1; interesting = true; }
    if (n2 !== s2) { rec['y' + i] = n2; interesting = true; }
  });
  if (interesting) out.push(JSON.stringify(rec));
}
require('fs').writeFileSync(process.argv[2], out.join('\n') + '\n');
