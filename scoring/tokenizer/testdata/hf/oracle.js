// Reads JSON lines {"text": ...} (or plain JSON strings) on stdin, writes {"text","ids"} lines.
const { Tokenizer } = require('tokenizers');
const fs = require('fs');
const tok = Tokenizer.fromFile(process.argv[2]);
const lines = fs.readFileSync(0, 'utf8').split('\n').filter(l => l.length);
(async () => {
  const out = [];
  for (const l of lines) {
    const v = JSON.parse(l);
    const text = typeof v === 'string' ? v : v.text;
    const enc = await tok.encode(text, null, { addSpecialTokens: false });
    out.push(JSON.stringify({ text, ids: Array.from(enc.getIds()) }));
  }
  fs.writeFileSync(process.argv[3], out.join('\n') + '\n');
})();
