package spec

// The byte-level alphabet of GPT-2: every byte is written as one printable
// rune so that vocabulary files can hold arbitrary byte strings as text.
// Printable Latin-1 bytes stand for themselves; the others take the runes
// from U+0100 upwards, in byte order.

var (
	byteToRune [256]rune
	runeToByte = map[rune]byte{}
)

func init() {
	next := rune(256)
	for b := 0; b < 256; b++ {
		if printableLatin1(b) {
			byteToRune[b] = rune(b)
		} else {
			byteToRune[b] = next
			next++
		}
		runeToByte[byteToRune[b]] = byte(b)
	}
}

func printableLatin1(b int) bool {
	return ('!' <= b && b <= '~') || (0xA1 <= b && b <= 0xAC) || (0xAE <= b && b <= 0xFF)
}

// ByteLevelDecode turns a token written in the byte-level alphabet into the
// bytes it stands for. ok is false when a rune is outside the alphabet.
func ByteLevelDecode(s string) (raw string, ok bool) {
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		b, found := runeToByte[r]
		if !found {
			return "", false
		}
		buf = append(buf, b)
	}
	return string(buf), true
}

// ByteLevelEncode writes raw bytes in the byte-level alphabet.
func ByteLevelEncode(raw string) string {
	rs := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		rs[i] = byteToRune[raw[i]]
	}
	return string(rs)
}
