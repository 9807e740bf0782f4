"""Regenerates loads.jsonl and ops.jsonl with CPython 3.11:
python3 gen_vectors.py  (in this directory)."""
import itertools, json, random

# --- json.loads: repr() and str() of the result, or the exception ---
base = ['', ' ', '1', '-0', '-0.0', '1E2', '1e400', '-1e400', '1e-400', '1.5e-07', '1e16', '1e15', '0.0001', '0.00001',
 'NaN', 'Infinity', '-Infinity', 'nan', 'true', 'false', 'null', 'True', '"a"', "\"it's\"", '"say \\"hi\\" it\'s"',
 '"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\ud800\\u0041"', '"\\u00e9\\u00a0\\u0085\\u200b\\u2028"',
 '"\\t\\n\\r\\b\\f\\/\\\\"', '"\\u0001\\u007f"', '"é中😀"', '"\\u0378"', '"\\ue000"',
 '12345678901234567890', '-12345678901234567890', '9223372036854775807', '9223372036854775808', '-9223372036854775808',
 '1'*4300, '1'*4301, '[1, 2.0, "a", null, true]', '{"a": 1, "b": [1, {"c": "d"}]}', '{"a": 1, "b": 2, "a": 3}',
 '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{1:2}', '{', '[', '"abc', '"a\x01"', '"\\x"', '"\\u12"', '"\\u1234', '"\\',
 '1.', '1e', '1e+', '1e+5', '1.5E-3', '-', '-a', 'nul', 'x\nyz', '[1,\n  2,\n x]', ' \t\n[ ] \r', '{ }', '[[[]]]',
 '"\\ud800\\u12"', '"\\ud800\\u12x4"', '"é" x', 'é', '[1, 2] é', '{"é": 1, "b": é}', '0123', '-01', '00', '1.5.3',
 "[{'bbox_2d': [1,2,3,4]}]", '[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]', '[1e5, 1E+5, 1.0, 100.0, 1e22, 1e23, 5e-324, 2.5e-324]',
 '["\\u0000", "\\u001f", "\\u0080", "\\u00ad", "\\u0600", "\\ufeff", "\\U0001"]', '"\\u00ff\\u0100\\uffff"', '"\\udbff\\udfff"',
 '{"a": {"a": {"a": []}}}', '[-0, -0.0, 0.0, 1.25e+300, -1.7976931348623157e308, 1.7976931348623157e309]',
 '"\\ud800\\ud800"', '"\\udc00\\ud800"', '["\'", "\\"", "\'\\""]', '"\\\\u0041"', '[' * 50 + ']' * 50,
 '[' * 989 + ']' * 989, '{"a":' * 500 + '1' + '}' * 500, '\ufeff[1]', ' \ufeff[1]', '\ufeff', '"\ufeff"',
 '"\\u0cf3\\U0001fadc\\u1e4f0"', '["\\ud800", "\\udfff", "\\U000e0001"]',
]
random.seed(7)
alphabet = ['[',']','{','}','"',',',':','1','0','-','.','e','E','+',' ','\n','a','\\','u','n','t','N','I','é', '2', 'd']
for _ in range(1500):
    base.append(''.join(random.choice(alphabet) for _ in range(random.randint(1, 12))))
# Mutations of realistic documents: deletions, insertions, swaps.
docs = ['[{"bbox_2d": [12, 34.5, 120, 240], "label": "traffic light"}, {"bbox_2d": [1, 2, 3, 4], "label": "é\\u00e9"}]',
        '{"a": [1, -2.5e3, true, false, null], "b": {"c": "d\\n"}}']
for _ in range(600):
    d = list(random.choice(docs))
    for _ in range(random.randint(1, 3)):
        op, i = random.random(), random.randrange(len(d))
        if op < 0.4: del d[i]
        elif op < 0.8: d.insert(i, random.choice(alphabet + ['\t', '\x01', "'"]))
        else: j = random.randrange(len(d)); d[i], d[j] = d[j], d[i]
    base.append(''.join(d))
with open('loads.jsonl', 'w') as f:
    for s in base:
        try:
            v = json.loads(s)
            c = {"in": s, "repr": repr(v), "str": str(v)}
        except Exception as e:
            c = {"in": s, "error": type(e).__name__ + ": " + str(e)}
        f.write(json.dumps(c, ensure_ascii=True) + "\n")

# --- operations on pairs of decoded values ---
vals = ['0', '1', '-1', '2', '3', 'true', 'false', 'null', '1.0', '0.0', '-0.0', '2.5', '1e308', 'NaN', 'Infinity',
        '9223372036854775807', '-9223372036854775808', '123456789012345678901234567890', '9007199254740993', '9007199254740992.0',
        '1' + '0'*400, '"a"', '"abc"', '"bbox_2d"', '"label"', '""', '"İSTANBUL"', '"\\ud800X"', '[]', '[1, 2]', '["bbox_2d", "label"]', '[1.0]',
        '{}', '{"bbox_2d": [1, 2, 3, 4], "label": "cat"}', '{"a": 1}', '-2', '10', '0.1', '0.2']
ops = {
 'in': lambda a, b: b in a, 'getitem': lambda a, b: a[b], 'add': lambda a, b: a + b, 'sub': lambda a, b: a - b,
 'mul': lambda a, b: a * b, 'truediv': lambda a, b: a / b, 'lt': lambda a, b: a < b, 'gt': lambda a, b: a > b,
 'max': lambda a, b: max(a, b), 'min': lambda a, b: min(a, b), 'eq': lambda a, b: a == b,
}
def numeric(v): return type(v) in (int, float, bool)
out = []
for sa, sb in itertools.product(vals, vals):
    a, b = json.loads(sa), json.loads(sb)
    for name, f in ops.items():
        if name in ('add', 'mul') and not (numeric(a) and numeric(b)):
            continue  # sequence concatenation and repetition are not modelled
        try:
            r = f(a, b)
            res = {"repr": repr(r)}
            if name in ('max', 'min'):
                res["which"] = "a" if r is a else "b"
        except Exception as e:
            res = {"error": type(e).__name__ + ": " + str(e)}
        out.append(dict(op=name, a=sa, b=sb, **res))
for sa in vals:
    a = json.loads(sa)
    for name, f in {'iter': lambda a: list(a), 'lower': lambda a: a.lower(), 'float': lambda a: float(a),
                    'truthy': lambda a: bool(a), 'len': lambda a: len(a), 'hash': lambda a: hash(a)}.items():
        if name == 'float' and isinstance(a, str):
            continue
        try:
            r = f(a)
            res = {"repr": repr(r) if name != 'hash' else "ok"}
        except Exception as e:
            res = {"error": type(e).__name__ + ": " + str(e)}
        out.append(dict(op=name, a=sa, **res))
with open('ops.jsonl', 'w') as fh:
    for c in out:
        fh.write(json.dumps(c) + "\n")
