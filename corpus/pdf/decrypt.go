package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"regexp"
	"sync"
)

// The library reads RC4 and AES-128 encryption but not AES-256 (PDF 2.0,
// /V 5, /R 5 or 6), which is what current tools write for documents that
// open without a password and only restrict printing or editing. Such a file
// (and an RC4 or AES-128 one the library refuses) is decrypted here into a
// plain copy that the library reads.

// decryptFile returns a decrypted copy of the encrypted file data, opened
// with password (empty: no password). It returns an ErrEncrypted *Error when
// the password does not open the file, and nil, nil when the file is not
// encrypted in a way this reads (the Standard handler, /V 1, 2, 4 or 5).
func decryptFile(data []byte, password string, lim Limits) ([]byte, error) {
	objs, _ := scanObjects(data, lim)
	encDict, encID := encryptDict(data, objs)
	if encDict == nil {
		return nil, nil
	}
	enc := dictEntries(encDict)
	if enc["Filter"].str != "Standard" || enc["V"].kind != kNum {
		return nil, nil
	}
	var objKey func(id, gen int64) func([]byte) []byte
	var err error
	switch enc["V"].num {
	case 5:
		objKey, err = aes256Key(enc, password)
	case 1, 2, 4:
		objKey, err = legacyKey(data, encDict, enc, password)
	default:
		return nil, nil
	}
	if err != nil || objKey == nil {
		return nil, err
	}

	// Write every object again, decrypted, then the trailer entries the
	// rebuilt cross-reference stream needs.
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for id := int64(1); id <= objs.top; id++ {
		e, ok := objs.entries[id]
		if !ok || e.kind != 1 || id == encID {
			continue
		}
		body := objectBody(data, int(e.field2))
		if body == nil || bytes.Contains(body[:min(len(body), 256)], []byte("/XRef")) {
			continue
		}
		fmt.Fprintf(&out, "%d %d obj\n", id, e.gen)
		out.Write(decryptObject(body, objKey(id, e.gen)))
		out.WriteString("\nendobj\n")
	}
	out.WriteString("trailer\n<< /Root " + lastRef(data, "/Root"))
	if info := lastRef(data, "/Info"); info != "" {
		out.WriteString(" /Info " + info)
	}
	out.WriteString(" >>\n")
	fixed := rebuildXref(out.Bytes(), lim)
	if fixed == nil {
		return nil, fail(ErrDamaged, "no document catalog after decryption")
	}
	return fixed, nil
}

// aes256Key derives the file key of AES-256 encryption (/V 5, /R 5 or 6).
func aes256Key(enc map[string]operand, password string) (func(id, gen int64) func([]byte) []byte, error) {
	r := enc["R"].num
	u, ue := []byte(enc["U"].str), []byte(enc["UE"].str)
	if r != 5 && r != 6 || len(u) < 48 || len(ue) < 32 {
		return nil, fail(ErrEncrypted, "malformed AES-256 encryption parameters")
	}
	pw := []byte(password)
	if len(pw) > 127 {
		pw = pw[:127]
	}
	hashFn := hash2B
	if r == 5 {
		hashFn = hash2A
	}
	if !bytes.Equal(hashFn(pw, u[32:40], nil), u[:32]) {
		return nil, fail(ErrEncrypted, "AES-256 with a user password")
	}
	block, err := aes.NewCipher(hashFn(pw, u[40:48], nil))
	if err != nil {
		return nil, fail(ErrEncrypted, "%v", err)
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue[:32])
	dec := aesDecrypter(key)
	return func(int64, int64) func([]byte) []byte { return dec }, nil
}

// aesDecrypter decrypts AES-CBC data that starts with its IV and ends with
// PKCS#7 padding; data that cannot be that is returned as it is.
func aesDecrypter(key []byte) func([]byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		return func(b []byte) []byte { return b }
	}
	return func(b []byte) []byte {
		if len(b) < 32 || len(b)%16 != 0 {
			return b
		}
		out := make([]byte, len(b)-16)
		cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:])
		if p := int(out[len(out)-1]); p >= 1 && p <= 16 && p <= len(out) {
			out = out[:len(out)-p]
		}
		return out
	}
}

// passwordPad pads passwords for the RC4 and AES-128 handlers (/R 2 to 4).
var passwordPad = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08" +
	"\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

// legacyKey derives the file key of RC4 and AES-128 encryption (/V 1, 2 or
// 4; /R 2 to 4, ISO 32000-1 algorithms 2 and 6) and returns per-object
// decryption. The library reads most of these itself; this serves the
// files it refuses (e.g. an AES-128 crypt filter whose /Length is in bits).
func legacyKey(data, encDict []byte, enc map[string]operand, password string) (func(id, gen int64) func([]byte) []byte, error) {
	r := int(enc["R"].num)
	o, u := []byte(enc["O"].str), []byte(enc["U"].str)
	if r < 2 || r > 4 || len(o) < 32 || len(u) < 32 {
		return nil, fail(ErrEncrypted, "malformed encryption parameters")
	}
	n := 5
	if r >= 3 {
		if l := enc["Length"]; l.kind == kNum && l.num >= 40 && l.num <= 128 && int(l.num)%8 == 0 {
			n = int(l.num) / 8
		} else {
			n = 16
		}
	}
	var id0 []byte
	if ids := afterKey(data, "/ID"); ids != nil {
		l := lexer{b: ids[:min(len(ids), 1024)]}
		if arr, ok := l.next(0); ok && arr.kind == kArr && len(arr.arr) > 0 {
			id0 = []byte(arr.arr[0].str)
		}
	}
	pw := append([]byte(password), passwordPad...)[:32]
	p := uint32(int64(enc["P"].num)) // written signed or unsigned
	h := md5.New()
	h.Write(pw)
	h.Write(o[:32])
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id0)
	if r >= 4 && enc["EncryptMetadata"].str == "false" {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for range 50 {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	// Algorithm 6: the empty (or given) user password must reproduce /U.
	var check []byte
	if r == 2 {
		check = rc4Crypt(key, passwordPad)
		if !bytes.Equal(check, u[:32]) {
			return nil, fail(ErrEncrypted, "with a user password")
		}
	} else {
		sum := md5.Sum(append(append([]byte{}, passwordPad...), id0...))
		check = rc4Crypt(key, sum[:])
		for i := 1; i <= 19; i++ {
			k := make([]byte, len(key))
			for j := range k {
				k[j] = key[j] ^ byte(i)
			}
			check = rc4Crypt(k, check)
		}
		if !bytes.Equal(check, u[:16]) {
			return nil, fail(ErrEncrypted, "with a user password")
		}
	}
	useAES := enc["V"].num == 4 && bytes.Contains(encDict, []byte("/AESV2"))
	return func(id, gen int64) func([]byte) []byte {
		h := md5.New()
		h.Write(key)
		h.Write([]byte{byte(id), byte(id >> 8), byte(id >> 16), byte(gen), byte(gen >> 8)})
		if useAES {
			h.Write([]byte("sAlT"))
		}
		k := h.Sum(nil)[:min(n+5, 16)]
		if useAES {
			return aesDecrypter(k)
		}
		return func(b []byte) []byte { return rc4Crypt(k, b) }
	}, nil
}

func rc4Crypt(key, b []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return b
	}
	out := make([]byte, len(b))
	c.XORKeyStream(out, b)
	return out
}

// hash2B is the password hash of PDF 2.0 (ISO 32000-2, algorithm 2.B).
func hash2B(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	for i := 0; ; i++ {
		k1 := make([]byte, 0, 64*(len(pw)+len(k)+len(udata)))
		for range 64 {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var next hash.Hash
		switch sum % 3 {
		case 0:
			next = sha256.New()
		case 1:
			next = sha512.New384()
		default:
			next = sha512.New()
		}
		next.Write(e)
		k = next.Sum(nil)
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}

// hash2A is the password hash of the AES-256 extension before PDF 2.0 (/R 5).
func hash2A(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	return h.Sum(nil)
}

// encryptDict returns the bytes of the /Encrypt dictionary (from its "<<")
// and its object number (0 when it is written in the trailer).
func encryptDict(data []byte, objs objectTable) ([]byte, int64) {
	rest := afterKey(data, "/Encrypt")
	if rest == nil {
		return nil, 0
	}
	if ref := refAt(rest[:min(len(rest), 40)]); ref != "" {
		var id, gen int64
		fmt.Sscanf(ref, "%d %d R", &id, &gen)
		e, ok := objs.entries[id]
		if !ok || e.kind != 1 {
			return nil, 0
		}
		body := objectBody(data, int(e.field2))
		if i := bytes.Index(body, []byte("<<")); i >= 0 {
			return body[i:], id
		}
		return nil, 0
	}
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if bytes.HasPrefix(rest, []byte("<<")) {
		return rest, 0
	}
	return nil, 0
}

// dictEntries parses the top-level entries of the dictionary at the start
// of b; nested dictionaries have no content.
func dictEntries(b []byte) map[string]operand {
	m := map[string]operand{}
	l := lexer{b: b}
	l.skipSpace()
	if !bytes.HasPrefix(b[l.pos:], []byte("<<")) {
		return m
	}
	l.pos += 2
	for {
		l.skipSpace()
		if l.pos+1 < len(b) && b[l.pos] == '>' && b[l.pos+1] == '>' {
			return m
		}
		k, ok := l.next(0)
		if !ok || k.kind != kName {
			return m
		}
		v, ok := l.next(0)
		if !ok {
			return m
		}
		m[k.str] = v
	}
}

// objectBody returns the bytes of the object whose "N G obj" header starts at
// off: from after "obj" to before "endobj" (streams included).
func objectBody(data []byte, off int) []byte {
	i := bytes.Index(data[off:min(len(data), off+64)], []byte("obj"))
	if i < 0 {
		return nil
	}
	body := data[off+i+3:]
	// A stream's data may hold any bytes: skip to its end first.
	if s := streamKeyword(body); s >= 0 {
		if e := bytes.Index(body[s:], []byte("endstream")); e >= 0 {
			if end := bytes.Index(body[s+e:], []byte("endobj")); end >= 0 {
				return body[:s+e+end]
			}
		}
	}
	if end := bytes.Index(body, []byte("endobj")); end >= 0 {
		return body[:end]
	}
	return body
}

// streamKeyword returns the position of "stream" after the object's
// dictionary, or -1 when the object is not a stream.
func streamKeyword(body []byte) int {
	l := lexer{b: body}
	for depth := 0; ; {
		l.skipSpace()
		if l.pos >= len(body) {
			return -1
		}
		if bytes.HasPrefix(body[l.pos:], []byte("endobj")) {
			return -1
		}
		if bytes.HasPrefix(body[l.pos:], []byte("stream")) {
			return l.pos
		}
		_, ok := l.next(depth)
		if !ok {
			return -1
		}
	}
}

var lengthEntry = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Length\s+\d+(\s+\d+\s+R)?`) })

// decryptObject rewrites an object body with its strings and stream data
// decrypted by dec.
func decryptObject(body []byte, dec func([]byte) []byte) []byte {
	s := streamKeyword(body)
	head := body
	if s >= 0 {
		head = body[:s]
	}
	var out bytes.Buffer
	l := lexer{b: head}
	last := 0
	for l.pos < len(head) {
		c := head[l.pos]
		switch {
		case c == '%':
			l.skipSpace()
			continue
		case c == '<' && l.pos+1 < len(head) && head[l.pos+1] == '<':
			l.pos += 2
			continue
		case c == '(' || c == '<':
			out.Write(head[last:l.pos])
			l.pos++
			var str string
			if c == '(' {
				str = l.literal()
			} else {
				str = l.hex()
			}
			out.WriteString("<" + hex.EncodeToString(dec([]byte(str))) + ">")
			last = l.pos
			continue
		}
		l.pos++
	}
	out.Write(head[last:])
	if s < 0 {
		return out.Bytes()
	}
	// The stream data: after "stream" and its end of line, up to "endstream".
	rest := body[s+len("stream"):]
	switch {
	case bytes.HasPrefix(rest, []byte("\r\n")):
		rest = rest[2:]
	case len(rest) > 0 && (rest[0] == '\n' || rest[0] == '\r'):
		rest = rest[1:]
	}
	dict := out.Bytes()
	e := bytes.LastIndex(rest, []byte("endstream"))
	if e < 0 {
		return dict
	}
	raw := rest[:e]
	if m := lengthEntry().FindSubmatch(dict); m != nil && len(m[1]) == 0 {
		var n int
		fmt.Sscanf(string(m[0][len("/Length"):]), "%d", &n)
		if n >= 0 && n <= len(raw) {
			raw = raw[:n]
		}
	}
	for len(raw)%16 != 0 && len(raw) > 0 && (raw[len(raw)-1] == '\n' || raw[len(raw)-1] == '\r') {
		raw = raw[:len(raw)-1] // the end of line before "endstream"
	}
	plain := dec(raw)
	dict = lengthEntry().ReplaceAll(dict, []byte(fmt.Sprintf("/Length %d", len(plain))))
	var b bytes.Buffer
	b.Write(dict)
	b.WriteString("stream\n")
	b.Write(plain)
	b.WriteString("\nendstream")
	return b.Bytes()
}
