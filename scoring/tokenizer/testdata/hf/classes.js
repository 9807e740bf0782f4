// Prints, for every code point, the class the oracle's Split regex gives it:
// L letter, N number, S space, C \r\n, O other; as runs "start end class".
const { Tokenizer } = require('tokenizers');
const tok = Tokenizer.fromFile(process.argv[2]);
const pt = tok.getPreTokenizer();
const n = s => pt.preTokenizeString(s).length;
let runs = [], cur = null;
for (let cp = 0; cp <= 0x10FFFF; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue;
  const c = String.fromCodePoint(cp);
  let k;
  if (cp === 10 || cp === 13) k = 'C';
  else if (cp === 0x20) k = 'S'; // " !" would be one piece (" ?[^\s\p{L}\p{N}]+")
  else if (n('a' + c) === 1) k = 'L';
  else if (n(c + '!') === 1) k = 'O';
  else if (n(c + 'a') === 1) k = 'S';
  else k = 'N';
  if (cur && cur[2] === k && cur[1] === cp - 1) cur[1] = cp;
  else { cur = [cp, cp, k]; runs.push(cur); }
}
for (const r of runs) console.log(r[0].toString(16), r[1].toString(16), r[2]);
