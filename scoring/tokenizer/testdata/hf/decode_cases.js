// Writes {"ids", "text"} lines: decode(ids, skipSpecialTokens=false) of random id lists.
const { Tokenizer } = require('tokenizers');
const fs = require('fs');
const tok = Tokenizer.fromFile(process.argv[2]);
let seed = 12345;
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
(async () => {
  const out = [];
  for (let i = 0; i < 500; i++) {
    const ids = [];
    const len = 1 + rnd(8);
    for (let j = 0; j < len; j++) {
      const k = rnd(10);
      ids.push(k < 3 ? rnd(256) : k < 4 ? 151643 + rnd(22) : rnd(151643));
    }
    out.push(JSON.stringify({ ids, text: await tok.decode(ids, false) }));
  }
  fs.writeFileSync(process.argv[3], out.join('\n') + '\n');
})();
