import json, random
random.seed(7)
pool = list("abcXYZ019'sStTrReEvVmMlLdDk.,;:!?-=<>|/\\()[]{}\"#_") + ["ſ","K","ﬆ","ß","ẞ","İ"] + \
  [" ", " ", "  ", "\t", "\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", "\x00", "\x85", "\xa0", "\u1680", "\u2000", "\u200a",
   "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "\u200d", "\u180e"] + \
  ["\u0301", "\u0338", "\u0327", "e\u0301", "A\u030a", "\u1100\u1161\u11a8", "\u1100", "\u1161", "\u11a8", "가", "\u0915\u093c", "\u0958"] + \
  ["<|im_end|>", "<|endoftext|>", "<tool_call>", "</tool_call>", "<|im_start|>", "<think>", "<|", "|>"] + \
  ["😀", "👍🏽", "👨\u200d👩\u200d👧", "中", "文", "日本", "한국", "Привет", "Ⅻ", "½", "①", "٣", "²", "߀", "𝟘", "𐍈"] + \
  ["\U0001E4D0", "\U00011F00", "\U00031350", "\U00010D40", "\U00016100", "\u1B4C", "\u0CF3", "\U0001F6DC", "\U0001E030", "\U00011F50", "\u2FFC", "\u31EF", "\U0002EBF0"] + \
  ["\u07fd", "\u1ac1", "\U00011935\U00011930", "\U00011938", "\u0316", "\u0334", "\u0345", "\ufffd", "\U0010ffff", "\ue000", "\u00ad", "\u061c", "\u2066"]
out = []
for i in range(2000):
    n = random.randint(1, 30)
    out.append("".join(random.choice(pool) for _ in range(n)))
for i in range(40):
    n = random.randint(50, 200)
    out.append("".join(random.choice(pool) for _ in range(n)))
for ch in ["a", " ", "\n", "=", "中", "1", "'s", " \t", "é"]:
    for n in (63, 64, 65, 200, 1000):
        out.append(ch * n)
with open("extra_in.jsonl", "w") as f:
    for t in out:
        f.write(json.dumps({"text": t}) + "\n")
